package org.weasis.progressive.codec.charls.internal;

import java.io.ByteArrayOutputStream;

/**
 * Writes entropy-coded JPEG-LS data, most significant bit first, with the zero bit that T.87 stuffs at the
 * top of every byte following an 0xFF byte, so that tests can hand-craft scans bit by bit.
 */
final class JlsBitWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int current;
  private int capacity = Byte.SIZE;
  private int used;

  JlsBitWriter bit(int bit) {
    current = (current << 1) | (bit & 1);
    if (++used == capacity) {
      out.write(current);
      capacity = current == 0xFF ? Byte.SIZE - 1 : Byte.SIZE;
      current = 0;
      used = 0;
    }
    return this;
  }

  /** The low {@code count} bits of {@code value}, highest first. */
  JlsBitWriter bits(long value, int count) {
    for (int i = count - 1; i >= 0; i--) {
      bit((int) (value >>> i));
    }
    return this;
  }

  JlsBitWriter zeros(int count) {
    for (int i = 0; i < count; i++) {
      bit(0);
    }
    return this;
  }

  /** A Golomb code word: {@code high} zeros, a one, then the low {@code k} bits of {@code low}. */
  JlsBitWriter golomb(int high, int k, long low) {
    return zeros(high).bit(1).bits(low, k);
  }

  /** The bytes written, the last one padded with zero bits. */
  byte[] toByteArray() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    if (used > 0) {
      copy.write(current << (capacity - used));
    }
    return copy.toByteArray();
  }
}
