package org.weasis.progressive.weasis.internal.load;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the OS priority of the JVM's JIT compiler threads when the first progressive load starts, so that
 * Weasis' event thread wins the cores while it docks and paints the viewer: on a 2-core machine the compilers
 * had taken a large part of the CPU between the command and the first image shown, and the event thread waited
 * for a core (figures in the README, "Opening studies in Weasis" and "Side by side"). Compiles still run, on
 * whatever CPU nobody else wants.
 *
 * <p>Linux only (the threads are found in {@code /proc/self/task}; {@code setpriority} on a thread id sets that
 * thread's nice value). The target is absolute, the process' own nice value plus the steps, and a thread already
 * there or lower is left alone, so doing it again (a bundle refreshed) changes nothing. Raising a nice value needs
 * no privilege; lowering it again would, so it is never undone. Set {@value #PROPERTY} to 0 to turn it off.
 */
final class CompilerPriority {
  /** A Java or framework property: how many steps of nice the compiler threads go down, 0 to 19; 0 turns it off. */
  static final String PROPERTY = "weasis.progressive.compiler.nice";
  static final int DEFAULT_STEPS = 10;
  private static final int LOWEST = 19;
  private static final int PRIO_PROCESS = 0;
  /** The OS names of HotSpot's compiler threads ("C1 CompilerThread0", cut to 15 characters). */
  static final Predicate<String> COMPILER_THREADS = name -> name.contains("CompilerThre");
  private static final Logger LOG = LoggerFactory.getLogger(CompilerPriority.class);

  private final int steps;
  private final Predicate<String> threads;
  private final AtomicBoolean done = new AtomicBoolean();
  private volatile MethodHandle setpriority;

  private CompilerPriority(int steps, Predicate<String> threads) {
    this.steps = steps;
    this.threads = threads;
  }

  /** For the JVM's compiler threads; {@code value} is the property's (null when unset). */
  static CompilerPriority forCompilers(String value) {
    int steps;
    try {
      steps = steps(value);
    } catch (IllegalArgumentException e) {
      LOG.warn("{}; the JIT compiler threads go down {} steps", e.getMessage(), DEFAULT_STEPS);
      steps = DEFAULT_STEPS;
    }
    return new CompilerPriority(steps, COMPILER_THREADS);
  }

  /** For the threads whose OS names {@code threads} accepts (tests). */
  static CompilerPriority forThreads(int steps, Predicate<String> threads) {
    return new CompilerPriority(steps, threads);
  }

  /**
   * The number of steps {@code value} asks for: the default when it is null or blank.
   *
   * @throws IllegalArgumentException naming the property and the value when that is not a whole number from 0 to 19
   */
  static int steps(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_STEPS;
    }
    try {
      int steps = Integer.parseInt(value.strip());
      if (steps >= 0 && steps <= LOWEST) {
        return steps;
      }
    } catch (NumberFormatException e) {
      // the same message as a number out of range
    }
    throw new IllegalArgumentException(PROPERTY + "=" + value + " is not a whole number from 0 (off) to " + LOWEST);
  }

  /**
   * Links {@code setpriority} ahead, off the path of a load (a first downcall link takes milliseconds). Does
   * nothing where it would not be used.
   */
  void link() {
    if (steps > 0 && onLinux()) {
      try {
        handle();
      } catch (RuntimeException e) { // native access denied: lowerOnce says so
        LOG.debug("setpriority not linked: {}", e.toString());
      }
    }
  }

  /**
   * The first call lowers the threads alive then (a compiler thread the JVM adds later is started by a compiler
   * thread, and Linux gives it that thread's nice value); later calls do nothing. Never throws.
   *
   * @return the thread ids lowered by this call
   */
  List<Integer> lowerOnce() {
    if (steps == 0 || !onLinux() || !done.compareAndSet(false, true)) {
      return List.of();
    }
    long start = System.nanoTime();
    List<Integer> found = threadIds();
    List<Integer> lowered = new ArrayList<>();
    try {
      int target = Math.min(LOWEST, processNice() + steps);
      for (int tid : found) {
        if (lower(tid, target)) {
          lowered.add(tid);
        }
      }
      LOG.info("progressive compiler-threads steps={} found={} lowered={} ms={}", steps, found.size(),
          lowered.size(), (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | RuntimeException e) { // no /proc/self/stat, or native access denied: nothing changed
      LOG.warn("Cannot lower the JIT compiler threads' priority: {}", e.toString());
    }
    return lowered;
  }

  /** Sets thread {@code tid} to nice {@code target} unless it is there or lower already, or has ended. */
  private boolean lower(int tid, int target) {
    try {
      if (niceOf(tid) >= target) {
        return false;
      }
      return (int) handle().invokeExact(PRIO_PROCESS, tid, target) == 0;
    } catch (IOException e) { // the thread ended since the listing
      return false;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) { // invokeExact declares Throwable; setpriority throws nothing else
      throw new IllegalStateException(e);
    }
  }

  /** The ids of this process' threads whose OS names {@link #threads} accepts; none when they cannot be listed. */
  private List<Integer> threadIds() {
    List<Integer> ids = new ArrayList<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        String name = readOrEmpty(task.resolve("comm")).strip();
        if (!name.isEmpty() && threads.test(name)) {
          ids.add(Integer.parseInt(task.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      LOG.debug("Cannot list this process' threads: {}", e.toString());
    }
    return ids;
  }

  /** The nice value of thread {@code tid} of this process. */
  static int niceOf(int tid) throws IOException {
    return niceIn(Path.of("/proc/self/task/" + tid + "/stat"));
  }

  /** The nice value of this process (its main thread's), the base of the target. */
  static int processNice() throws IOException {
    return niceIn(Path.of("/proc/self/stat"));
  }

  /** Field 19 of a {@code stat} file. */
  private static int niceIn(Path stat) throws IOException {
    String text = Files.readString(stat);
    // Fields after the name, which may hold spaces and parentheses: the third field of stat is the first here.
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[19 - 3]);
  }

  /** A thread that ended between the listing and the read has no name any more. */
  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private MethodHandle handle() {
    MethodHandle h = setpriority;
    if (h == null) {
      Linker linker = Linker.nativeLinker();
      h = linker.downcallHandle(linker.defaultLookup().find("setpriority").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT));
      setpriority = h;
    }
    return h;
  }

  private static boolean onLinux() {
    return System.getProperty("os.name", "").startsWith("Linux") && Files.isDirectory(Path.of("/proc/self/task"));
  }
}
