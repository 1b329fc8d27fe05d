package org.weasis.progressive.codec.openjpeg.internal.codestream;

import java.nio.ByteBuffer;

/**
 * Turns a prefix cut at a packet boundary into a complete, valid codestream: the packets not yet
 * received become empty packets, the last tile-part's length covers them, and EOC ends it. OpenJPEG
 * then decodes it strictly, instead of guessing at truncated data (which it does badly with SOP/EPH
 * markers or with several tile-parts).
 */
public final class PrefixTerminator {
  private static final int SOP_LENGTH = 6;
  private static final int EPH_LENGTH = 2;

  private PrefixTerminator() {}

  /**
   * The codestream bytes of {@code data} up to {@code cut} (an offset in {@code data} where a packet
   * of the single tile ends), completed with empty packets and EOC.
   */
  public static byte[] terminate(ByteBuffer data, Codestream codestream, long cut) {
    long[] ends = codestream.packetEnds();
    if (ends == null) {
      throw new IllegalArgumentException("the packets of this codestream are not located");
    }
    int received = 0;
    while (received < ends.length && ends[received] <= cut) {
      received++;
    }
    int missing = ends.length - received;
    CodingStyle coding = codestream.coding();
    int emptyPacket = 1 + (coding.sop() ? SOP_LENGTH : 0) + (coding.eph() ? EPH_LENGTH : 0);
    int kept = (int) (cut - codestream.start());
    byte[] out = new byte[kept + missing * emptyPacket + 2];
    data.get(data.position() + codestream.start(), out, 0, kept);
    int at = kept;
    for (int i = 0; i < missing; i++) {
      at = writeEmptyPacket(out, at, received + i, coding);
    }
    out[at] = (byte) 0xFF;
    out[at + 1] = (byte) 0xD9;
    rewriteTileParts(out, codestream, cut, missing * emptyPacket);
    return out;
  }

  private static int writeEmptyPacket(byte[] out, int at, int sequence, CodingStyle coding) {
    if (coding.sop()) {
      out[at++] = (byte) 0xFF;
      out[at++] = (byte) 0x91;
      out[at++] = 0;
      out[at++] = 4;
      out[at++] = (byte) (sequence >> 8);
      out[at++] = (byte) sequence;
    }
    out[at++] = 0; // "zero-length packet" bit, padded to a byte
    if (coding.eph()) {
      out[at++] = (byte) 0xFF;
      out[at++] = (byte) 0x92;
    }
    return at;
  }

  /**
   * The tile-part holding the cut ends at the added packets; every TNsot becomes 0 ("not given")
   * since later tile-parts are gone.
   */
  private static void rewriteTileParts(byte[] out, Codestream codestream, long cut, int added) {
    ByteBuffer view = ByteBuffer.wrap(out);
    for (TilePart part : codestream.tileParts()) {
      if (part.start() >= cut) {
        break;
      }
      int sot = part.start() - codestream.start();
      out[sot + 11] = 0;
      if (part.end() >= cut) {
        view.putInt(sot + 6, (int) (cut - part.start() + added));
      }
    }
  }
}
