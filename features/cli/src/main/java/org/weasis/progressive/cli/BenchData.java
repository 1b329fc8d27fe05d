package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The bench's and the demo's study on disk — one big image and one stack — written once with the real
 * encoders and reused while their spec is unchanged, since encoding a 3036² image takes longer than
 * loading it.
 *
 * @param root the Static DICOMweb root both series live under
 * @param single the one-image series (cases 1–4), or null for a study of the stack only
 * @param stack the stack loaded with the interleaved preset
 */
record BenchData(Path root, StudyWriter.Spec single, StudyWriter.Spec stack) {
  static final String STUDY = "1.2.826.0.1.3680043.8.498.7100";
  private static final String SPEC_FILE = "bench-data.txt";
  /** Kept (never deleted) so that every run locks the same file. */
  private static final String LOCK_FILE = "bench-data.lock";
  /** Bump when StudyWriter's output changes, so stale data is rewritten. */
  static final int FORMAT = 2;

  /** The specs of the full bench (3036² 16-bit single, 100 × 512² 12-bit) or of {@code --quick}. */
  static BenchData plan(Path root, boolean quick) {
    return quick ? plan(root, 1024, 24, 512) : plan(root, 3036, 100, 512);
  }

  /**
   * A study of a {@code singleSize}² 16-bit image (none when 0) and {@code stackImages} 12-bit images of
   * {@code stackSize}².
   */
  static BenchData plan(Path root, int singleSize, int stackImages, int stackSize) {
    return new BenchData(root,
        singleSize > 0 ? new StudyWriter.Spec(STUDY, STUDY + ".1", 1, singleSize, singleSize, 16) : null,
        new StudyWriter.Spec(STUDY, STUDY + ".2", stackImages, stackSize, stackSize, 12));
  }

  /**
   * Writes the series unless the directory already holds them with this spec; logs its progress. A run holds
   * a lock file in {@code root} while it checks and writes, and the spec file is written last: a second run
   * waits instead of writing the same files at the same time, and what a run stopped midway left is deleted
   * whole, never reused nor completed in place.
   */
  BenchData prepare(PrintStream log) throws IOException {
    Files.createDirectories(root);
    Path lockFile = root.resolve(LOCK_FILE);
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lock(channel, log)) {
      if (isWritten()) {
        log.println("Reusing the data in " + root);
        return this;
      }
      try (Stream<Path> left = Files.list(root)) {
        for (Path p : left.filter(p -> !p.equals(lockFile)).toList()) {
          StudyWriter.deleteTree(p);
        }
      }
      log.println("Writing " + describeSeries() + " to " + root
          + " with ojph_compress and CharLS (once; later runs reuse it)...");
      write(root, log);
      Files.writeString(root.resolve(SPEC_FILE), describe());
      return this;
    }
  }

  /** The lock, or null where the file system has none (an NFS home without lockd): the data is still usable. */
  private FileLock lock(FileChannel channel, PrintStream log) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        log.println("Waiting for another run that writes the data in " + root + "...");
        lock = channel.lock();
      }
      return lock;
    } catch (FileLockInterruptionException e) {
      throw e;
    } catch (IOException e) {
      log.println("  (" + root + " cannot be locked: " + e.getMessage() + "; going on without the lock)");
      return null;
    }
  }

  private void write(Path dir, PrintStream log) throws IOException {
    if (single != null) {
      long start = System.nanoTime();
      StudyWriter.write(dir, single);
      log.printf(java.util.Locale.ROOT, "  %dx%d image written (%.1f s)%n", single.columns(), single.rows(),
          (System.nanoTime() - start) / 1e9);
    }
    int step = Math.max(1, stack.images() / 10);
    StudyWriter.write(dir, stack, written -> {
      if (written % step == 0 || written == stack.images()) {
        log.println("  stack: " + written + "/" + stack.images() + " images written");
      }
    });
  }

  private boolean isWritten() throws IOException {
    Path marker = root.resolve(SPEC_FILE);
    return Files.isRegularFile(marker) && Files.readString(marker).equals(describe());
  }

  /** "3036x3036 16-bit image, 100 images of 512x512 12-bit". */
  String describeSeries() {
    String images = stack.images() + " images of " + stack.columns() + "x" + stack.rows() + " "
        + stack.bitsStored() + "-bit";
    return single == null ? images
        : single.columns() + "x" + single.rows() + " " + single.bitsStored() + "-bit image, " + images;
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
