package org.weasis.progressive.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@code multipart/related} bodies as WADO-RS sends them, parts of one type: the writing side of
 * {@link MultipartReader}, for the core's own loopback server (the warm-up), the test server's
 * {@code .mht} files and the tests.
 */
public final class MultipartWriter {
  private static final byte[] CRLF = {'\r', '\n'};

  private MultipartWriter() {}

  /** A one-frame body; its Content-Type is {@link #contentType(String)} with the same boundary. */
  public static byte[] frame(String boundary, String transferSyntax, byte[] frame) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length + 160);
    try {
      writeParts(out, boundary, "application/octet-stream; transfer-syntax=" + transferSyntax, List.of(frame));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.toByteArray();
  }

  public static String contentType(String boundary) {
    return "multipart/related; type=\"application/octet-stream\"; boundary=" + boundary;
  }

  /**
   * Writes {@code --B CRLF Content-Type: T CRLF CRLF payload}, parts separated by {@code CRLF --B ...}, and
   * the close delimiter {@code CRLF --B--} with nothing after it, one payload in memory at a time.
   *
   * @return the number of bytes written
   */
  public static long writeParts(OutputStream out, String boundary, String partContentType,
      Iterable<byte[]> payloads) throws IOException {
    byte[] head = ("--" + boundary + "\r\nContent-Type: " + partContentType + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    long size = 0;
    for (byte[] payload : payloads) {
      if (size > 0) {
        out.write(CRLF);
        size += CRLF.length;
      }
      out.write(head);
      out.write(payload);
      size += head.length + payload.length;
    }
    byte[] close = ("\r\n--" + boundary + "--").getBytes(StandardCharsets.US_ASCII);
    out.write(close);
    return size + close.length;
  }
}
