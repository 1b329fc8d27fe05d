package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class CompilerPriorityTest {

  @Test
  void thePropertyIsAWholeNumberOfStepsFromZeroToNineteenAndUnsetMeansTen() {
    assertEquals(10, CompilerPriority.steps(null));
    assertEquals(10, CompilerPriority.steps(" "));
    assertEquals(0, CompilerPriority.steps("0"));
    assertEquals(19, CompilerPriority.steps(" 19 "));
    for (String wrong : List.of("20", "-1", "ten", "2.5")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompilerPriority.steps(wrong));
      assertEquals("weasis.progressive.compiler.nice=" + wrong + " is not a whole number from 0 (off) to 19",
          e.getMessage());
    }
  }

  @Test
  void theCompilerThreadsAreHotSpotsC1AndC2ThreadsByTheirOsNames() {
    assertTrue(CompilerPriority.COMPILER_THREADS.test("C1 CompilerThre"));
    assertTrue(CompilerPriority.COMPILER_THREADS.test("C2 CompilerThre"));
    assertFalse(CompilerPriority.COMPILER_THREADS.test("AWT-EventQueue-"));
    assertFalse(CompilerPriority.COMPILER_THREADS.test("VM Thread"));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void thisJvmHasCompilerThreadsThatTheNamesFind() throws Exception {
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      List<String> names = tasks.map(t -> {
        try {
          return Files.readString(t.resolve("comm")).strip();
        } catch (Exception e) {
          return "";
        }
      }).toList();
      assertTrue(names.stream().anyMatch(CompilerPriority.COMPILER_THREADS), "threads: " + names);
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void theChosenThreadsGoTheStepsBelowTheProcessOnceAndNoOtherThreadChanges() throws Exception {
    int base = CompilerPriority.processNice();
    Assumptions.assumeTrue(base <= 16, "the test JVM runs at nice " + base + ": no room for 3 steps");
    try (ParkedThread target = new ParkedThread("progressive-nice-target")) {
      int tid = target.tid();
      int mine = CompilerPriority.niceOf(currentTid());
      // The OS name is cut to 15 characters.
      CompilerPriority priority = CompilerPriority.forThreads(3, name -> name.equals("progressive-nic"));

      assertEquals(List.of(tid), priority.lowerOnce());
      assertEquals(List.of(), priority.lowerOnce());

      assertEquals(base + 3, CompilerPriority.niceOf(tid));
      assertEquals(mine, CompilerPriority.niceOf(currentTid()));
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aThreadAlreadyLowerThanTheTargetIsLeftAlone() throws Exception {
    int base = CompilerPriority.processNice();
    Assumptions.assumeTrue(base <= 14, "the test JVM runs at nice " + base + ": no room for 5 steps");
    try (ParkedThread target = new ParkedThread("progressive-low-target")) {
      CompilerPriority.forThreads(5, name -> name.equals("progressive-low")).lowerOnce();

      // A second instance (a refreshed bundle) aiming higher than where the thread is already.
      assertEquals(List.of(), CompilerPriority.forThreads(3, name -> name.equals("progressive-low")).lowerOnce());

      assertEquals(base + 5, CompilerPriority.niceOf(target.tid()));
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void zeroStepsChangesNothing() throws Exception {
    try (ParkedThread target = new ParkedThread("progressive-off-target")) {
      int before = CompilerPriority.niceOf(target.tid());

      assertEquals(List.of(), CompilerPriority.forThreads(0, name -> name.equals("progressive-off")).lowerOnce());

      assertEquals(before, CompilerPriority.niceOf(target.tid()));
    }
  }

  /** This thread's id as the OS knows it: the task whose name is the one given to it here for a moment. */
  private static int currentTid() throws Exception {
    Thread me = Thread.currentThread();
    String name = me.getName();
    me.setName("progressive-self");
    try {
      return tidNamed("progressive-sel");
    } finally {
      me.setName(name);
    }
  }

  private static int tidNamed(String osName) throws Exception {
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      List<Integer> ids = tasks.filter(t -> {
        try {
          return Files.readString(t.resolve("comm")).strip().equals(osName);
        } catch (Exception e) {
          return false;
        }
      }).map(t -> Integer.parseInt(t.getFileName().toString())).toList();
      assertEquals(1, ids.size(), "threads named " + osName + ": " + ids);
      return ids.getFirst();
    }
  }

  /** A platform thread that waits, under a name the OS sees, until closed. */
  private static final class ParkedThread implements AutoCloseable {
    private final CountDownLatch end = new CountDownLatch(1);
    private final AtomicInteger tid = new AtomicInteger();
    private final Thread thread;

    ParkedThread(String name) throws InterruptedException {
      CountDownLatch named = new CountDownLatch(1);
      thread = Thread.ofPlatform().name(name).start(() -> {
        named.countDown();
        try {
          end.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertTrue(named.await(5, TimeUnit.SECONDS));
    }

    int tid() throws Exception {
      if (tid.get() == 0) {
        tid.set(tidNamed(thread.getName().substring(0, 15)));
      }
      return tid.get();
    }

    @Override
    public void close() throws InterruptedException {
      end.countDown();
      thread.join();
    }
  }
}
