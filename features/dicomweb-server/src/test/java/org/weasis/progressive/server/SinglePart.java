package org.weasis.progressive.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The one part of a Static DICOMweb {@code .mht} body, split by hand so the tests do not trust the code
 * under test to read what it wrote.
 */
record SinglePart(String boundary, String contentType, byte[] payload) {
  static SinglePart parse(byte[] body) {
    // ISO-8859-1 maps each byte to one char, so string offsets are byte offsets.
    String text = new String(body, ISO_8859_1);
    int firstLineEnd = text.indexOf("\r\n");
    if (!text.startsWith("--") || firstLineEnd < 0) {
      throw new IllegalArgumentException("does not start with a boundary line");
    }
    String boundary = text.substring(2, firstLineEnd);
    int headersEnd = text.indexOf("\r\n\r\n", firstLineEnd);
    String contentType = null;
    for (String header : text.substring(firstLineEnd + 2, headersEnd).split("\r\n")) {
      if (header.regionMatches(true, 0, "Content-Type:", 0, 13)) {
        contentType = header.substring(13).trim();
      }
    }
    String closing = "\r\n--" + boundary + "--";
    if (!text.endsWith(closing)) {
      throw new IllegalArgumentException("does not end with the closing boundary " + closing);
    }
    byte[] payload = Arrays.copyOfRange(body, headersEnd + 4, body.length - closing.length());
    return new SinglePart(boundary, contentType, payload);
  }

  short[] littleEndianShorts() {
    short[] samples = new short[payload.length / 2];
    ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }
}
