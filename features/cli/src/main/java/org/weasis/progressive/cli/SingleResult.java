package org.weasis.progressive.cli;

import org.weasis.progressive.netshape.LinkProfile;

/**
 * The figures of one big-image case and their verdicts against the wire limit, as the table, the JSON and
 * the plots show them.
 *
 * @param name the case
 * @param roundTrips sequential requests on the critical path to the final, metadata included
 * @param firstMs when the first version was shown (from the start of the load)
 * @param finalMs when the final version was shown, or -1
 * @param bytes bytes that crossed the link down during the load (HTTP headers included)
 * @param wireMs wire time of {@code bytes} with {@code roundTrips}
 * @param firstBytes metadata and frame body bytes received when the first version was decoded
 * @param firstColumns width of the first version
 * @param firstDecodeMs decode time of the first version, measured offline on the same bytes
 * @param finalDecodeMs decode time of the final version, measured offline
 * @param firstWireMs wire time of {@code firstBytes} with the metadata and first frame round trips
 * @param firstBudgetMs the target: 1.5 × firstWireMs + firstDecodeMs
 * @param firstRatio firstMs / (firstWireMs + firstDecodeMs)
 * @param firstPass firstMs ≤ firstBudgetMs
 * @param finalRatio finalMs / wireMs
 * @param finalPass finalRatio ≤ 1.10
 * @param decodedFinalRatio finalMs / (wireMs + finalDecodeMs): what is left once the final's own decode,
 *     which no transfer hides when a codestream is decoded after its last byte, is counted too
 * @param referenceRatio finalMs / the jls-full final, for progressive cases, else null
 * @param referencePass referenceRatio ≤ 1.05, or null
 */
record SingleResult(String name, int roundTrips, long firstMs, long finalMs, long bytes, double wireMs,
    long firstBytes, int firstColumns, double firstDecodeMs, double finalDecodeMs, double firstWireMs,
    double firstBudgetMs, double firstRatio, boolean firstPass, double finalRatio, boolean finalPass,
    double decodedFinalRatio, Double referenceRatio, Boolean referencePass) {

  /** What was measured for one case, before any verdict. */
  record Measured(long firstMs, long finalMs, long bytes, long firstBytes, int firstColumns, double firstDecodeMs,
      double finalDecodeMs) {}

  /** Computes ratios and verdicts; {@code referenceFinalMs} is the jls-full final, or -1 while unknown. */
  static SingleResult of(BenchCase c, Measured m, LinkProfile link, long referenceFinalMs) {
    double wire = WireLimit.ms(m.bytes(), link, c.roundTrips());
    double firstWire = WireLimit.ms(m.firstBytes(), link, BenchCase.FIRST_ROUND_TRIPS);
    double budget = WireLimit.firstImageBudgetMs(m.firstBytes(), link, BenchCase.FIRST_ROUND_TRIPS,
        m.firstDecodeMs());
    boolean compared = c.progressive() && referenceFinalMs > 0;
    return new SingleResult(c.name(), c.roundTrips(), m.firstMs(), m.finalMs(), m.bytes(), wire, m.firstBytes(),
        m.firstColumns(), m.firstDecodeMs(), m.finalDecodeMs(), firstWire, budget,
        WireLimit.ratio(m.firstMs(), firstWire + m.firstDecodeMs()), m.firstMs() >= 0 && m.firstMs() <= budget,
        WireLimit.ratio(m.finalMs(), wire), WireLimit.finalPasses(m.finalMs(), wire),
        WireLimit.ratio(m.finalMs(), wire + m.finalDecodeMs()),
        compared ? WireLimit.ratio(m.finalMs(), referenceFinalMs) : null,
        compared ? WireLimit.referencePasses(m.finalMs(), referenceFinalMs) : null);
  }
}
