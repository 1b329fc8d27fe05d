package org.weasis.progressive.internal.engine;

/**
 * When a streamed frame's prefix is worth inspecting, and a partial decode worth starting. On a slow link
 * every finer level is worth showing as soon as its bytes are in. On a fast one the last byte comes before
 * a partial decode of a fine level would end: that decode would then only take a core from the final's,
 * which is why unshaped HTJ2K streaming ended about three times later than a plain load (issue 11). And
 * inspecting the whole prefix after every read costs the reading thread time that grows with the square
 * of the frame; inspecting after each eighth of growth keeps it linear (small prefixes, where levels are
 * close together, are still inspected after every read), and once even the next finer level would not
 * be worth decoding, the prefix is not inspected at all (on a LAN, the rest of a 3036² frame then
 * arrives without a dozen inspections of megabytes on the reading thread).
 */
final class StreamingPace {
  /** The prefix is inspected again once it grew by 1/8 of what was inspected last. */
  static final int GROWTH_DIVISOR = 8;
  /**
   * Decode time per output sample: OpenJPEG's HTJ2K on one core here (3036² in ~165 ms). A fixed figure,
   * not one learned from the frame's own partial decodes: a decode slowed by a busy machine would then
   * make every finer level look too late to show, even on a link that stalls.
   */
  static final double NANOS_PER_SAMPLE = 20;
  /**
   * How much longer than its estimate the rest of the body must take for a decode to start: the estimate
   * is one core's on a quiet machine, a busy one runs the decode up to twice as long (measured with the
   * bench at load average 2-10), and a decode still running when the last byte comes takes a core from
   * the final's decode, which then ends that much later.
   */
  static final double MARGIN = 2;

  private long inspectedAt = -1;
  /**
   * Where the rate is measured from: the body as it was when it last doubled but one, so that the rate
   * is the recent one (the last half to three quarters of the bytes). A rate since the first byte
   * counted TCP's slow start on a LAN, where the rest then came several times faster than predicted
   * and a partial decode ran on past the last byte; on a link that stalls, the recent rate drops and
   * the levels are shown.
   */
  private long fromNanos = -1;
  private long fromBytes;
  /** When the body last doubled. */
  private long doubledNanos;
  private long doubledBytes;

  /** On the reading thread, after each read: {@code received} body bytes at {@code nowNanos}. */
  void arrived(long received, long nowNanos) {
    if (fromNanos < 0) {
      fromNanos = doubledNanos = nowNanos;
      fromBytes = doubledBytes = received;
    } else if (received >= 2 * Math.max(1, doubledBytes)) {
      fromNanos = doubledNanos;
      fromBytes = doubledBytes;
      doubledNanos = nowNanos;
      doubledBytes = received;
    }
  }

  /** Whether the prefix grew enough since it was last inspected; if so it counts as inspected now. */
  boolean shouldInspect(long received) {
    if (inspectedAt >= 0 && received - inspectedAt < Math.max(1, inspectedAt / GROWTH_DIVISOR)) {
      return false;
    }
    inspectedAt = received;
    return true;
  }

  /**
   * False when, at the body's recent rate, its rest will be in before a decode of {@code samples} would
   * end (with {@link #MARGIN}); true while the rate or the total is unknown.
   */
  boolean worthDecoding(long samples, long received, long total, long nowNanos) {
    if (total < 0 || fromNanos < 0 || received <= fromBytes || nowNanos <= fromNanos) {
      return true;
    }
    double bytesPerNano = (received - fromBytes) / (double) (nowNanos - fromNanos);
    double restNanos = Math.max(0, total - received) / bytesPerNano;
    return restNanos > MARGIN * samples * NANOS_PER_SAMPLE;
  }
}
