package org.weasis.progressive.codec.charls.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decodes the entropy-coded data of one JPEG-LS scan (ITU-T T.87 Annex A; Annex B for interleaved
 * components) into lines of samples.
 *
 * <p>Every value read is checked against what a conforming encoder can write: a mapped error above RANGE,
 * a Golomb code word longer than LIMIT, a run past the end of its line or a scan shorter than its lines is
 * refused with a {@link JlsDataException}. With the errors bounded, the context statistics A, B, C and N
 * stay bounded too, which is what CharLS 2.4.1 lacks in its run-interruption contexts. In sample-interleaved
 * scans every component of a run-interruption pixel is coded in the RItype 0 context and predicted from
 * Rb, as CharLS, DCMTK and the ISO reference software (libjpeg) read the standard; the T.87 conformance
 * streams t8c2e0 and t8c2e3 decode exactly (within NEAR 3) that way and fail at once with RItype chosen
 * per component.
 */
final class JlsScanDecoder {
  /** J: the order of the run-length code for each RUNindex (T.87 A.2.1). */
  private static final int[] J = {
    0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15
  };
  private static final int REGULAR_CONTEXTS = 365;
  private static final int MIN_C = -128;
  private static final int MAX_C = 127;
  /** Data any encoder writes keeps k below 19 (A/N stays under RANGE); more means corrupt statistics. */
  private static final int MAX_K = 24;
  private static final int RESTART_MARKER_BASE = 0xD0;

  private final JlsBitReader reader;
  private ByteBuffer data;
  private final Scan scan;
  private final JlsDecoder.Samples output;

  private final int maxVal;
  private final int near;
  private final boolean lossless;
  /** 2 NEAR + 1: the step between reconstructed values. */
  private final int step;
  private final int range;
  /** RANGE (2 NEAR + 1): what brings a reconstructed value that wrapped back in range. */
  private final int wrap;
  private final int qbpp;
  private final int reset;
  /** Zeros that announce an escape code in regular mode: LIMIT - qbpp - 1. */
  private final int escape;
  /** The same in run-interruption mode for each RUNindex: LIMIT - J[RUNindex] - 1 - qbpp - 1. */
  private final int[] runEscape = new int[J.length];
  private final byte[] quantization;
  private final int initialA;

  /** A, B, C and N of each regular context, side by side. */
  private final int[] contexts = new int[REGULAR_CONTEXTS * 4];
  /** A, N and Nn of the two run-interruption contexts (RItype 0 and 1). */
  private final int[] runA = new int[2];
  private final int[] runN = new int[2];
  private final int[] runNn = new int[2];
  private int runIndex;
  /** The line being decoded, 0-based; the next one between calls of {@link #decodeLines}. */
  private int row;
  /** Lines decoded together (the components of a line-interleaved scan) and samples per pixel in each. */
  private final int lines;
  private final int stride;
  private final boolean sampleInterleaved;
  private int[][] previous;
  private int[][] current;
  private final int[] runIndices;
  /**
   * Bytes that surely hold the code of one more row (and a restart marker before it): every sample at
   * most LIMIT bits, its run bit and remainder, seven bits a byte after 0xFF, and the reader's lookahead.
   */
  private final long rowMargin;

  /**
   * Where and how one scan is laid out.
   *
   * @param width columns
   * @param height rows
   * @param components components in this scan: 1, or all of the frame's for interleaved scans
   * @param firstComponent the frame component of a single-component scan (0 for interleaved scans)
   * @param interleave ILV
   * @param restartInterval lines between restart markers, 0 for none
   * @param dataStart the offset of the first entropy-coded byte
   */
  record Scan(int width, int height, int components, int firstComponent, InterleaveMode interleave,
      long restartInterval, int dataStart) {}

