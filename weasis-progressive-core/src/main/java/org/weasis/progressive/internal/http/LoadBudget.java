package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The frame bytes one load may hold at once, over all its frames in flight: without it a server sending
 * several endless frames side by side fills the heap even though each stays under the frame limit.
 * Frame buffers reserve every array they make, and give an array back once it is garbage: a buffer
 * that grows holds its old array and its new one until the copy is done, and both count.
 *
 * <p>When the budget is full, the frame that holds the most is the one refused: an endless frame is then
 * refused on its next growth, drops its bytes, and a small frame that asked meanwhile waits for them
 * instead of failing for the hog's sake.
 */
final class LoadBudget {
  /** How long a frame waits for a larger one to give its bytes back. */
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final long limit;
  private final Map<Object, Long> holders = new HashMap<>();
  private long held;

  LoadBudget(long limit) {
    this.limit = limit;
  }

  long limit() {
    return limit;
  }

  synchronized long held() {
    return held;
  }

  /**
   * Takes between {@code least} and {@code most} bytes for {@code holder} — as many as are free — waiting
   * while a larger holder should give way, or fails naming the frame.
   *
   * @return the bytes taken
   */
  synchronized long reserve(Object holder, long least, long most, URI frame) throws IOException {
    long waitUntil = System.nanoTime() + WAIT_NANOS;
    while (least > limit - held) {
      long left = waitUntil - System.nanoTime();
      if (isLargest(holder) || left <= 0) {
        throw new IOException("Frame at " + frame + " needs " + least + " more bytes, over the load's budget of "
            + limit + " bytes (" + held + " held by its frames in flight; the node's maxLoadBytes)");
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("Interrupted while waiting for the load's budget");
      }
    }
    long taken = Math.min(most, limit - held);
    held += taken;
    holders.merge(holder, taken, Long::sum);
    return taken;
  }

  /** Gives back {@code bytes} of what {@code holder} took: an array it no longer uses. */
  synchronized void release(Object holder, long bytes) {
    if (bytes > 0) {
      holders.merge(holder, -bytes, (had, less) -> had + less == 0 ? null : had + less);
      held -= bytes;
      notifyAll();
    }
  }

  /** Gives back everything {@code holder} took. */
  synchronized void releaseAll(Object holder) {
    Long had = holders.remove(holder);
    if (had != null) {
      held -= had;
      notifyAll();
    }
  }

  private boolean isLargest(Object holder) {
    long mine = holders.getOrDefault(holder, 0L);
    return holders.values().stream().allMatch(other -> other <= mine);
  }
}
