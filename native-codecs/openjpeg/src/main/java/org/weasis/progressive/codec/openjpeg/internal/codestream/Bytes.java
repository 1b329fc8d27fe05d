package org.weasis.progressive.codec.openjpeg.internal.codestream;

import java.nio.ByteBuffer;

/** Big-endian reads at absolute offsets of the caller's bytes, never past their end. */
final class Bytes {
  private final ByteBuffer data;
  private final int length;

  /** Views {@code data} from its position to its limit without changing either. */
  Bytes(ByteBuffer data) {
    this.data = data.slice();
    this.length = this.data.remaining();
  }

  int length() {
    return length;
  }

  /** True when {@code count} bytes starting at {@code at} are present. */
  boolean has(long at, long count) {
    return at >= 0 && count >= 0 && at + count <= length;
  }

  int u8(int at) {
    return data.get(at) & 0xFF;
  }

  int u16(int at) {
    return (u8(at) << 8) | u8(at + 1);
  }

  long u32(int at) {
    return ((long) u16(at) << 16) | u16(at + 2);
  }

  long u64(int at) {
    return (u32(at) << 32) | u32(at + 4);
  }
}
