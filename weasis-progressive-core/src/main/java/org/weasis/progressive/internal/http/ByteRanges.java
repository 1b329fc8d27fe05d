package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Range arithmetic for fetching a frame in chunks and appending each chunk to the bytes already
 * received, kept apart from the HTTP client so every edge can be tested without a server.
 */
public final class ByteRanges {
  /** 18 digits at most: every such number fits in a long. */
  private static final Pattern CONTENT_RANGE = Pattern.compile(
      "bytes[ \\t]+([0-9]{1,18})-([0-9]{1,18})/([0-9]{1,18}|\\*)", Pattern.CASE_INSENSITIVE);

  private ByteRanges() {}

  /**
   * A satisfied Content-Range: bytes {@code first} to {@code last} inclusive of a representation of
   * {@code total} bytes, or -1 when the server does not know the total.
   */
  public record ContentRange(long first, long last, long total) {
    public ContentRange {
      if (first < 0 || last < first || (total != -1 && total <= last)) {
        throw new IllegalArgumentException(
            "impossible content range: bytes " + first + "-" + last + "/" + total);
      }
    }

    /** Parses a Content-Range header value such as {@code bytes 0-65535/200000} or {@code bytes 0-9/*}. */
    public static ContentRange parse(String headerValue) {
      Matcher m = headerValue == null ? null : CONTENT_RANGE.matcher(headerValue.strip());
      if (m == null || !m.matches()) {
        throw new IllegalArgumentException(
            "malformed Content-Range \"" + headerValue + "\": expected bytes first-last/total");
      }
      long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
      try {
        return new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), total);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "malformed Content-Range \"" + headerValue + "\": " + e.getMessage(), e);
      }
    }

    /** Number of bytes in the range. */
    public long length() {
      return last - first + 1;
    }
  }

  /**
   * The Range header value that fetches chunk {@code rangeIndex} (or, for -1, everything) from byte
   * {@code have} on, or null when the bytes already received reach the end of that chunk.
   */
  public static String rangeHeader(long have, int rangeIndex, int chunkSize) {
    return rangeHeader(have, rangeIndex, chunkSize, -1);
  }

  /**
   * As {@link #rangeHeader(long, int, int)}, knowing the frame's {@code total} length (-1 if unknown):
   * when less than a chunk would be left after the chunk asked for, the rest is asked for instead, as
   * Cornerstone3D does, saving a request.
   */
  public static String rangeHeader(long have, int rangeIndex, int chunkSize, long total) {
    if (have < 0) {
      throw new IllegalArgumentException("bytes already received cannot be negative: " + have);
    }
    if (rangeIndex == -1) {
      return "bytes=" + have + "-";
    }
    if (rangeIndex < -1 || chunkSize < 1) {
      throw new IllegalArgumentException(
          "no such chunk: rangeIndex " + rangeIndex + ", chunkSize " + chunkSize);
    }
    long last = (long) chunkSize * (rangeIndex + 1L) - 1;
    if (have > last) {
      return null;
    }
    return total >= 0 && have > total - chunkSize ? "bytes=" + have + "-" : "bytes=" + have + "-" + last;
  }

  /**
   * Checks that a 206 answer continues the {@code have} bytes already received and agrees with the
   * total an earlier answer gave ({@code knownTotal}, -1 if none), so nothing is appended in the wrong
   * place.
   */
  public static void checkContinues(ContentRange range, long have, long knownTotal)
      throws IOException {
    if (range.first() != have) {
      throw new IOException("206 answer starts at byte " + range.first() + " but " + have
          + " bytes are already in: it does not continue them");
    }
    if (knownTotal < 0) {
      return;
    }
    if (range.total() >= 0 && range.total() != knownTotal) {
      throw new IOException("206 answer gives a total of " + range.total()
          + " bytes but an earlier answer gave " + knownTotal);
    }
    if (range.last() >= knownTotal) {
      throw new IOException("206 answer ends at byte " + range.last() + ", past the known total of "
          + knownTotal + " bytes");
    }
  }
}
