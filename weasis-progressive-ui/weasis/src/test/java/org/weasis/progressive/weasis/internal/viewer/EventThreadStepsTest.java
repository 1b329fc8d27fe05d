package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

class EventThreadStepsTest {
  private static final long WAIT_S = 30;

  /** What the steps did, in order, and how the work ended. */
  private final List<String> trace = new CopyOnWriteArrayList<>();
  private final CompletableFuture<String> end = new CompletableFuture<>();
  private RuntimeException endedWith;

  private EventThreadSteps.Step step(String name, boolean goesOn) {
    return new EventThreadSteps.Step(name, () -> {
      trace.add(name + (SwingUtilities.isEventDispatchThread() ? "" : " off the event thread"));
      return goesOn;
    });
  }

  private EventThreadSteps steps(List<EventThreadSteps.Step> steps, java.util.function.BooleanSupplier busy) {
    return new EventThreadSteps(steps, busy, () -> false, () -> trace.add("take apart"), outcome());
  }

  private EventThreadSteps.Outcome outcome() {
    return new EventThreadSteps.Outcome() {
      @Override
      public void done(String times) {
        end.complete("done " + times.replaceAll(":\\d+", ""));
      }

      @Override
      public void stopped(String before) {
        end.complete("stopped before " + before);
      }

      @Override
      public void ended(String step, RuntimeException error) {
        endedWith = error;
        end.complete("ended at " + step);
      }
    };
  }

  @Test
  void everyStepRunsInOrderOnTheEventThreadThenWhatWasBuiltIsTakenApartOnce() throws Exception {
    steps(List.of(step("build", true), step("paint", true), step("tools", true)), () -> false).start();

    assertEquals("done build,paint,tools", end.get(WAIT_S, TimeUnit.SECONDS));
    assertEquals(List.of("build", "paint", "tools", "take apart"), trace);
  }

  @Test
  void onceWeasisIsBusyTheNextStepsAreDroppedAndWhatWasBuiltIsTakenApart() throws Exception {
    AtomicBoolean busy = new AtomicBoolean();
    EventThreadSteps.Step build = new EventThreadSteps.Step("build", () -> {
      trace.add("build");
      busy.set(true); // a load starts while the first step runs
      return true;
    });

    steps(List.of(build, step("paint", true), step("tools", true)), busy::get).start();

    assertEquals("stopped before paint", end.get(WAIT_S, TimeUnit.SECONDS));
    assertEquals(List.of("build", "take apart"), trace);
  }

  @Test
  void busyFromTheStartRunsNoStepButStillTakesApart() throws Exception {
    steps(List.of(step("build", true), step("paint", true)), () -> true).start();

    assertEquals("stopped before build", end.get(WAIT_S, TimeUnit.SECONDS));
    assertEquals(List.of("take apart"), trace);
  }

  @Test
  void aStepWaitsWhileOtherEventsAreQueuedThenRuns() throws Exception {
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    // Other events are queued the first three times the step is about to run: it yields three times.
    new EventThreadSteps(List.of(step("build", true)), () -> false, () -> asked.incrementAndGet() <= 3,
        () -> trace.add("take apart"), outcome()).start();

    assertEquals("done build", end.get(WAIT_S, TimeUnit.SECONDS));
    assertEquals(4, asked.get(), "times the queue was looked at");
    assertEquals(List.of("build", "take apart"), trace);
  }

  @Test
  void aStepThatEndsTheWorkOrThrowsStopsTheRestAndWhatWasBuiltIsTakenApart() throws Exception {
    steps(List.of(step("build", false), step("paint", true)), () -> false).start();
    assertEquals("ended at build", end.get(WAIT_S, TimeUnit.SECONDS));
    assertNull(endedWith);
    assertEquals(List.of("build", "take apart"), trace);

    EventThreadStepsTest second = new EventThreadStepsTest();
    IllegalStateException failure = new IllegalStateException("no raster");
    EventThreadSteps.Step throwing = new EventThreadSteps.Step("paint", () -> {
      throw failure;
    });
    second.steps(List.of(second.step("build", true), throwing, second.step("tools", true)), () -> false).start();
    assertEquals("ended at paint", second.end.get(WAIT_S, TimeUnit.SECONDS));
    assertSame(failure, second.endedWith);
    assertEquals(List.of("build", "take apart"), second.trace);
    assertTrue(second.trace.stream().noneMatch(t -> t.contains("off the event thread")), second.trace.toString());
  }
}
