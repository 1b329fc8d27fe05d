package org.weasis.progressive.cli;

import org.weasis.progressive.netshape.LinkProfile;

/**
 * The figures of one stack case and their verdicts: how soon every image is shown at some quality
 * compared with the complete load, and the complete load compared with the wire limit.
 *
 * @param name the case
 * @param images images in the stack
 * @param fastColumns width of the versions the fast stages delivered (the median), 0 if none
 * @param firstMs when the first image was shown
 * @param allShownMs when every image had a version (its own or a neighbour's copy), or -1
 * @param completeMs when every image was final, or -1
 * @param bytes bytes that crossed the link down during the load (HTTP headers included)
 * @param wireMs wire time of {@code bytes} with the metadata and first frame round trips
 * @param shownRatio allShownMs / completeMs
 * @param shownPass shownRatio ≤ 0.3
 * @param completeRatio completeMs / wireMs
 * @param completePass completeRatio ≤ 1.10
 */
record StackResult(String name, int images, int fastColumns, long firstMs, long allShownMs, long completeMs, long bytes,
    double wireMs, double shownRatio, boolean shownPass, double completeRatio, boolean completePass) {

  static StackResult of(BenchCase c, int images, int fastColumns, long firstMs, long allShownMs, long completeMs, long bytes,
      LinkProfile link) {
    double wire = WireLimit.ms(bytes, link, c.roundTrips());
    return new StackResult(c.name(), images, fastColumns, firstMs, allShownMs, completeMs, bytes, wire,
        WireLimit.ratio(allShownMs, completeMs), WireLimit.shownPasses(allShownMs, completeMs),
        WireLimit.ratio(completeMs, wire), WireLimit.finalPasses(completeMs, wire));
  }
}
