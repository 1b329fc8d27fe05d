package org.weasis.progressive.internal.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Cuts the Static DICOMweb fixtures' .mht files by hand, independently of the reader. */
final class StaticDicomWebFixtures {
  private StaticDicomWebFixtures() {}

  /**
   * One single-part .mht file: {@code --B CRLF headers CRLF CRLF payload CRLF --B--}.
   *
   * @param contentType the value of the part's only header
   */
  record Mht(Path path, byte[] bytes, String boundary, String contentType, int payloadStart, byte[] payload) {}

  static Mht read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 1024), ISO_8859_1);
    int firstLineEnd = head.indexOf("\r\n");
    int blankLine = head.indexOf("\r\n\r\n");
    String boundary = head.substring(2, firstLineEnd);
    String header = head.substring(firstLineEnd + 2, blankLine);
    String contentType = header.substring(header.indexOf(':') + 1).strip();
    byte[] close = ("\r\n--" + boundary + "--").getBytes(ISO_8859_1);
    int payloadStart = blankLine + 4;
    int payloadEnd = bytes.length - close.length;
    if (!head.startsWith("--")
        || !Arrays.equals(bytes, payloadEnd, bytes.length, close, 0, close.length)) {
      throw new IllegalStateException(path + " is not a single-part .mht ending with its close delimiter");
    }
    byte[] payload = Arrays.copyOfRange(bytes, payloadStart, payloadEnd);
    return new Mht(path, bytes, boundary, contentType, payloadStart, payload);
  }
}
