package org.weasis.progressive.internal.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A JSON body (series metadata) collected whole, capped before and after unzipping: a server may send
 * it gzip'd with or without saying so (Static DICOMweb serves {@code .gz} files as they are).
 */
final class JsonBody implements DicomWebClient.BodySink {
  private final URI url;
  private final long maxBytes;
  /** What sets maxBytes, for the error message, or empty. */
  private final String limitName;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private boolean gzipDeclared;

  JsonBody(URI url, long maxBytes, String limitName) {
    this.url = url;
    this.maxBytes = maxBytes;
    this.limitName = limitName == null ? "" : " (" + limitName + ")";
  }

  void encoding(String contentEncoding) {
    gzipDeclared = contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
  }

  @Override
  public void start(DicomWebClient.FrameResponse response) throws IOException {
    if (response.contentLength() > maxBytes) {
      throw new IOException("JSON at " + url + " is declared " + response.contentLength()
          + " bytes, over the limit of " + maxBytes + " bytes" + limitName);
    }
  }

  @Override
  public void data(byte[] b, int off, int len) throws IOException {
    if (body.size() + (long) len > maxBytes) {
      throw new IOException("JSON at " + url + " is larger than the limit of " + maxBytes + " bytes" + limitName);
    }
    body.write(b, off, len);
  }

  /** The body, unzipped when declared gzip or when it starts with gzip's magic number. */
  byte[] bytes() throws IOException {
    byte[] bytes = body.toByteArray();
    boolean magic = bytes.length > 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
    if (!gzipDeclared && !magic) {
      return bytes;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (out.length > maxBytes) {
        throw new IOException("JSON at " + url + " is larger than the limit of " + maxBytes
            + " bytes once unzipped" + limitName);
      }
      return out;
    } catch (ZipException e) {
      throw new IOException("Body of " + url + " is declared gzip but is not: " + e.getMessage(), e);
    }
  }
}
