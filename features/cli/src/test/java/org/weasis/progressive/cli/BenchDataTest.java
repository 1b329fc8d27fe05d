package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's data: the sizes the issue names, and reuse only while the spec is unchanged. */
class BenchDataTest {

  @Test
  void theFullBenchIsA3036ImageOf16BitsAndAStackOf100() {
    BenchData full = BenchData.plan(Path.of("d"), false);
    assertEquals(new StudyWriter.Spec(BenchData.STUDY, BenchData.STUDY + ".1", 1, 3036, 3036, 16), full.single());
    assertEquals(new StudyWriter.Spec(BenchData.STUDY, BenchData.STUDY + ".2", 100, 512, 512, 12), full.stack());
    BenchData quick = BenchData.plan(Path.of("d"), true);
    assertEquals(1024, quick.single().rows());
    assertEquals(24, quick.stack().images());
    assertEquals(null, BenchData.plan(Path.of("d"), 0, 12, 256).single(), "size 0: a study of the stack only");
  }

  @Test
  void dataWrittenWithTheSameSpecIsReused(@TempDir Path dir) throws Exception {
    BenchData data = BenchData.plan(dir, true);
    Files.writeString(dir.resolve("bench-data.txt"), data.describe());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    data.prepare(new PrintStream(log, true, StandardCharsets.UTF_8));
    assertTrue(log.toString(StandardCharsets.UTF_8).startsWith("Reusing"), log.toString(StandardCharsets.UTF_8));
    assertTrue(Files.notExists(dir.resolve("studies")), "nothing was written");
  }

  @Test
  void aHalfWrittenDirectoryIsDeletedWholeNotCompletedInPlace(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("data");
    BenchData data = BenchData.plan(root, 0, 2, 16);
    // What a run stopped midway leaves: some files, no spec file.
    Path leftover = Files.createDirectories(root.resolve("studies/1.2.3/series/1.2.3.4"));
    Files.writeString(leftover.resolve("metadata.gz"), "truncated");

    data.prepare(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertTrue(Files.notExists(leftover), "the stopped run's files are gone");
    assertTrue(Files.isRegularFile(data.metadataFile(data.stack())));
    assertTrue(Files.isRegularFile(data.frameFile(data.stack(), 1, "jls")));
    assertEquals(data.describe(), Files.readString(root.resolve("bench-data.txt")));
  }

  @Test
  void framePathsFollowTheStaticDicomWebLayout() {
    BenchData data = BenchData.plan(Path.of("root"), true);
    String sop = BenchData.STUDY + ".1.1";
    assertEquals(Path.of("root/studies", BenchData.STUDY, "series", BenchData.STUDY + ".1", "instances", sop,
        "jlsThumbnail", "1.mht"), data.frameFile(data.single(), 0, BenchCase.JLS_THUMBNAIL));
  }
}
