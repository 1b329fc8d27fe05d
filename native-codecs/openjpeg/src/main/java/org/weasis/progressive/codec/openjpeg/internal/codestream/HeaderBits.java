package org.weasis.progressive.codec.openjpeg.internal.codestream;

/**
 * Reads packet-header bits, most significant first, skipping the zero bit stuffed after every 0xFF
 * byte so that no marker can appear inside a header.
 */
final class HeaderBits {
  private final TileData data;
  private long next;
  private int current;
  private int bitsLeft;
  private boolean afterFF;

  HeaderBits(TileData data, long start) {
    this.data = data;
    this.next = start;
  }

  int bit() throws OutOfData {
    if (bitsLeft == 0) {
      current = data.byteAt(next++);
      bitsLeft = afterFF ? 7 : 8;
      afterFF = current == 0xFF;
    }
    bitsLeft--;
    return (current >> bitsLeft) & 1;
  }

  long bits(int count) throws OutOfData {
    long v = 0;
    for (int i = 0; i < count; i++) {
      v = (v << 1) | bit();
    }
    return v;
  }

  /** Offset just past the header: a header never ends on 0xFF, so one more byte then belongs to it. */
  long end() throws OutOfData {
    if (afterFF) {
      data.byteAt(next);
      next++;
      afterFF = false;
    }
    bitsLeft = 0;
    return next;
  }

  /** The data ended inside a packet: a prefix stops here. */
  static final class OutOfData extends Exception {
    private static final long serialVersionUID = 1L;
    static final OutOfData INSTANCE = new OutOfData();

    private OutOfData() {
      super("packet data ends", null, false, false);
    }
  }
}
