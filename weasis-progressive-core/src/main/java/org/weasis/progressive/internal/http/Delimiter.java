package org.weasis.progressive.internal.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Arrays;

/**
 * The delimiter of a multipart body, CR LF "--" boundary, and the search for it in the bytes as they
 * arrive. A boundary holds no control character, so CR occurs only at index 0: a delimiter can only start
 * at a CR, and a failed match never has to look back.
 */
final class Delimiter {
  private final byte[] bytes;
  /** Horspool skip for each value of the byte under the last position of the searched window. */
  private final int[] skip;

  Delimiter(String boundary) {
    bytes = ("\r\n--" + boundary).getBytes(ISO_8859_1);
    skip = horspoolSkips(bytes);
  }

  int length() {
    return bytes.length;
  }

  /** Whether {@code b[from, from + n)} equals the delimiter's bytes {@code [at, at + n)}. */
  boolean continuesAt(byte[] b, int from, int n, int at) {
    return Arrays.equals(b, from, from + n, bytes, at, at + n);
  }

  /** Copies the delimiter's first {@code n} bytes into {@code target}. */
  void copyStart(byte[] target, int n) {
    System.arraycopy(bytes, 0, target, 0, n);
  }

  /**
   * Where the delimiter starts in {@code b[from, end)}, or -1. Horspool search, linear even on hostile
   * input: a full comparison starts at a CR and stops at the first mismatch, which comes no later than
   * the next CR, so comparisons never overlap.
   */
  int indexIn(byte[] b, int from, int end) {
    int last = bytes.length - 1;
    byte lastByte = bytes[last];
    for (int i = from; i + last < end; i += skip[b[i + last] & 0xFF]) {
      if (b[i + last] == lastByte
          && b[i] == bytes[0]
          && Arrays.equals(b, i + 1, i + last, bytes, 1, last)) {
        return i;
      }
    }
    return -1;
  }

  /** Where the input's tail that could still grow into a delimiter starts, or {@code end}. */
  int partialStartIn(byte[] b, int from, int end) {
    for (int p = Math.max(from, end - bytes.length + 1); p < end; p++) {
      if (b[p] == bytes[0] && Arrays.equals(b, p + 1, end, bytes, 1, end - p)) {
        return p;
      }
    }
    return end;
  }

  private static int[] horspoolSkips(byte[] pattern) {
    int last = pattern.length - 1;
    int[] skips = new int[256];
    Arrays.fill(skips, pattern.length);
    for (int i = 0; i < last; i++) {
      skips[pattern[i] & 0xFF] = last - i;
    }
    return skips;
  }
}
