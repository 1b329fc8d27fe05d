package org.weasis.progressive.codec.charls.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The coding parameters of one scan (ITU-T T.87 A.2.1 and C.2.4.1.1): the preset values of an LSE segment
 * or their defaults, checked against the ranges the standard allows, and what follows from them.
 *
 * @param maxVal largest sample value, 1..2^P-1
 * @param near NEAR, 0..min(255, MAXVAL/2)
 * @param t1 first gradient threshold, NEAR+1..MAXVAL
 * @param t2 second threshold, T1..MAXVAL
 * @param t3 third threshold, T2..MAXVAL
 * @param reset RESET, 3..max(255, MAXVAL)
 */
record JlsParameters(int maxVal, int near, int t1, int t2, int t3, int reset) {
  static final int DEFAULT_RESET = 64;
  private static final int BASIC_T1 = 3;
  private static final int BASIC_T2 = 7;
  private static final int BASIC_T3 = 21;

  /**
   * The values of an LSE preset segment (type 1) as written: 0 means "the default".
   *
   * @param maxVal MAXVAL
   * @param t1 T1
   * @param t2 T2
   * @param t3 T3
   * @param reset RESET
   */
  record Presets(int maxVal, int t1, int t2, int t3, int reset) {
    static final Presets DEFAULTS = new Presets(0, 0, 0, 0, 0);
  }

  /** The last table made: scans of one series share their parameters, and so one table. */
  private static final AtomicReference<Quantization> LAST_TABLE = new AtomicReference<>();

  private record Quantization(JlsParameters parameters, byte[] table) {}

  /** The parameters for a scan of {@code precision}-bit samples with {@code near}, or why they are invalid. */
  static JlsParameters of(int precision, int near, Presets presets) throws JlsDataException {
    int largest = (1 << precision) - 1;
    if (presets.maxVal() > largest) {
      throw new JlsDataException("LSE sets MAXVAL " + presets.maxVal() + ", above the " + largest + " of "
          + precision + "-bit samples");
    }
    int maxVal = presets.maxVal() != 0 ? presets.maxVal() : largest;
    int maxNear = Math.min(255, maxVal / 2);
    if (near > maxNear) {
      throw new JlsDataException("NEAR " + near + " is above " + maxNear + ", the most MAXVAL " + maxVal + " allows");
    }
    JlsParameters defaults = defaults(maxVal, near);
    int t1 = chosen("T1", presets.t1(), defaults.t1, near + 1, maxVal);
    int t2 = chosen("T2", presets.t2(), defaults.t2, t1, maxVal);
    int t3 = chosen("T3", presets.t3(), defaults.t3, t2, maxVal);
    int reset = chosen("RESET", presets.reset(), DEFAULT_RESET, 3, Math.max(255, maxVal));
    return new JlsParameters(maxVal, near, t1, t2, t3, reset);
  }

  private static int chosen(String name, int value, int fallback, int min, int max) throws JlsDataException {
    if (value == 0) {
      return fallback;
    }
    if (value < min || value > max) {
      throw new JlsDataException("LSE sets " + name + " " + value + ", outside " + min + ".." + max);
    }
    return value;
  }

  /** The default thresholds of T.87 C.2.4.1.1.1. */
  private static JlsParameters defaults(int maxVal, int near) {
    if (maxVal >= 128) {
      int factor = (Math.min(maxVal, 4095) + 128) / 256;
      int t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, maxVal);
      int t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, maxVal);
      int t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, maxVal);
      return new JlsParameters(maxVal, near, t1, t2, t3, DEFAULT_RESET);
    }
    int factor = 256 / (maxVal + 1);
    int t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, maxVal);
    int t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, maxVal);
    int t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, maxVal);
    return new JlsParameters(maxVal, near, t1, t2, t3, DEFAULT_RESET);
  }

  /** The standard's CLAMP(i, j): i when it lies in j..MAXVAL, else j. */
  private static int clamp(int value, int min, int maxVal) {
    return value > maxVal || value < min ? min : value;
  }

  /** RANGE: how many values a quantized prediction error can take. */
  int range() {
    return (maxVal + 2 * near) / (2 * near + 1) + 1;
  }

  /** qbpp: bits of a quantized error in an escape code. */
  int qbpp() {
    return bitsFor(range() - 1);
  }

  /** LIMIT: the longest Golomb code word, in bits. */
  int limit() {
    int bpp = Math.max(2, bitsFor(maxVal));
    return 2 * (bpp + Math.max(8, bpp));
  }

  /** The initial A of every context. */
  int initialA() {
    return Math.max(2, (range() + 32) / 64);
  }

  /** ceil(log2(value + 1)): the bits that hold 0..value. */
  private static int bitsFor(int value) {
    return Integer.SIZE - Integer.numberOfLeadingZeros(value);
  }

  /**
   * The region number -4..4 of every gradient -MAXVAL..MAXVAL (T.87 A.3.3), at index gradient + MAXVAL.
   * Shared and never written once made.
   */
  byte[] quantizationTable() {
    Quantization last = LAST_TABLE.get();
    if (last != null && last.parameters.equals(this)) {
      return last.table;
    }
    byte[] table = new byte[2 * maxVal + 1];
    for (int d = -maxVal; d <= maxVal; d++) {
      table[d + maxVal] = (byte) region(d);
    }
    LAST_TABLE.set(new Quantization(this, table));
    return table;
  }

  private int region(int d) {
    if (d <= -t3) {
      return -4;
    }
    if (d <= -t2) {
      return -3;
    }
    if (d <= -t1) {
      return -2;
    }
    if (d < -near) {
      return -1;
    }
    if (d <= near) {
      return 0;
    }
    if (d < t1) {
      return 1;
    }
    if (d < t2) {
      return 2;
    }
    return d < t3 ? 3 : 4;
  }
}
