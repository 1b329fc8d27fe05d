package org.weasis.progressive.internal.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.weasis.progressive.api.RequestType;

/**
 * The one queue of all loads' frame requests: interaction before thumbnail before prefetch, lower
 * priority number first, then the load's strategy rank; a request starts only while its host has a free
 * slot. Requests run on the given executor, so tests can step it by hand.
 */
public final class RequestScheduler {
  /** A queued unit of work; {@code rank} is fixed when queued (re-queue to change it). */
  public interface Job {
    Object owner();

    String host();

    int hostLimit();

    RequestType requestType();

    int priority();

    long rank();

    /**
     * Does the work. The job's host slot is released when it returns or throws, or earlier when it runs
     * {@code releaseSlot}: a job whose response is in but whose decode is still to come gives its slot
     * to the next request, so the link does not idle while it decodes. {@code releaseSlot} then waits
     * until the job that handed this one its slot early has finished, so that on one slot the results
     * still come in request order (the focus image before the next, even if the next decodes faster).
     */
    void run(Runnable releaseSlot);
  }

  private record Entry(Job job, RequestType type, int priority, long rank, long sequence) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingInt((Entry e) -> e.type.ordinal())
          .thenComparingInt(e -> e.priority)
          .thenComparingLong(e -> e.rank)
          .thenComparingLong(e -> e.sequence);

  private final Executor executor;
  /** Waiting jobs in run order. */
  private final TreeSet<Entry> queue = new TreeSet<>(ORDER);
  /** Running jobs per host. */
  private final Map<String, Integer> running = new HashMap<>();
  private long nextSequence;
  private boolean closed;

  public RequestScheduler(Executor executor) {
    this.executor = executor;
  }

  /** Queues a job and starts whatever may start now. */
  public void submit(Job job) {
    submitAll(List.of(job));
  }

  /** Queues jobs together, so that the best of them starts first, not the first submitted. */
  public void submitAll(List<? extends Job> jobs) {
    synchronized (this) {
      if (closed) {
        throw new RejectedExecutionException("The scheduler is closed");
      }
      for (Job job : jobs) {
        queue.add(new Entry(job, job.requestType(), job.priority(), job.rank(), nextSequence++));
      }
    }
    dispatch();
  }

  /** Removes and returns the queued jobs of an owner (running ones are the owner's to abort). */
  public synchronized List<Job> removeQueued(Object owner) {
    List<Job> removed = new ArrayList<>();
    for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.job.owner() == owner) {
        removed.add(e.job);
        it.remove();
      }
    }
    return removed;
  }

  /** Removes one queued job; true if it was still waiting. */
  public synchronized boolean removeQueued(Job job) {
    return queue.removeIf(e -> e.job == job);
  }

  public synchronized int queuedCount(Object owner) {
    return (int) queue.stream().filter(e -> e.job.owner() == owner).count();
  }

  public synchronized int runningCount() {
    return running.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Refuses new jobs and forgets the queued ones. */
  public synchronized void close() {
    closed = true;
    queue.clear();
  }

  private void dispatch() {
    dispatch(null);
  }

  /**
   * Starts what may start now; the first job started on {@code handedOver}'s host takes the slot that
   * job gave back early and waits for it before its own result (see {@link Job#run}).
   */
  private void dispatch(Turn handedOver) {
    List<Entry> toStart = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
        Entry e = it.next();
        int busy = running.getOrDefault(e.job.host(), 0);
        if (busy < e.job.hostLimit()) {
          running.put(e.job.host(), busy + 1);
          toStart.add(e);
          it.remove();
        }
      }
    }
    for (Entry e : toStart) {
      Turn after = handedOver != null && handedOver.host.equals(e.job.host()) ? handedOver : null;
      handedOver = after != null ? null : handedOver;
      start(e.job, after);
    }
  }

  private void start(Job job, Turn after) {
    try {
      executor.execute(() -> runAndRelease(job, after));
    } catch (RejectedExecutionException e) {
      release(job);
      throw e;
    }
  }

  private void runAndRelease(Job job, Turn after) {
    Turn turn = new Turn(job.host(), Thread.currentThread(), new CompletableFuture<>());
    AtomicBoolean held = new AtomicBoolean(true);
    try {
      job.run(() -> {
        if (held.getAndSet(false)) {
          release(job);
          dispatch(turn);
        }
        if (after != null) {
          after.await();
        }
      });
    } finally {
      if (held.getAndSet(false)) {
        release(job);
        dispatch();
      }
      turn.done.complete(null);
    }
  }

  /** A running job's end, which the job that took its slot early waits for before its own result. */
  private record Turn(String host, Thread thread, CompletableFuture<Void> done) {
    void await() {
      if (thread != Thread.currentThread()) { // an inline executor runs the next job inside this one
        done.join();
      }
    }
  }

  private synchronized void release(Job job) {
    running.merge(job.host(), -1, Integer::sum);
  }
}
