package org.weasis.progressive.netshape;

import java.util.concurrent.atomic.LongAdder;

/**
 * What every connection shares in one direction of the link: one bucket, one delay and one byte counter.
 *
 * @param bucket the direction's rate, shared so that concurrent transfers split it
 * @param delayNanos the one-way delay added to every chunk
 * @param lineBytes how many bytes one connection may have in flight on the delay line before its reader
 *     stops reading, as a receive window would stop a real sender
 * @param delivered bytes written to the receiving side
 */
record LinkDirection(TokenBucket bucket, long delayNanos, int lineBytes, LongAdder delivered) {
  /** Below this the line would throttle a fast link with no delay; also the floor for tiny products. */
  static final int MIN_LINE_BYTES = 256 * 1024;
  /** Bounds memory per connection when the receiver stalls on a fast, long link. */
  static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

  /** A direction at {@code bitsPerSecond} with {@code delayNanos}, its bucket starting full at {@code now}. */
  static LinkDirection of(long bitsPerSecond, long delayNanos, int burstBytes, long now) {
    return new LinkDirection(new TokenBucket(bitsPerSecond, burstBytes, now), delayNanos,
        lineBytes(bitsPerSecond, delayNanos), new LongAdder());
  }

  /**
   * Twice what a steady stream keeps on the line (the bandwidth-delay product plus the reader's lookahead),
   * so that late wake-ups never hold the reader back.
   */
  static int lineBytes(long bitsPerSecond, long delayNanos) {
    double product = bitsPerSecond / 8.0 * ((delayNanos + Pipe.LOOKAHEAD_NANOS) / 1e9);
    return Math.clamp((long) Math.ceil(2 * product), MIN_LINE_BYTES, MAX_LINE_BYTES);
  }
}
