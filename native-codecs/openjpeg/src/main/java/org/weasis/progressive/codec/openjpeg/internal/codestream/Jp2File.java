package org.weasis.progressive.codec.openjpeg.internal.codestream;

/**
 * Finds the codestream in data that is either a bare J2K codestream or a JP2 file (ISO/IEC 15444-1
 * Annex I), so that servers sending image/jp2 frames are decoded like the others.
 */
final class Jp2File {
  private static final int SOC = 0xFF4F;
  private static final byte[] SIGNATURE = {0, 0, 0, 12, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};
  private static final long JP2C = 0x6A703263L;

  /**
   * Where the codestream is.
   *
   * @param start offset of SOC
   * @param limit end of the jp2c box, or of the data when the box runs past it
   */
  record Codestream(int start, int limit, boolean jp2) {}

  private Jp2File() {}

  static Codestream codestream(Bytes in, String ts) throws CodestreamException {
    if (in.has(0, 2) && in.u16(0) == SOC) {
      return new Codestream(0, in.length(), false);
    }
    if (!startsWithSignature(in)) {
      if (in.length() < SIGNATURE.length) {
        throw CodestreamException.truncated(ts, "only " + in.length() + " bytes, not enough to recognise a codestream");
      }
      throw CodestreamException.malformed(ts, "neither a J2K codestream (SOC FF4F) nor a JP2 file");
    }
    long at = SIGNATURE.length;
    while (true) {
      if (!in.has(at, 8)) {
        throw CodestreamException.truncated(ts, "JP2 file ends before its codestream box");
      }
      long length = in.u32((int) at);
      long type = in.u32((int) at + 4);
      int header = 8;
      if (length == 1) {
        if (!in.has(at, 16)) {
          throw CodestreamException.truncated(ts, "JP2 file ends inside a box header");
        }
        length = in.u64((int) at + 8);
        header = 16;
      } else if (length == 0) {
        length = in.length() - at; // the last box runs to the end of the file
      }
      if (length < header) {
        throw CodestreamException.malformed(ts, "JP2 box at offset " + at + " declares " + length + " bytes");
      }
      if (type == JP2C) {
        int start = (int) (at + header);
        requireSoc(in, start, ts);
        return new Codestream(start, (int) Math.min(in.length(), at + length), true);
      }
      at += length;
    }
  }

  private static boolean startsWithSignature(Bytes in) {
    if (in.length() < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (in.u8(i) != (SIGNATURE[i] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  private static void requireSoc(Bytes in, int at, String ts) throws CodestreamException {
    if (!in.has(at, 2)) {
      throw CodestreamException.truncated(ts, "data ends before SOC");
    }
    if (in.u16(at) != SOC) {
      throw CodestreamException.malformed(ts, "codestream box does not start with SOC (FF4F) at offset " + at);
    }
  }
}
