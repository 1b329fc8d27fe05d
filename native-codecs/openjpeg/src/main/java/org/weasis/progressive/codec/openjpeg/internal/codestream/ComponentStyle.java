package org.weasis.progressive.codec.openjpeg.internal.codestream;

/**
 * The per-component part of COD/COC and QCD/QCC that decides how a component is coded.
 *
 * @param levels decomposition levels
 * @param blockWidthExp log2 of the nominal code-block width
 * @param blockHeightExp log2 of the nominal code-block height
 * @param blockStyle the code-block style byte (bypass 0x01, termall 0x04, HT 0x40, ...)
 * @param reversibleTransform true for the 5/3 wavelet
 * @param precinctWidthExp log2 of the precinct width per resolution (15 when not signalled)
 * @param precinctHeightExp log2 of the precinct height per resolution
 * @param quantized true unless QCD/QCC says "no quantization"
 */
public record ComponentStyle(
    int levels,
    int blockWidthExp,
    int blockHeightExp,
    int blockStyle,
    boolean reversibleTransform,
    int[] precinctWidthExp,
    int[] precinctHeightExp,
    boolean quantized) {
  static final int BYPASS = 0x01;
  static final int TERMALL = 0x04;
  static final int HT = 0x40;
  static final int HT_MIXED = 0x80;

  ComponentStyle withQuantized(boolean q) {
    return new ComponentStyle(
        levels, blockWidthExp, blockHeightExp, blockStyle, reversibleTransform,
        precinctWidthExp, precinctHeightExp, q);
  }

  boolean ht() {
    return (blockStyle & HT) != 0;
  }

  /** True when the pixels of a complete stream are exactly the encoder's input. */
  boolean reversible() {
    return reversibleTransform && !quantized;
  }
}
