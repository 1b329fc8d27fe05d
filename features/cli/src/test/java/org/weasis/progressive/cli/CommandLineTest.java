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

/** The tool as a user runs it: exit codes, what it prints, and the files it writes. */
class CommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void demoLoadsBothSeriesThroughTheFrameworkAndPrintsTheirTimelines(@TempDir Path data) throws Exception {
    // 256x256 frames are larger than the 16 KiB first chunk: halfThumb images show a reduced level first.
    String[] demo = {"demo", "--codec", "htj2k", "--images", "8", "--size", "256", "--single-size", "300",
        "--data", data.toString(), "--net", "local", "--headless"};
    int code = run(demo);
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text + err);
    assertTrue(text.contains("Felix 7.0.5 runs 9 bundles"), text);
    assertTrue(text.contains("Node stored through the framework's NodeStore: Local demo server: interleaved preset"),
        text);
    assertTrue(text.contains("== Series 1 of 2: CT stack") && text.contains("== Series 2 of 2: Single image"), text);
    assertTrue(text.contains("SUBRESOLUTION(6)"), text);
    assertTrue(text.contains("FULL_RESOLUTION(8)"), text);
    assertTrue(text.contains("8 of 8 images final, 0 failed"), text);
    assertTrue(text.contains("1 of 1 images final, 0 failed"), text);
    assertTrue(text.contains("Writing "), "the first run writes the study: " + text);

    out.reset();
    assertEquals(0, run(demo), err.toString());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Reusing the data in " + data), out.toString());
  }

  @Test
  void demoWithoutNativeCodecsUsesUncompressedThumbnailsThenFrames() {
    int code = run("demo", "--codec", "raw", "--images", "12", "--size", "64", "--net", "local", "--json");
    String json = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, json + err);
    assertTrue(json.startsWith("["), "one JSON array on stdout: " + json);
    assertTrue(json.contains("\"finalImages\" : 12"), json);
    assertTrue(json.contains("\"status\" : 6") && json.contains("\"status\" : 8"), json);
  }

  @Test
  void theDefaultDemoIsTheIssuesStudyOnA4gLink() {
    DemoSession.Options o = DemoCommand.parse();
    assertEquals("htj2k", o.codec());
    assertEquals(100, o.stackImages());
    assertEquals(512, o.stackSize());
    assertEquals(3036, o.singleSize());
    assertEquals(org.weasis.progressive.netshape.LinkProfile.FOUR_G, o.link());
    assertTrue(o.dataRoot().endsWith(Path.of("weasis-progressive", "demo-" + BenchData.FORMAT)), o.dataRoot().toString());
  }

  @Test
  void decodeWritesAPgmOfTheLevelTheBytesHold(@TempDir Path temp) throws Exception {
    Path tree = temp.resolve("tree");
    StudyWriter.write(tree, new StudyWriter.Spec("1.2.3", "1.2.3.4", 1, 96, 80, 12));
    Path frame = tree.resolve("studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.1/frames/1.mht");
    Path pgm = temp.resolve("out.pgm");
    assertEquals(0, run("decode", "--ts", "1.2.840.10008.1.2.4.202", "--level", "1", frame.toString(), pgm.toString()),
        err.toString());
    String header = new String(Files.readAllBytes(pgm), 0, 16, StandardCharsets.US_ASCII);
    assertTrue(header.startsWith("P5\n40 48\n65535\n"), header);
  }

  @Test
  void demoRejectsWindowTogetherWithHeadless() {
    assertEquals(2, run("demo", "--window", "--headless"));
    assertTrue(err.toString().contains("--window and --headless exclude each other"), err.toString());
  }

  @Test
  void demoRejectsImageSizesItCannotWriteOptionsRawIgnoresAndJsonInTheWindow() {
    // 50000² samples overflow an int: the writer failed with a NegativeArraySizeException after starting.
    assertEquals(2, run("demo", "--size", "50000", "--headless"));
    assertTrue(err.toString().contains("--size from 4 to 16384"), err.toString());
    err.reset();
    assertEquals(2, run("demo", "--single-size", "40000", "--headless"));
    assertTrue(err.toString().contains("--single-size 0 or from 4 to 16384"), err.toString());
    err.reset();
    assertEquals(2, run("demo", "--codec", "raw", "--single-size", "1024", "--headless"));
    assertTrue(err.toString().contains("--single-size and --data do not apply"), err.toString());
    err.reset();
    // Was found only once the study was written and the framework started: exit 1 with the exception's class.
    assertEquals(2, run("demo", "--strategy", "nearst", "--headless"));
    assertTrue(err.toString().startsWith("demo: --strategy ") && err.toString().contains("nearest"), err.toString());
    err.reset();
    assertEquals(2, run("demo", "--json", "--window"));
    assertTrue(err.toString().contains("--json prints the timeline: it excludes --window"), err.toString());
  }

  @Test
  void demoNamesADataDirectoryItCannotWriteAndHowToChooseAnother() {
    // Nothing can be created under /proc: the JDK's exception message is the bare path.
    assertEquals(1, run("demo", "--data", "/proc/weasis-progressive-demo", "--images", "2", "--size", "16",
        "--single-size", "0", "--headless"));
    String text = err.toString();
    assertTrue(text.contains("cannot write the study into /proc/weasis-progressive-demo/0-2x16"), text);
    assertTrue(text.contains("no such file or directory") && text.contains("--data DIR"), text);
  }

  @Test
  void badInputExitsNonZeroWithAMessage(@TempDir Path temp) throws Exception {
    Path junk = Files.writeString(temp.resolve("junk.j2c"), "not an image");
    assertEquals(1, run("decode", "--ts", "1.2.840.10008.1.2.4.201", junk.toString(), temp.resolve("o.pgm").toString()));
    assertTrue(err.toString().contains("not a J2K/HTJ2K codestream"), err.toString());
    err.reset();
    assertEquals(2, run("load", "--url", "http://127.0.0.1:1"));
    assertTrue(err.toString().contains("--study is required"), err.toString());
    err.reset();
    assertEquals(2, run("load", "--url", "ftp://x", "--study", "1", "--series", "2"));
    assertTrue(err.toString().contains("http or https"), err.toString());
    err.reset();
    assertEquals(2, run("frobnicate"));
  }

  @Test
  void aBadConfigurationFileIsRejectedNamingTheKey(@TempDir Path temp) throws Exception {
    Path config = Files.writeString(temp.resolve("c.json"), "{\"stages\": [{\"id\": \"a\", \"decimate\": 0}]}");
    assertEquals(2, run("load", "--url", "http://127.0.0.1:1", "--study", "1", "--series", "2", "--config",
        config.toString()));
    assertTrue(err.toString().contains("stages[0].decimate = 0"), err.toString());
  }

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