  JlsScanDecoder(ByteBuffer data, Scan scan, JlsParameters parameters, JlsDecoder.Samples output) {
    this.data = data;
    this.reader = new JlsBitReader(data);
    this.scan = scan;
    this.output = output;
    this.maxVal = parameters.maxVal();
    this.near = parameters.near();
    this.lossless = near == 0;
    this.step = 2 * near + 1;
    this.range = parameters.range();
    this.wrap = range * step;
    this.qbpp = parameters.qbpp();
    this.reset = parameters.reset();
    this.escape = parameters.limit() - qbpp - 1;
    for (int i = 0; i < J.length; i++) {
      runEscape[i] = parameters.limit() - J[i] - 1 - qbpp - 1;
    }
    this.quantization = parameters.quantizationTable();
    this.initialA = parameters.initialA();
    this.sampleInterleaved = scan.interleave() == InterleaveMode.SAMPLE;
    this.lines = sampleInterleaved ? 1 : scan.components();
    this.stride = sampleInterleaved ? scan.components() : 1;
    this.previous = new int[lines][stride * (scan.width() + 2)];
    this.current = new int[lines][stride * (scan.width() + 2)];
    this.runIndices = new int[lines];
    long bits = (long) lines * stride * scan.width() * (parameters.limit() + J.length / 2 + 1) + 64L * lines;
    this.rowMargin = bits / 7 + 2 * Long.BYTES + 4;
    reader.start(scan.dataStart());
    resetContexts();
  }

  int rowsDecoded() {
    return row;
  }

  /** Decodes every line into the output; returns the offset of the marker that ends the scan. */
  int decode() throws JlsDataException {
    return decodeLines(data, data.limit(), true);
  }

  /**
   * Decodes the lines whose code the first {@code available} bytes of {@code data} surely hold (all of
   * them when {@code last}); returns the offset of the marker that ends the scan, or -1 when more bytes
   * are needed. {@code data} holds the bytes of the earlier calls at the same offsets.
   */
  int decodeLines(ByteBuffer data, int available, boolean last) throws JlsDataException {
    this.data = data;
    reader.extend(data, available);
    int width = scan.width();
    while (row < scan.height()) {
      if (!last && available - reader.position() < rowMargin) {
        return -1;
      }
      if (row > 0 && scan.restartInterval() > 0 && row % scan.restartInterval() == 0) {
        restart((int) ((row / scan.restartInterval() - 1) % 8), previous, current, runIndices);
      }
      for (int c = 0; c < lines; c++) {
        int[] above = current[c];
        current[c] = previous[c];
        previous[c] = above;
        runIndex = runIndices[c];
        if (sampleInterleaved) {
          decodeSampleInterleavedLine(above, current[c], width);
          output.storeInterleavedLine(row, current[c]);
        } else {
          decodeLine(above, current[c], width);
          output.storeLine(row, scan.firstComponent() + c, current[c]);
        }
        runIndices[c] = runIndex;
      }
      if (reader.overrun()) {
        throw outOfData();
      }
      row++;
    }
    if (!last && available - reader.position() < 2 * Long.BYTES) {
      return -1; // the marker after the scan may not be in yet
    }
    requireZeroPadding();
    int marker = reader.markerAfterPadding();
    if (marker < 0) {
      throw new JlsDataException("the scan holds more data than its " + scan.height()
          + " lines need: no marker follows at byte offset " + reader.offset());
    }
    return marker;
  }

  /** T.87 A.2.1: the state every scan and restart interval starts from. */
  private void resetContexts() {
    for (int i = 0; i < contexts.length; i += 4) {
      contexts[i] = initialA;
      contexts[i + 1] = 0;
      contexts[i + 2] = 0;
      contexts[i + 3] = 1;
    }
    Arrays.fill(runA, initialA);
    Arrays.fill(runN, 1);
    Arrays.fill(runNn, 0);
  }

  /** After a restart marker the line above is zero again and every statistic starts over. */
  private void restart(int number, int[][] previous, int[][] current, int[] runIndices) throws JlsDataException {
    if (reader.overrun()) {
      throw outOfData();
    }
    requireZeroPadding();
    int at = reader.markerAfterPadding();
    if (at < 0 || (data.get(at + 1) & 0xFF) != RESTART_MARKER_BASE + number) {
      throw new JlsDataException(String.format("restart marker RST%d (FF%02X) expected after line %d at byte "
          + "offset %d", number, RESTART_MARKER_BASE + number, row, at < 0 ? reader.offset() : at));
    }
    reader.start(at + 2);
    resetContexts();
    for (int c = 0; c < previous.length; c++) {
      Arrays.fill(previous[c], 0);
      Arrays.fill(current[c], 0);
    }
    Arrays.fill(runIndices, 0);
  }

