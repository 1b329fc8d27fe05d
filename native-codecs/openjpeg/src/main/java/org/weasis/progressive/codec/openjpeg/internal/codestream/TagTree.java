package org.weasis.progressive.codec.openjpeg.internal.codestream;

/**
 * A tag tree decoder (T.800 B.10.2): a quad-tree of minimums over a grid of code-blocks, read
 * incrementally as packet headers reveal values above a threshold.
 */
final class TagTree {
  private static final int UNKNOWN = Integer.MAX_VALUE;

  private final int[] widths;
  private final int[] offsets;
  private final int[] value;
  private final int[] low;

  TagTree(int width, int height) {
    int levels = 1;
    for (int w = width, h = height; w > 1 || h > 1; w = (w + 1) >> 1, h = (h + 1) >> 1) {
      levels++;
    }
    widths = new int[levels];
    offsets = new int[levels];
    int nodes = 0;
    int w = width;
    int h = height;
    for (int k = 0; k < levels; k++) {
      widths[k] = w;
      offsets[k] = nodes;
      nodes += w * h;
      w = (w + 1) >> 1;
      h = (h + 1) >> 1;
    }
    value = new int[nodes];
    low = new int[nodes];
    java.util.Arrays.fill(value, UNKNOWN);
  }

  /** Reads bits until it is known whether the value of leaf (x, y) is below {@code threshold}. */
  boolean below(HeaderBits bits, int x, int y, int threshold) throws HeaderBits.OutOfData {
    int floor = 0;
    int leaf = 0;
    for (int k = widths.length - 1; k >= 0; k--) {
      int node = offsets[k] + (y >> k) * widths[k] + (x >> k);
      floor = Math.max(floor, low[node]);
      while (floor < threshold && floor < value[node]) {
        if (bits.bit() == 1) {
          value[node] = floor;
        } else {
          floor++;
        }
      }
      low[node] = floor;
      leaf = node;
    }
    return value[leaf] < threshold;
  }

  /** The value of leaf (x, y), or -1 when it exceeds {@code max} (a corrupt header). */
  int value(HeaderBits bits, int x, int y, int max) throws HeaderBits.OutOfData {
    for (int threshold = 1; threshold <= max + 1; threshold++) {
      if (below(bits, x, y, threshold)) {
        return threshold - 1;
      }
    }
    return -1;
  }
}
