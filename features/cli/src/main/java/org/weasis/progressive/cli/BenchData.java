package org.weasis.progressive.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bench's two series on disk — one big image and one stack — written once with the real encoders
 * and reused while their spec is unchanged, since encoding a 3036² image takes longer than loading it.
 *
 * @param root the Static DICOMweb root both series live under
 * @param single the one-image series (cases 1–4)
 * @param stack the stack loaded with the interleaved preset
 */
record BenchData(Path root, StudyWriter.Spec single, StudyWriter.Spec stack) {
  static final String STUDY = "1.2.826.0.1.3680043.8.498.7100";
  private static final String SPEC_FILE = "bench-data.txt";
  /** Bump when StudyWriter's output changes, so stale data is rewritten. */
  private static final int FORMAT = 1;

  /** The specs of the full bench (3036² 16-bit single, 100 × 512² 12-bit) or of {@code --quick}. */
  static BenchData plan(Path root, boolean quick) {
    int size = quick ? 1024 : 3036;
    int images = quick ? 24 : 100;
    return new BenchData(root,
        new StudyWriter.Spec(STUDY, STUDY + ".1", 1, size, size, 16),
        new StudyWriter.Spec(STUDY, STUDY + ".2", images, 512, 512, 12));
  }

  /** Writes both series unless the directory already holds them with this spec. */
  BenchData prepare(PrintStream log) throws IOException {
    Path marker = root.resolve(SPEC_FILE);
    if (Files.isRegularFile(marker) && Files.readString(marker).equals(describe())) {
      log.println("Reusing bench data in " + root);
      return this;
    }
    Files.createDirectories(root);
    Files.deleteIfExists(marker);
    log.println("Writing bench data to " + root + " (" + single.columns() + "x" + single.rows() + " "
        + single.bitsStored() + "-bit image, " + stack.images() + " images of " + stack.columns() + "x"
        + stack.rows() + " " + stack.bitsStored() + "-bit) with ojph_compress and CharLS...");
    StudyWriter.write(root, single);
    StudyWriter.write(root, stack);
    Files.writeString(marker, describe());
    return this;
  }

  /** One frame file of a series: {@code kind} is frames, jls or jlsThumbnail. */
  Path frameFile(StudyWriter.Spec spec, int image, String kind) {
    return root.resolve("studies").resolve(spec.studyUid()).resolve("series").resolve(spec.seriesUid())
        .resolve("instances").resolve(spec.seriesUid() + "." + (image + 1)).resolve(kind).resolve("1.mht");
  }

  /** The gzip'd metadata of a series, as the server sends it. */
  Path metadataFile(StudyWriter.Spec spec) {
    return root.resolve("studies").resolve(spec.studyUid()).resolve("series").resolve(spec.seriesUid())
        .resolve("metadata.gz");
  }

  String describe() {
    return "format " + FORMAT + "\nsingle " + single + "\nstack " + stack + "\n";
  }
}