  /**
   * One line of one component: {@code line[1..width]} from {@code above[0..width+1]}. {@code line[0]}
   * (Ra of the first sample) is Rb of that sample, and {@code above[width+1]} (Rd of the last) is Rb of
   * the last; {@code above[0]} (Rc of the first) was set when the line above was decoded.
   */
  private void decodeLine(int[] above, int[] line, int width) throws JlsDataException {
    above[width + 1] = above[width];
    line[0] = above[1];
    byte[] regions = quantization;
    int offset = maxVal;
    int x = 1;
    while (x <= width) {
      int ra = line[x - 1];
      int rb = above[x];
      int rc = above[x - 1];
      int context = (regions[above[x + 1] - rb + offset] * 9 + regions[rb - rc + offset]) * 9
          + regions[rc - ra + offset];
      if (context != 0) {
        line[x] = regular(context, ra, rb, rc, x);
        x++;
      } else {
        x = run(above, line, x, width);
      }
    }
  }

  /**
   * One line of all components, interleaved: sample c of column x at {@code 3x + c} (for three
   * components), edges as in {@link #decodeLine}.
   */
  private void decodeSampleInterleavedLine(int[] above, int[] line, int width) throws JlsDataException {
    int n = scan.components();
    for (int c = 0; c < n; c++) {
      above[n * (width + 1) + c] = above[n * width + c];
      line[c] = above[n + c];
    }
    byte[] regions = quantization;
    int offset = maxVal;
    int[] context = new int[n];
    int x = 1;
    while (x <= width) {
      int at = n * x;
      int any = 0;
      for (int c = 0; c < n; c++) {
        int i = at + c;
        int rb = above[i];
        int rc = above[i - n];
        context[c] = (regions[above[i + n] - rb + offset] * 9 + regions[rb - rc + offset]) * 9
            + regions[rc - line[i - n] + offset];
        any |= context[c];
      }
      if (any == 0) {
        x = sampleInterleavedRun(above, line, x, width);
        continue;
      }
      for (int c = 0; c < n; c++) {
        int i = at + c;
        line[i] = regular(context[c], line[i - n], above[i], above[i - n], x);
      }
      x++;
    }
  }

  /** T.87 A.4 to A.6: one sample in regular mode, in the context {@code context} (sign included). */
  private int regular(int context, int ra, int rb, int rc, int column) throws JlsDataException {
    int sign = context >> 31;
    int at = ((context ^ sign) - sign) << 2;
    int[] statistics = contexts;
    int a = statistics[at];
    int n = statistics[at + 3];
    int k = 0;
    while ((long) n << k < a) {
      k++;
    }
    if (k > MAX_K) {
      throw invalid("Golomb parameter k " + k + " of regular context " + (at >> 2) + " exceeds " + MAX_K, column);
    }
    int mapped = reader.readGolomb(k, escape, qbpp);
    if (Integer.compareUnsigned(mapped, range) > 0) {
      throw invalid(mapped < 0 ? "a Golomb code word longer than LIMIT"
          : "mapped error value " + mapped + " exceeds RANGE " + range, column);
    }
    int b = statistics[at + 1];
    int c = statistics[at + 2];
    // T.87 A.5.2 inverted: odd values are negative errors, except in the k = 0 lossless case below.
    int flip = k == 0 && lossless && 2 * b <= -n ? (mapped & 1) - 1 : -(mapped & 1);
    int error = (mapped >>> 1) ^ flip;

    int min = Math.min(ra, rb);
    int max = Math.max(ra, rb);
    int predicted = rc >= max ? min : rc <= min ? max : ra + rb - rc;
    predicted += (c ^ sign) - sign;
    predicted = predicted < 0 ? 0 : Math.min(predicted, maxVal);

    b += error * step;
    a += Math.abs(error);
    if (n == reset) {
      a >>= 1;
      b >>= 1;
      n >>= 1;
    }
    n++;
    if (b <= -n) {
      b += n;
      if (c > MIN_C) {
        c--;
      }
      if (b <= -n) {
        b = -n + 1;
      }
    } else if (b > 0) {
      b -= n;
      if (c < MAX_C) {
        c++;
      }
      if (b > 0) {
        b = 0;
      }
    }
    statistics[at] = a;
    statistics[at + 1] = b;
    statistics[at + 2] = c;
    statistics[at + 3] = n;
    return reconstruct(predicted + ((error ^ sign) - sign) * step);
  }

