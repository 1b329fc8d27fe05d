package org.weasis.progressive.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one frame as a single-part {@code multipart/related} body, as WADO-RS sends it: the writing side of
 * {@link MultipartReader}, for the core's own loopback server (the warm-up) and its tests.
 */
public final class MultipartWriter {
  private MultipartWriter() {}

  /** The body; its Content-Type is {@link #contentType(String)} with the same boundary. */
  public static byte[] frame(String boundary, String transferSyntax, byte[] frame) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length + 160);
    out.writeBytes(("--" + boundary + "\r\nContent-Type: application/octet-stream; transfer-syntax="
        + transferSyntax + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(frame);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  public static String contentType(String boundary) {
    return "multipart/related; type=\"application/octet-stream\"; boundary=" + boundary;
  }
}
