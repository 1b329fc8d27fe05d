package org.weasis.progressive.testsupport.codec;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Damages a valid codestream the ways transmission and bad encoders do, biased towards its headers. */
public final class Mutator {
  /** Where the marker segments of small codestreams are; flips there test the inspector. */
  private static final int HEADER_BYTES = 256;

  private Mutator() {}

  public static byte[] mutate(byte[] original, SplittableRandom random) {
    byte[] data = original.clone();
    int operations = 1 + random.nextInt(3);
    for (int i = 0; i < operations && data.length > 2; i++) {
      data = switch (random.nextInt(7)) {
        case 0, 1 -> flipBits(data, random);
        case 2 -> insert(data, random);
        case 3 -> delete(data, random);
        case 4 -> Arrays.copyOf(data, 1 + random.nextInt(data.length - 1)); // truncate
        case 5 -> setMarkerLike(data, random);
        default -> overwriteLength(data, random);
      };
    }
    return data;
  }

  private static int position(byte[] data, SplittableRandom random) {
    return random.nextBoolean() ? random.nextInt(Math.min(HEADER_BYTES, data.length)) : random.nextInt(data.length);
  }

  private static byte[] flipBits(byte[] data, SplittableRandom random) {
    int flips = 1 + random.nextInt(8);
    for (int i = 0; i < flips; i++) {
      data[position(data, random)] ^= (byte) (1 << random.nextInt(8));
    }
    return data;
  }

  private static byte[] insert(byte[] data, SplittableRandom random) {
    int at = position(data, random);
    int count = 1 + random.nextInt(16);
    byte[] out = new byte[data.length + count];
    System.arraycopy(data, 0, out, 0, at);
    for (int i = 0; i < count; i++) {
      out[at + i] = (byte) random.nextInt(256);
    }
    System.arraycopy(data, at, out, at + count, data.length - at);
    return out;
  }

  private static byte[] delete(byte[] data, SplittableRandom random) {
    int at = position(data, random);
    int count = Math.min(1 + random.nextInt(16), data.length - at - 1);
    if (count <= 0) {
      return data;
    }
    byte[] out = new byte[data.length - count];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(data, at + count, out, at, data.length - at - count);
    return out;
  }

  /** Writes 0xFF, then a marker-ish byte, where a stray marker confuses parsers most. */
  private static byte[] setMarkerLike(byte[] data, SplittableRandom random) {
    int at = position(data, random);
    data[at] = (byte) 0xFF;
    if (at + 1 < data.length) {
      data[at + 1] = (byte) (0x4F + random.nextInt(0x95 - 0x4F));
    }
    return data;
  }

  /** Replaces two bytes by an extreme 16-bit value, as a wrong marker length would be. */
  private static byte[] overwriteLength(byte[] data, SplittableRandom random) {
    int at = position(data, random);
    int[] values = {0, 1, 2, 3, 0x7FFF, 0xFFFF, random.nextInt(65536)};
    int v = values[random.nextInt(values.length)];
    data[at] = (byte) (v >> 8);
    if (at + 1 < data.length) {
      data[at + 1] = (byte) v;
    }
    return data;
  }
}
