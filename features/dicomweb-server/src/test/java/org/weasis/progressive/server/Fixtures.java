package org.weasis.progressive.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Where the shared real Static DICOMweb tree lives, and small readers the tests share. */
final class Fixtures {
  static final String STUDY = "1.2.826.0.1.3680043.8.498.1001";
  static final String SERIES = "1.2.826.0.1.3680043.8.498.1001.1";
  static final String FIRST_SOP = "1.2.826.0.1.3680043.8.498.1001.1.1";
  static final String SERIES_PATH = "studies/" + STUDY + "/series/" + SERIES;
  static final String FIRST_INSTANCE_PATH = SERIES_PATH + "/instances/" + FIRST_SOP;

  private Fixtures() {}

  /** The tree written by mkdicomweb: {@code -Dfixtures.dir}, else {@code shared/fixtures} beside the repo. */
  static Path staticDicomWebTree() {
    String configured = System.getProperty("fixtures.dir");
    Path fixtures = configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("../../../shared/fixtures");
    Path tree = fixtures.resolve("static-dicomweb-mkdicomweb").normalize();
    assertTrue(Files.isDirectory(tree),
        "fixture tree missing: " + tree + " (set -Dfixtures.dir to the shared fixtures directory)");
    return tree;
  }

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