  /**
   * T.87 A.7: a run of Ra from column {@code x}, then the sample that interrupts it unless the run ends
   * the line; returns the column after them.
   */
  private int run(int[] above, int[] line, int x, int width) throws JlsDataException {
    int ra = line[x - 1];
    int from = x;
    int column = runLength(x, width);
    Arrays.fill(line, from, column, ra);
    if (column > width) {
      return column;
    }
    int rb = above[column];
    if (Math.abs(ra - rb) <= near) {
      line[column] = reconstruct(ra + interruptionError(1, column) * step);
    } else {
      int error = interruptionError(0, column);
      line[column] = reconstruct(rb + (ra > rb ? -error : error) * step);
    }
    if (runIndex > 0) {
      runIndex--;
    }
    return column + 1;
  }

  /** The run of all components of the pixel to the left, and the pixel that interrupts it. */
  private int sampleInterleavedRun(int[] above, int[] line, int x, int width) throws JlsDataException {
    int n = scan.components();
    int column = runLength(x, width);
    for (int i = n * x; i < n * column; i++) {
      line[i] = line[i - n];
    }
    if (column > width) {
      return column;
    }
    for (int c = 0; c < n; c++) {
      int i = n * column + c;
      int ra = line[i - n];
      int rb = above[i];
      int error = interruptionError(0, column);
      line[i] = reconstruct(rb + (ra > rb ? -error : error) * step);
    }
    if (runIndex > 0) {
      runIndex--;
    }
    return column + 1;
  }

  /**
   * T.87 A.7.1.2: reads how far a run starting at {@code x} goes; returns the column of the sample that
   * interrupts it, or {@code width + 1} when the run ends the line.
   */
  private int runLength(int x, int width) throws JlsDataException {
    int column = x;
    while (reader.readBit() == 1) {
      int span = 1 << J[runIndex];
      int count = Math.min(span, width + 1 - column);
      column += count;
      if (count == span && runIndex < J.length - 1) {
        runIndex++;
      }
      if (column > width) {
        return column;
      }
    }
    int order = J[runIndex];
    int rest = order == 0 ? 0 : reader.readBits(order);
    if (rest > width - column) {
      throw invalid("a run of " + (column - x + rest) + " samples from column " + x + " passes the end of the "
          + width + "-sample line", column);
    }
    return column + rest;
  }

  /** T.87 A.7.2: the error of a run-interruption sample, with the update of its context (A.7.2.3). */
  private int interruptionError(int type, int column) throws JlsDataException {
    int a = runA[type];
    int n = runN[type];
    int nn = runNn[type];
    long temp = a + (long) (n >> 1) * type;
    int k = 0;
    while ((long) n << k < temp) {
      k++;
    }
    if (k > MAX_K) {
      throw invalid("run-interruption Golomb parameter k " + k + " exceeds " + MAX_K, column);
    }
    int mapped = reader.readGolomb(k, runEscape[runIndex], qbpp);
    if (Integer.compareUnsigned(mapped, range) > 0) {
      throw invalid(mapped < 0 ? "a run-interruption Golomb code word longer than LIMIT"
          : "run-interruption mapped error value " + mapped + " exceeds RANGE " + range, column);
    }
    int temp2 = mapped + type;
    int map = temp2 & 1;
    int magnitude = (temp2 + map) >> 1;
    boolean negative = (k != 0 || 2 * nn >= n) == (map == 1);
    int error = negative ? -magnitude : magnitude;
    if (error < 0) {
      nn++;
    }
    a += (mapped + 1 - type) >> 1;
    if (n == reset) {
      a >>= 1;
      n >>= 1;
      nn >>= 1;
    }
    runA[type] = a;
    runN[type] = n + 1;
    runNn[type] = nn;
    return error;
  }

  /** T.87 A.8: brings a value that wrapped around RANGE back, then clamps it to 0..MAXVAL. */
  private int reconstruct(int value) {
    int x = value;
    if (x < -near) {
      x += wrap;
    } else if (x > maxVal + near) {
      x -= wrap;
    }
    return x < 0 ? 0 : Math.min(x, maxVal);
  }

  private void requireZeroPadding() throws JlsDataException {
    if (!reader.paddingIsZero()) {
      throw new JlsDataException("the bits that pad the last byte of line " + row + " are not zero, before byte"
          + " offset " + reader.offset());
    }
  }

  private JlsDataException invalid(String what, int column) {
    if (reader.overrun()) {
      return outOfData();
    }
    return new JlsDataException(what + " in the code ending before byte offset " + reader.offset() + " (line "
        + (row + 1) + ", column " + column + ")");
  }

  private JlsDataException outOfData() {
    return new JlsDataException("the scan's data ends at byte offset " + reader.offset() + " before line "
        + (row + 1) + " of " + scan.height() + " is complete");
  }
}
