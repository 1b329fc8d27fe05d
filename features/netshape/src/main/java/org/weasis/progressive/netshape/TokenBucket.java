package org.weasis.progressive.netshape;

/**
 * One direction of the access link, shared by every connection in that direction, so concurrent transfers
 * split the rate between them as they would on a real line.
 *
 * <p>Kept as the instant at which every byte granted so far has crossed the link (a virtual clock), rather
 * than as a token count refilled by a timer: grants are then exact however late the callers wake up, and
 * callers are served in the order they asked, each at most one chunk at a time.
 */
final class TokenBucket {
  private final double nanosPerByte;
  /** How far in the past the virtual clock may lag: the credit a rested link holds, i.e. the burst. */
  private final long burstNanos;
  /** Guarded by this. The instant at which the bytes granted so far have all crossed the link. */
  private long clearAt;

  /**
   * @param bitsPerSecond the link rate, or {@link LinkProfile#UNLIMITED}
   * @param burstBytes what a rested link may pass at once, before the rate applies
   * @param now the current {@link System#nanoTime()}; the bucket starts full
   */
  TokenBucket(long bitsPerSecond, int burstBytes, long now) {
    this.nanosPerByte = bitsPerSecond == LinkProfile.UNLIMITED ? 0 : 8e9 / bitsPerSecond;
    this.burstNanos = Math.round(burstBytes * nanosPerByte);
    this.clearAt = now - burstNanos;
  }

  /**
   * Books {@code bytes} on the link and returns the {@link System#nanoTime()} at which they have crossed it:
   * {@code now} if the credit covers them, later otherwise. The caller waits until then before it reads more,
   * which is what keeps the share fair and pushes back on the sender.
   */
  synchronized long reserve(int bytes, long now) {
    long oldestCredit = now - burstNanos;
    long start = clearAt - oldestCredit > 0 ? clearAt : oldestCredit;
    clearAt = start + Math.round(bytes * nanosPerByte);
    return clearAt - now > 0 ? clearAt : now;
  }
}
