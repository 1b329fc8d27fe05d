package org.weasis.progressive.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a {@code Range} header selects in a file, because the JDK's HttpServer knows nothing of ranges. */
sealed interface RangeSelection {
  /** No usable single byte range: the whole file is answered with 200, as RFC 9110 allows. */
  record Whole() implements RangeSelection {}

  /** Bytes {@code first..last} (inclusive) of the file, answered with 206. */
  record Part(long first, long last) implements RangeSelection {
    long length() {
      return last - first + 1;
    }
  }

  /** A range that starts past the end of the file, answered with 416. */
  record Unsatisfiable() implements RangeSelection {}

  Pattern SINGLE_RANGE = Pattern.compile("(\\d*)-(\\d*)");

  /** Resolves {@code header} (may be null) against a file of {@code total} bytes. */
  static RangeSelection of(String header, long total) {
    if (header == null) {
      return new Whole();
    }
    String value = header.trim();
    if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
      return new Whole();
    }
    // Several ranges would need a multipart/byteranges answer; serving everything is also correct.
    Matcher m = SINGLE_RANGE.matcher(value.substring(6).trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return new Whole();
    }
    try {
      return m.group(1).isEmpty()
          ? suffix(Long.parseLong(m.group(2)), total)
          : fromOffset(Long.parseLong(m.group(1)), m.group(2), total);
    } catch (NumberFormatException e) {
      return new Whole();
    }
  }

  private static RangeSelection suffix(long count, long total) {
    if (count == 0 || total == 0) {
      return new Unsatisfiable();
    }
    return new Part(Math.max(0, total - count), total - 1);
  }

  private static RangeSelection fromOffset(long first, String lastText, long total) {
    long last = lastText.isEmpty() ? Long.MAX_VALUE : Long.parseLong(lastText);
    if (last < first) {
      return new Whole(); // syntactically invalid: the header must be ignored
    }
    if (first >= total) {
      return new Unsatisfiable();
    }
    return new Part(first, Math.min(last, total - 1));
  }
}
