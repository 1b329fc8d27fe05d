package org.weasis.progressive.weasis.internal.viewer;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.awt.Toolkit;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * Background work that must run on Swing's event thread, cut into steps: each step is one task, queued only once
 * the previous one ran, and run only when no other event waits in the queue (else it yields and is tried again
 * {@value #YIELD_MS} ms later), so that a user's event, or a command Weasis queued, waits at most for one step.
 * Before each step, {@code busy} is asked; when it says so, the remaining steps are dropped. Whatever happens (the last step ran, a step ended the work or
 * threw, Weasis became busy), {@code takeApart} runs once at the end, on the event thread.
 */
final class EventThreadSteps {
  /** One step; returns false when the work ends there. */
  record Step(String name, BooleanSupplier run) {}

  /** How the work ended; called on the event thread after {@code takeApart}. */
  interface Outcome {
    /** All steps ran; {@code times} is "name:ms,..." of each step. */
    void done(String times);

    /** Weasis became busy before step {@code before}. */
    void stopped(String before);

    /** Step {@code step} ended the work (returned false or threw {@code error}, null when it returned false). */
    void ended(String step, RuntimeException error);
  }

  /** How long a step waits when other events are queued before it is tried again. */
  static final int YIELD_MS = 50;

  private final List<Step> steps;
  private final BooleanSupplier busy;
  private final BooleanSupplier eventsWaiting;
  private final Runnable takeApart;
  private final Outcome outcome;
  private final StringBuilder times = new StringBuilder();

  EventThreadSteps(List<Step> steps, BooleanSupplier busy, Runnable takeApart, Outcome outcome) {
    this(steps, busy, EventThreadSteps::eventsQueued, takeApart, outcome);
  }

  /** As above; {@code eventsWaiting} says whether other events wait on the event thread (tests give their own). */
  EventThreadSteps(List<Step> steps, BooleanSupplier busy, BooleanSupplier eventsWaiting, Runnable takeApart,
      Outcome outcome) {
    this.steps = List.copyOf(steps);
    this.busy = busy;
    this.eventsWaiting = eventsWaiting;
    this.takeApart = takeApart;
    this.outcome = outcome;
  }

  /** Queues the first step; returns at once. */
  void start() {
    queue(0);
  }

  private static boolean eventsQueued() {
    return Toolkit.getDefaultToolkit().getSystemEventQueue().peekEvent() != null;
  }

  private void queue(int index) {
    SwingUtilities.invokeLater(() -> run(index));
  }

  private void run(int index) {
    Step step = steps.get(index);
    if (!busy.getAsBoolean() && eventsWaiting.getAsBoolean()) {
      Timer later = new Timer(YIELD_MS, e -> run(index));
      later.setRepeats(false);
      later.start();
      return;
    }
    if (busy.getAsBoolean()) {
      takeApart.run();
      outcome.stopped(step.name());
      return;
    }
    long begin = System.nanoTime();
    boolean goesOn;
    RuntimeException error = null;
    try {
      goesOn = step.run().getAsBoolean();
    } catch (RuntimeException e) {
      goesOn = false;
      error = e;
    }
    times.append(times.isEmpty() ? "" : ",").append(step.name()).append(':')
        .append(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    if (goesOn && index + 1 < steps.size()) {
      queue(index + 1);
      return;
    }
    takeApart.run();
    if (goesOn) {
      outcome.done(times.toString());
    } else {
      outcome.ended(step.name(), error);
    }
  }
}
