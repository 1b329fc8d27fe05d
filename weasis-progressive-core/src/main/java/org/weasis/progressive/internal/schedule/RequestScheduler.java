package org.weasis.progressive.internal.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 *
 * <p>Across all loads of a host, the frame whose final decodes longest gets its bytes first: while a
 * final of at least {@value #LARGER} times the pixels is still to be fetched from the host (queued, or
 * receiving its body) and ranks no later by request type and priority, smaller finals hold at most one
 * of the host's connections. Concurrent transfers split one link, so without this a large frame's final
 * (a 3036² lossless image beside a stack of 512²) got its share of it only, its last byte came last,
 * and its decode (~110 ms against ~5 ms for a 512²) was the load's tail; ahead of them, that decode
 * overlaps the smaller frames' transfers. First stages (partial data, thumbnails) are never held back.
 * One connection, not none: a large response that comes slowly must not stop the others' finals.
 *
 * <p>A load's {@linkplain Job#firstLook first look} (its focus image's first byte range) runs alone among that
 * load's requests: while it holds a slot, they wait; other loads' do not.
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

    /**
     * Pixels the job decodes at full resolution once its response's last byte is in: the frame's pixel
     * count for a request that ends in the image's final version, 0 for any other (a first stage).
     */
    default long finalPixels() {
      return 0;
    }

    /**
     * True for the first byte-range request of a load's focus image (the image shown first, or the one a view
     * scrolled to): its first version. While it holds its slot, its owner's other requests do not start: they
     * would split the link with it (six 64 KiB first ranges of a stack on one link took six times as long as one),
     * and the image on screen would come with the others. It is never a final, so the larger-finals rule never
     * holds it back.
     */
    default boolean firstLook() {
      return false;
    }
  }

  /**
   * How many times the pixels of another final a final must have to go first: frames of one size class
   * (a stack's images, compressed to slightly different sizes) never hold each other back.
   */
  private static final int LARGER = 4;

  private record Entry(Job job, RequestType type, int priority, long rank, long sequence, long finalPixels,
      boolean firstLook) {}

  /** Request type, then priority: what a larger final must not come after to go first. */
  private static final Comparator<Entry> LEVEL =
      Comparator.comparingInt((Entry e) -> e.type.ordinal()).thenComparingInt(e -> e.priority);

  private static final Comparator<Entry> ORDER =
      LEVEL.thenComparingLong(e -> e.rank).thenComparingLong(e -> e.sequence);

  private final Executor executor;
  /** Waiting jobs in run order. */
  private final TreeSet<Entry> queue = new TreeSet<>(ORDER);
  /** Jobs holding a slot per host: running, and not yet given it back early. */
  private final Map<String, List<Entry>> running = new HashMap<>();
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
        queue.add(new Entry(job, job.requestType(), job.priority(), job.rank(), nextSequence++,
            job.finalPixels(), job.firstLook()));
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
    return running.values().stream().mapToInt(List::size).sum();
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
      Map<String, TreeMap<Entry, Long>> finals = largestFinals();
      for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
        Entry e = it.next();
        List<Entry> busy = running.computeIfAbsent(e.job.host(), h -> new ArrayList<>());
        if (busy.size() < e.job.hostLimit() && !waitsForLargerFinal(e, busy, finals.get(e.job.host()))
            && !waitsForFirstLook(e, busy)) {
          busy.add(e);
          toStart.add(e);
          it.remove();
        }
      }
    }
    for (Entry e : toStart) {
      Turn after = handedOver != null && handedOver.host.equals(e.job.host()) ? handedOver : null;
      handedOver = after != null ? null : handedOver;
      start(e, after);
    }
  }

  /** Per host, the largest final still to fetch (queued or holding a slot) at each type and priority. */
  private Map<String, TreeMap<Entry, Long>> largestFinals() {
    Map<String, TreeMap<Entry, Long>> largest = new HashMap<>();
    running.values().forEach(busy -> busy.forEach(e -> countFinal(largest, e)));
    queue.forEach(e -> countFinal(largest, e));
    return largest;
  }

  private static void countFinal(Map<String, TreeMap<Entry, Long>> largest, Entry e) {
    if (e.finalPixels > 0) {
      largest.computeIfAbsent(e.job.host(), h -> new TreeMap<>(LEVEL)).merge(e, e.finalPixels, Math::max);
    }
  }

  /**
   * True when {@code e} is a final that a larger one of its host goes before (see the class comment) and
   * such a smaller final already holds one of the host's slots.
   */
  private static boolean waitsForLargerFinal(Entry e, List<Entry> busy, TreeMap<Entry, Long> largest) {
    return isHeldBack(e, largest) && busy.stream().anyMatch(b -> isHeldBack(b, largest));
  }

  /** True when a first look of {@code e}'s owner holds a slot of the host (see {@link Job#firstLook}). */
  private static boolean waitsForFirstLook(Entry e, List<Entry> busy) {
    return !e.firstLook && busy.stream().anyMatch(b -> b.firstLook && b.job.owner() == e.job.owner());
  }

  /** A final with a final of {@value #LARGER} times its pixels or more, ranked no later, still to fetch. */
  private static boolean isHeldBack(Entry e, TreeMap<Entry, Long> largest) {
    if (e.finalPixels == 0 || largest == null) {
      return false;
    }
    long before = largest.headMap(e, true).values().stream().mapToLong(Long::longValue).max().orElse(0);
    return before >= LARGER * e.finalPixels;
  }

  private void start(Entry entry, Turn after) {
    try {
      executor.execute(() -> runAndRelease(entry, after));
    } catch (RejectedExecutionException e) {
      release(entry);
      throw e;
    }
  }

  private void runAndRelease(Entry entry, Turn after) {
    Job job = entry.job;
    Turn turn = new Turn(job.host(), Thread.currentThread(), new CompletableFuture<>());
    AtomicBoolean held = new AtomicBoolean(true);
    try {
      job.run(() -> {
        if (held.getAndSet(false)) {
          release(entry);
          dispatch(turn);
        }
        if (after != null) {
          after.await();
        }
      });
    } finally {
      if (held.getAndSet(false)) {
        release(entry);
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

  private synchronized void release(Entry entry) {
    running.get(entry.job.host()).remove(entry);
  }
}
