package org.weasis.progressive.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one part of a single-part multipart/related body, read the way the engine must read real
 * servers: the boundary from the body's first line, since some servers do not name it in the header.
 *
 * @param boundary the boundary, without the leading "--"
 * @param headers the part's headers, names in lower case
 * @param content the part's bytes
 */
public record SinglePart(String boundary, Map<String, String> headers, byte[] content) {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

  /** Splits {@code body}; fails when it is not one part between a first and a closing delimiter. */
  public static SinglePart parse(byte[] body) {
    int firstLineEnd = indexOf(body, CRLF, 0);
    String first = firstLineEnd < 0 ? "" : new String(body, 0, firstLineEnd, StandardCharsets.US_ASCII);
    if (!first.startsWith("--") || first.length() < 3) {
      throw new IllegalArgumentException("body does not start with a boundary line: " + first);
    }
    String boundary = first.substring(2).strip();
    int headersEnd = indexOf(body, HEADERS_END, firstLineEnd);
    if (headersEnd < 0) {
      throw new IllegalArgumentException("no end of part headers");
    }
    Map<String, String> headers = headers(
        new String(body, firstLineEnd + 2, headersEnd - firstLineEnd - 2, StandardCharsets.US_ASCII));
    int contentStart = headersEnd + HEADERS_END.length;
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    int contentEnd = indexOf(body, delimiter, contentStart);
    if (contentEnd < 0) {
      throw new IllegalArgumentException("no closing delimiter --" + boundary);
    }
    return new SinglePart(boundary, headers, Arrays.copyOfRange(body, contentStart, contentEnd));
  }

  /** A part header by name (any case), or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  private static Map<String, String> headers(String block) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (block.isEmpty()) {
      return headers;
    }
    for (String line : block.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
    }
    return headers;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
