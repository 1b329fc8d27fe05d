package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The abort switch of one request: the engine cancels loads from another thread, and the only way to
 * stop a blocked read is to close its connection.
 */
public final class InFlight {
  private Runnable aborter;
  private boolean cancelled;
  private String reason;

  /** Aborts the running request, if any, and every later one made with this switch. */
  public void cancel(String why) {
    Runnable toRun;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      reason = why;
      toRun = aborter;
      notifyAll();
    }
    if (toRun != null) {
      toRun.run();
    }
  }

  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Throws if cancelled: checked before each attempt and each retry wait. */
  public synchronized void check() throws InterruptedIOException {
    if (cancelled) {
      throw new InterruptedIOException("Cancelled: " + reason);
    }
  }

  /** Waits before a retry, returning early (with an exception) on cancel. */
  public synchronized void pause(long millis) throws InterruptedIOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long left;
    while (!cancelled && (left = deadline - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while waiting to retry");
      }
    }
    check();
  }

  /** Sets what aborts the current request; runs it at once if already cancelled. */
  void attach(Runnable abort) throws IOException {
    synchronized (this) {
      if (!cancelled) {
        aborter = abort;
        return;
      }
    }
    abort.run();
    check();
  }

  synchronized void detach() {
    aborter = null;
  }
}
