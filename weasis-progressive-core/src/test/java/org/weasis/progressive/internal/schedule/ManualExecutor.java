package org.weasis.progressive.internal.schedule;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * An executor for scheduler tests: runs the tasks handed to it only when the test says so, one at a time, in
 * the order they were handed over, on the test's thread.
 */
public final class ManualExecutor implements Executor {
  /** More tasks than any test hands over: a job that keeps re-queuing itself ends the test, not a hang. */
  private static final int MOST_TASKS = 10_000;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  /** Runs the oldest task handed over. */
  public void runNext() {
    tasks.remove().run();
  }

  /** Runs tasks, those they hand over too, until none is left. */
  public void runAll() {
    int ran = 0;
    while (!tasks.isEmpty() && ran++ < MOST_TASKS) {
      runNext();
    }
  }
}
