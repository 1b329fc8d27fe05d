package org.weasis.progressive.codec.charls.internal;

/**
 * Crafts a JPEG-LS line that makes CharLS 2.4.1 abort(): its run-interruption contexts take any Golomb
 * value without a range check and add half of it to A, and once A is within 2^24 of 2^31 the loop that
 * looks for the Golomb parameter k doubles N past int32 and fails {@code ASSERT(k <= 32)}.
 *
 * <p>2-bit samples (RANGE 4, LIMIT 20, qbpp 2), one component, one line, default RESET 64. On the first
 * line every neighbour is 0, so each pixel starts a run; its bit '0' ends the run at once (J[0] = 0, no
 * length bits) and the pixel is a run interruption of type 1 (context 366) whose limit LIMIT - J - 1 = 19
 * allows up to 15 leading zeros. Each pixel gets the largest even value that keeps A below 2^31: an even
 * value makes the error negative (k is not 0), and a negative error of 4 or more reconstructs to 0, so the
 * next pixel is again in run mode. The A, N and Nn of context 366 are followed as CharLS 2.4.1 keeps them
 * (int32 A, 8-bit counters), which is how the pixel that aborts is known.
 */
final class RunInterruptionCrasher {
  static final int COLUMNS = 64;
  static final String RESOURCE = "/crashers/run-interruption-aborts-charls-2.4.1.jls";

  private static final int RESET = 64;
  private static final int MAX_HIGH_BITS = 15;
  private static final int MAX_K_CHARLS_CAN_READ = 31;

  /**
   * The codestream and where CharLS stops.
   *
   * @param data a complete codestream: SOI, SOF55 2-bit 64x1, SOS, the crafted line, EOI
   * @param abortingPixel the column at which the k loop cannot end
   * @param lastA the A of context 366 before that pixel
   */
  record Crafted(byte[] data, int abortingPixel, int lastA) {}

  private RunInterruptionCrasher() {}

  static Crafted craft() {
    JlsBitWriter scan = new JlsBitWriter();
    int a = 2; // max(2, (RANGE + 32) / 64)
    int n = 1;
    int nn = 0;
    for (int pixel = 0; pixel < COLUMNS; pixel++) {
      scan.bit(0); // the run ends at once
      int k = charlsGolombParameter(a + (n >> 1), n);
      if (k < 0) {
        byte[] data = new JlsStream().frame(2, 1, COLUMNS, 1).scan(1, 0, 0, scan.toByteArray()).end();
        return new Crafted(data, pixel, a);
      }
      if (k > MAX_K_CHARLS_CAN_READ) {
        throw new IllegalStateException("k " + k + " at pixel " + pixel + ": CharLS would fail another assertion");
      }
      boolean negativeWhenOdd = k != 0 || 2 * nn >= n; // the error is negative when (value + 1) is odd
      // CharLS adds in int32: the value, A, and (value + 2) / 2 must all stay below 2^31.
      long largest = Math.min(Math.min((((long) MAX_HIGH_BITS + 1) << k) - 1, Integer.MAX_VALUE - 2L),
          2L * (Integer.MAX_VALUE - RESET - a) + 1);
      long value = largest;
      if (((value + 1) & 1) != (negativeWhenOdd ? 1 : 0)) {
        value--;
      }
      if (value < 6) {
        throw new IllegalStateException("no value reconstructs 0 at pixel " + pixel);
      }
      scan.golomb((int) (value >> k), k, value & ((1L << k) - 1));
      nn = (nn + 1) & 0xFF;
      a += (int) (value >> 1);
      if (n == RESET) {
        a >>= 1;
        n >>= 1;
        nn >>= 1;
      }
      n++;
    }
    throw new IllegalStateException("A did not grow enough in " + COLUMNS + " pixels");
  }

  /** CharLS's loop on int32 (shifts wrap as on x86); -1 where it would run past k = 32 and assert. */
  static int charlsGolombParameter(int temp, int n) {
    int test = n;
    for (int k = 0; test < temp; k++) {
      if (k > 32) {
        return -1;
      }
      test <<= 1;
      if (test >= temp) {
        return k + 1;
      }
    }
    return 0;
  }
}
