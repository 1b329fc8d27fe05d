package org.weasis.progressive.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.weasis.progressive.internal.http.MultipartWriter;

/** Writes the files of a Static DICOMweb tree the way the toolkit (mkdicomweb) does. */
public final class StaticDicomWebFiles {
  private StaticDicomWebFiles() {}

  /**
   * Writes one frame as a single-part multipart/related body ({@code .mht}):
   * {@code --B CRLF Content-Type: <contentType> CRLF CRLF <payload> CRLF --B--}; returns its size.
   */
  public static long writeFrame(Path file, String contentType, byte[] payload) throws IOException {
    return writeParts(file, contentType, List.of(payload));
  }

  /**
   * Writes a retrieve body of several parts of one type ({@code .mht}), e.g. a series as
   * {@code application/dicom} instances, one part in memory at a time; returns its size.
   */
  public static long writeParts(Path file, String contentType, Iterable<byte[]> payloads) throws IOException {
    Files.createDirectories(file.getParent());
    // Derived from the path, so that writing the same series twice gives the same bytes.
    String boundary = "BOUNDARY_" + UUID.nameUUIDFromBytes(file.toString().getBytes(StandardCharsets.UTF_8));
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      return MultipartWriter.writeParts(out, boundary, contentType, payloads);
    }
  }

  /** Writes {@code content} gzip-compressed, as the toolkit stores metadata and lists. */
  public static void writeGzip(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
  }
}
