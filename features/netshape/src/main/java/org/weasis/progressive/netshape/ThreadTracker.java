package org.weasis.progressive.netshape;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Starts the shaper's threads and keeps hold of them, so that close() can wait until none is left running. */
final class ThreadTracker {
  private final String prefix;
  /** Started threads; finished ones are dropped lazily, since close() must join a thread, not just see it end. */
  private final Set<Thread> started = ConcurrentHashMap.newKeySet();
  /** Guarded by this. */
  private boolean refusing;

  ThreadTracker(String prefix) {
    this.prefix = prefix;
  }

  /** Starts {@code task} on a virtual thread named prefix + name, or returns empty once close has begun. */
  synchronized Optional<Thread> start(String name, Runnable task) {
    if (refusing) {
      return Optional.empty();
    }
    started.removeIf(thread -> !thread.isAlive());
    Thread thread = Thread.ofVirtual().name(prefix + name).unstarted(task);
    started.add(thread);
    thread.start();
    return Optional.of(thread);
  }

  /** From now on, {@link #start} starts nothing. */
  synchronized void refuseNew() {
    refusing = true;
  }

  /** Waits for every started thread to end; returns the names of those still running at the timeout. */
  List<String> awaitAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : List.copyOf(started)) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        thread.join(Duration.ofNanos(left));
      }
    }
    return started.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
  }
}
