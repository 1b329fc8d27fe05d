package org.weasis.progressive.internal.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.weasis.progressive.internal.http.InFlight;

/** The abort switches of one load's requests: cancelling the load aborts those running and any started later. */
final class RunningRequests {
  private final Set<InFlight> running = ConcurrentHashMap.newKeySet();
  private String cancelled;

  /** A switch for one more request; give it back with {@link #end}. */
  InFlight start() {
    InFlight f = new InFlight();
    running.add(f);
    String why;
    synchronized (this) {
      why = cancelled;
    }
    if (why != null) {
      f.cancel(why);
    }
    return f;
  }

  void end(InFlight f) {
    running.remove(f);
  }

  /** The load is cancelled: aborts every running request and every later one. */
  void cancel(String why) {
    synchronized (this) {
      if (cancelled == null) {
        cancelled = why;
      }
    }
    abortRunning(why);
  }

  /** Aborts the requests running now. */
  void abortRunning(String why) {
    running.forEach(f -> f.cancel(why));
  }

  synchronized boolean isCancelled() {
    return cancelled != null;
  }

  int count() {
    return running.size();
  }
}
