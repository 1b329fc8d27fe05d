package org.weasis.progressive.itest.weasis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The temporary folders the real-Weasis tests make (studies, user homes), removed when a test ends. */
final class Trees {
  private Trees() {}

  /** Deletes {@code dir} and everything under it, deepest first; nothing when it is null or gone. */
  static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
