package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.weasis.internal.viewer.FirstImageGate.ViewState;

class FirstImageGateTest {
  /** Far longer than any step here takes, even on a busy machine. */
  private static final long WAIT_S = 20;
  /** The gate's bound here: far longer than the waits, so that a gate opening did not come from its bound. */
  private static final long HOLD_MS = 600_000;

  @Test
  void theViewersFirstVersionGoesThroughAndTheOthersWaitUntilAViewShowsTheStudy() throws Exception {
    AtomicReference<ViewState> views = new AtomicReference<>(ViewState.HELD);
    FirstImageGate gate = new FirstImageGate(views::get, HOLD_MS, "1.2.3", System.nanoTime());

    gate.awaitTurn(true); // returns at once: the first version of the viewer's series
    Waiter other = Waiter.start(() -> gate.awaitTurn(false));
    Waiter viewerSecond = Waiter.start(() -> gate.awaitTurn(true));
    other.awaitBlocked();
    viewerSecond.awaitBlocked();
    assertFalse(gate.isOpen(), "a view holds the study but shows no image yet");

    views.set(ViewState.SHOWN);

    assertTrue(other.done.await(WAIT_S, TimeUnit.SECONDS), "the other series goes on once the image shows");
    assertTrue(viewerSecond.done.await(WAIT_S, TimeUnit.SECONDS), "so do the viewer series' next versions");
    assertTrue(gate.isOpen());
  }

  @Test
  void theOtherSeriesStopWaitingWhenTheViewersSeriesEndsWithoutHandingAnythingOver() throws Exception {
    FirstImageGate gate = new FirstImageGate(() -> ViewState.HELD, HOLD_MS, "1.2.3", System.nanoTime());
    Waiter other = Waiter.start(() -> gate.awaitTurn(false));
    other.awaitBlocked();

    gate.viewerSeriesEnded("loads the stock way");

    assertTrue(other.done.await(WAIT_S, TimeUnit.SECONDS));
  }

  @Test
  void whenNoViewEverHoldsTheStudyTheGateOpensWithoutWaitingForItsBound() throws Exception {
    FirstImageGate gate = new FirstImageGate(() -> ViewState.NO_VIEW, HOLD_MS, "1.2.3", System.nanoTime());
    gate.awaitTurn(true);
    Waiter other = Waiter.start(() -> gate.awaitTurn(false));

    assertTrue(other.done.await(WAIT_S, TimeUnit.SECONDS), "Weasis opened no viewer: nothing to wait for");
    assertTrue(gate.isOpen());
  }

  @Test
  void theEndOfTheViewersSeriesAfterItsFirstVersionWentThroughLeavesTheGateToTheViews() throws Exception {
    AtomicReference<ViewState> views = new AtomicReference<>(ViewState.HELD);
    FirstImageGate gate = new FirstImageGate(views::get, HOLD_MS, "1.2.3", System.nanoTime());
    gate.awaitTurn(true);

    gate.viewerSeriesEnded("done");

    assertFalse(gate.isOpen(), "its image is on its way to the view");
    views.set(ViewState.SHOWN);
    Waiter other = Waiter.start(() -> gate.awaitTurn(false));
    assertTrue(other.done.await(WAIT_S, TimeUnit.SECONDS));
  }

  /** A series thread at the gate. */
  private record Waiter(Thread thread, CountDownLatch done) {
    static Waiter start(Runnable atGate) {
      CountDownLatch done = new CountDownLatch(1);
      Thread t = Thread.ofPlatform().daemon().start(() -> {
        atGate.run();
        done.countDown();
      });
      return new Waiter(t, done);
    }

    /** Returns once the thread waits at the gate (it may not have got there yet when started). */
    void awaitBlocked() throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
      while (thread.getState() != Thread.State.TIMED_WAITING && done.getCount() > 0) {
        if (System.nanoTime() > end) {
          throw new AssertionError("the thread never waited; it is " + thread.getState());
        }
        Thread.onSpinWait();
      }
      assertTrue(done.getCount() > 0, "the thread went through the gate instead of waiting");
    }
  }
}
