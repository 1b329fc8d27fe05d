package org.weasis.progressive.cli;

import org.weasis.progressive.netshape.LinkProfile;
import org.weasis.progressive.netshape.LinkShaper;

/**
 * The acceptance targets of the bench as arithmetic on the link's wire limit, kept apart from any timing
 * so that what PASS means can be read, and tested, in one place.
 */
final class WireLimit {
  /** First image (byte range) ≤ 1.5 × (wire time of its bytes + round trips) + its decode time. */
  static final double FIRST_FACTOR = 1.5;
  /** Every final ≤ 1.10 × the wire time of all its bytes. */
  static final double FINAL_FACTOR = 1.10;
  /** Every progressive final ≤ 1.05 × the non-progressive (jls-full) final. */
  static final double REFERENCE_FACTOR = 1.05;
  /** In a stack every image is shown at some quality by ≤ 0.3 × the complete time. */
  static final double SHOWN_FRACTION = 0.3;

  private WireLimit() {}

  /** bytes·8/down + roundTrips·2·latency, in milliseconds. */
  static double ms(long bytes, LinkProfile link, int roundTrips) {
    return LinkShaper.wireSeconds(bytes, link, roundTrips) * 1000;
  }

  /** The first-image budget: 1.5 × (wire time of its bytes and round trips) + its decode time. */
  static double firstImageBudgetMs(long bytes, LinkProfile link, int roundTrips, double decodeMs) {
    return FIRST_FACTOR * ms(bytes, link, roundTrips) + decodeMs;
  }

  /** What a measured time is compared with; {@code ratio} is measured / reference. */
  static double ratio(double measured, double reference) {
    return reference > 0 ? measured / reference : Double.POSITIVE_INFINITY;
  }

  static boolean finalPasses(long finalMs, double wireMs) {
    return finalMs >= 0 && finalMs <= FINAL_FACTOR * wireMs;
  }

  static boolean referencePasses(long finalMs, long referenceFinalMs) {
    return finalMs >= 0 && referenceFinalMs > 0 && finalMs <= REFERENCE_FACTOR * referenceFinalMs;
  }

  static boolean shownPasses(long allShownMs, long completeMs) {
    return allShownMs >= 0 && completeMs > 0 && allShownMs <= SHOWN_FRACTION * completeMs;
  }
}
