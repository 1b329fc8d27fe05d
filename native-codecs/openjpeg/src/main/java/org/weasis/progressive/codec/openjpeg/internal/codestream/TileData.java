package org.weasis.progressive.codec.openjpeg.internal.codestream;

import java.util.List;

/**
 * The packet bytes of one tile as one sequence, though they sit in several tile-parts between SOT
 * headers, and perhaps only partly in a prefix.
 */
final class TileData {
  private final Bytes in;
  private final long[] virtualStart;
  private final int[] realStart;
  private final int[] realEnd;
  private final long available;

  TileData(Bytes in, List<TilePart> parts, int tile, int limit) {
    List<TilePart> own = parts.stream().filter(p -> p.tile() == tile).toList();
    this.in = in;
    virtualStart = new long[own.size()];
    realStart = new int[own.size()];
    realEnd = new int[own.size()];
    long total = 0;
    for (int i = 0; i < own.size(); i++) {
      TilePart part = own.get(i);
      virtualStart[i] = total;
      realStart[i] = part.bodyStart();
      realEnd[i] = (int) Math.min(part.end(), limit);
      total += Math.max(0, realEnd[i] - realStart[i]);
    }
    available = total;
  }

  /** Bytes of packet data present. */
  long available() {
    return available;
  }

  int byteAt(long v) throws HeaderBits.OutOfData {
    if (v < 0 || v >= available) {
      throw HeaderBits.OutOfData.INSTANCE;
    }
    return in.u8(real(v));
  }

  /** Offset in the caller's data just past virtual byte {@code end - 1}. */
  long realEnd(long end) {
    return end == 0 ? realStart[0] : real(end - 1) + 1L;
  }

  private int real(long v) {
    int i = segment(v);
    return (int) (realStart[i] + (v - virtualStart[i]));
  }

  private int segment(long v) {
    int lo = 0;
    int hi = virtualStart.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (virtualStart[mid] <= v) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
