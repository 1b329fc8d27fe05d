package org.weasis.progressive.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the gzip'd JSON files of Static DICOMweb trees as text. */
final class Gzip {
  private Gzip() {}

  static String gunzip(byte[] gzip) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("not gzip", e);
    }
  }

  static String gunzip(Path file) throws IOException {
    return gunzip(Files.readAllBytes(file));
  }
}
