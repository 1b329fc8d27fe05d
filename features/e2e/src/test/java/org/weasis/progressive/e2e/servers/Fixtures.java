package org.weasis.progressive.e2e.servers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared fixtures, so that every test reads the same real Static DICOMweb output wherever
 * the build runs from.
 */
public final class Fixtures {
  /** The fixture tree's study, series and first instance, as mkdicomweb wrote them. */
  public static final String STUDY = "1.2.826.0.1.3680043.8.498.1001";
  public static final String SERIES = "1.2.826.0.1.3680043.8.498.1001.1";
  public static final String FIRST_SOP = "1.2.826.0.1.3680043.8.498.1001.1.1";
  public static final String SERIES_PATH = "studies/" + STUDY + "/series/" + SERIES;

  private static final String TREE = "static-dicomweb-mkdicomweb";

  private Fixtures() {}

  /**
   * The mkdicomweb tree: below {@code -Dfixtures.dir} when set, else below the first
   * {@code shared/fixtures} found walking up from the module directory.
   */
  public static Path staticDicomWebTree() {
    String configured = System.getProperty("fixtures.dir");
    if (configured != null) {
      return requireTree(Path.of(configured).resolve(TREE));
    }
    Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path tree = dir.resolve("shared/fixtures").resolve(TREE);
      if (Files.isDirectory(tree)) {
        return tree;
      }
    }
    throw new IllegalStateException("no shared/fixtures/" + TREE + " above " + start
        + " (set -Dfixtures.dir to the shared fixtures directory)");
  }

  private static Path requireTree(Path tree) {
    if (!Files.isDirectory(tree)) {
      throw new IllegalStateException("fixture tree missing: " + tree);
    }
    return tree;
  }
}
