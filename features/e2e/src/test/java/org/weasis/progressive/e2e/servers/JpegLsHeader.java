package org.weasis.progressive.e2e.servers;

import java.nio.ByteBuffer;

/**
 * What a JPEG-LS codestream's frame and scan headers say, so a test can tell lossless from
 * near-lossless output without a JPEG-LS decoder.
 *
 * @param precision bits per sample (SOF55 P)
 * @param rows lines (SOF55 Y)
 * @param columns samples per line (SOF55 X)
 * @param components components in the frame
 * @param near the NEAR parameter of the first scan: 0 = lossless
 */
public record JpegLsHeader(int precision, int rows, int columns, int components, int near) {
  private static final int SOI = 0xFFD8;
  private static final int SOF55 = 0xFFF7;
  private static final int SOS = 0xFFDA;

  /** Reads the markers from SOI up to the first SOS; fails on anything that is not JPEG-LS. */
  public static JpegLsHeader parse(byte[] codestream) {
    ByteBuffer in = ByteBuffer.wrap(codestream);
    if (in.remaining() < 4 || (in.getShort() & 0xFFFF) != SOI) {
      throw new IllegalArgumentException("no SOI marker");
    }
    int precision = -1;
    int rows = -1;
    int columns = -1;
    int components = -1;
    while (in.remaining() >= 4) {
      int marker = in.getShort() & 0xFFFF;
      int length = in.getShort() & 0xFFFF;
      ByteBuffer segment = in.slice(in.position(), length - 2);
      in.position(in.position() + length - 2);
      if (marker == SOF55) {
        precision = segment.get() & 0xFF;
        rows = segment.getShort() & 0xFFFF;
        columns = segment.getShort() & 0xFFFF;
        components = segment.get() & 0xFF;
      } else if (marker == SOS) {
        if (precision < 0) {
          throw new IllegalArgumentException("SOS before any SOF55: not JPEG-LS");
        }
        int scanComponents = segment.get() & 0xFF;
        segment.position(1 + 2 * scanComponents);
        return new JpegLsHeader(precision, rows, columns, components, segment.get() & 0xFF);
      }
    }
    throw new IllegalArgumentException("no SOS marker");
  }
}
