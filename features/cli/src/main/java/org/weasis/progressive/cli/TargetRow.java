package org.weasis.progressive.cli;

/**
 * One figure of issue 11's acceptance table against its target: PASS when {@code value <= target}. A
 * row without a target is shown for context only.
 *
 * @param figure what is measured, as the table names it
 * @param value the measured ratio, or NaN when it could not be measured
 * @param target the largest ratio that passes, or NaN for a context row
 * @param how how the ratio was formed, for the legend and the JSON
 */
record TargetRow(String figure, double value, double target, String how) {
  /** Unshaped HTJ2K streaming final ≤ 1.15 × the unshaped plain (whole-frame) final. */
  static final double STREAMING_VS_PLAIN = 1.15;
  /** First image of a fresh JVM ≤ 1.3 × the first image of a later load. */
  static final double COLD_VS_WARM = 1.3;
  /** 4g JPEG-LS final ≤ 1.05 × wire. */
  static final double JLS_FINAL = 1.05;
  /** 4g HTJ2K finals, streaming and byte range ≤ 1.10 × wire. */
  static final double HTJ2K_FINAL = 1.10;
  /** Interleaved 100 × 512² complete ≤ 1.05 × wire. */
  static final double STACK_COMPLETE = 1.05;

  static TargetRow of(String figure, double value, double target, String how) {
    return new TargetRow(figure, value, target, how);
  }

  static TargetRow context(String figure, double value, String how) {
    return new TargetRow(figure, value, Double.NaN, how);
  }

  boolean hasTarget() {
    return !Double.isNaN(target);
  }

  boolean pass() {
    return hasTarget() && !Double.isNaN(value) && value <= target;
  }

  /** "PASS", "MISS" or "-" for a context row. */
  String verdict() {
    return !hasTarget() ? "-" : pass() ? "PASS" : "MISS";
  }
}
