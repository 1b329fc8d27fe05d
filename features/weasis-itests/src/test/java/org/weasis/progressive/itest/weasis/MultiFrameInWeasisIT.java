package org.weasis.progressive.itest.weasis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.weasis.progressive.netshape.LinkProfile;

/**
 * A multi-frame instance loads progressively in the real Weasis 4.7.2: {@code progressive:rs} opens a study whose
 * one series is an enhanced CT instance of 12 HTJ2K frames (geometry only in its functional groups) from a local
 * server behind the 4g link shaper. Each frame is handed to Weasis at sub-resolution before its lossless final;
 * Weasis' series then holds the frames its own reader makes of the same instance uncompressed (the probe reads
 * that file with Weasis' DicomMediaIO, as Weasis' loader does a downloaded file): as many, in the same order, each
 * at its own position; and each frame's final pixels, read back through Weasis' own image API, equal the source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiFrameInWeasisIT {
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.7130";
  private static final int FRAMES = 12;
  private static final int SIZE = 512;
  private static final Duration LOAD = Duration.ofMinutes(4);
  private static final Pattern IMAGE = Pattern.compile("progressive image series=(\\S+) index=(\\d+) status=(\\w+)"
      + " rows=(\\d+) columns=(\\d+) bytes=(\\d+) ms=(\\d+)");
  private static final Pattern SERIES_DONE = Pattern.compile(
      "progressive series done series=(\\S+) final=(\\d+) errors=(\\d+) ms=(\\d+)");
  private static final Pattern PIXELS = Pattern.compile("probe pixels series=(\\S+) sop=(\\S+) rows=(\\d+)"
      + " columns=(\\d+) type=(\\S+) sha256=(\\w+) frame=(\\d+) position=(\\S+) intercept=(\\S+)");
  private static final Pattern STOCK =
      Pattern.compile("probe stock file=\\S+ frame=(\\d+) position=(\\S+) intercept=(\\S+)");

  private Path out;
  private ShapedSite site;
  private MultiFrameStudy study;
  private RunningWeasis weasis;
  private List<String> log;

  @BeforeAll
  void loadTheMultiFrameStudyAndReadItBack() throws Exception {
    WeasisSetup setup = WeasisSetup.require();
    out = ShapedSite.outputDir("multi-frame");
    site = ShapedSite.create("multi-frame-study");
    study = MultiFrameStudy.write(site.data().resolve("tree"), STUDY, FRAMES, SIZE);
    Path part10 = study.writePart10(site.data().resolve("stock.dcm"));
    String url = site.serve(site.data().resolve("tree"), LinkProfile.FOUR_G, out).url();
    weasis = RunningWeasis.start(setup, site.display(), out, List.of("$progressive:rs", "--url", url, "-r",
        "studyUID=" + STUDY));
    weasis.output().await(l -> l.contains("progressive series done series=" + study.seriesUid()), LOAD)
        .orElseGet(() -> fail("the multi-frame series did not finish within " + LOAD + "; see " + out));
    weasis.send(List.of("$probe:pixels", STUDY));
    awaitLine("probe pixels done study=" + STUDY);
    weasis.send(List.of("$probe:stock", part10.toString()));
    awaitLine("probe stock done");
    weasis.screenshot("loaded");
    log = weasis.output().snapshot();
  }

  @AfterAll
  void stopEverything() throws Exception {
    try (AutoCloseable s = site; AutoCloseable w = weasis) {
      // Closed in reverse order: Weasis first, then the site.
    }
  }

  @Test
  void everyFrameIsHandedOverAtSubResolutionBeforeItsLosslessFinalAndCountsAsOneFinalImage() {
    assertFalse(log.stream().anyMatch(l -> l.contains("loads the stock way")), "the series fell back; see " + out);
    Map<Integer, List<Matcher>> versions = new HashMap<>();
    for (String line : log) {
      Matcher m = IMAGE.matcher(line);
      if (m.find() && m.group(1).equals(study.seriesUid())) {
        versions.computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>()).add(m);
      }
    }
    assertEquals(FRAMES, versions.size(), "frames handed over: " + versions.keySet());
    for (int index = 0; index < FRAMES; index++) {
      List<String> statuses = versions.getOrDefault(index, List.of()).stream().map(m -> m.group(3)).toList();
      int firstSub = statuses.indexOf("SUBRESOLUTION");
      int fin = statuses.indexOf("FULL_RESOLUTION");
      assertTrue(fin >= 0, "no FULL_RESOLUTION version of frame index " + index + ": " + statuses);
      assertEquals(fin, statuses.size() - 1, "a version after the final of frame index " + index + ": " + statuses);
      assertTrue(firstSub >= 0 && firstSub < fin, "no SUBRESOLUTION version before the final of frame index "
          + index + ": " + statuses);
      Matcher last = versions.get(index).get(fin);
      assertEquals(SIZE + "x" + SIZE, last.group(4) + "x" + last.group(5), "final size of frame index " + index);
    }
    Matcher done = log.stream().map(SERIES_DONE::matcher).filter(Matcher::find)
        .filter(m -> m.group(1).equals(study.seriesUid())).findFirst().orElseThrow();
    assertEquals(FRAMES + " 0", done.group(2) + " " + done.group(3), "final images and errors: " + done.group());
  }

  @Test
  void weasisSeriesHoldsTheFramesItsOwnReaderMakesInTheSameOrderEachAtItsOwnPositionAndRescale() {
    List<Matcher> ourImages = matching(PIXELS);
    List<Matcher> stockImages = matching(STOCK);
    List<String> expected = new ArrayList<>();
    for (int k = 1; k <= FRAMES; k++) {
      expected.add("frame=" + k + " position=" + MultiFrameStudy.printed(MultiFrameStudy.position(k)));
    }
    assertEquals(expected, stockImages.stream().map(m -> "frame=" + m.group(1) + " position=" + m.group(2)).toList(),
        "Weasis' own reader of the uncompressed instance");
    assertEquals("-1024.0", stockImages.getFirst().group(3), "the first frame's rescale from the shared groups");

    // The modality LUT too: Weasis keeps the functional groups' one in a header it drops with a frame's pixels.
    List<String> stock = stockImages.stream()
        .map(m -> "frame=" + m.group(1) + " position=" + m.group(2) + " intercept=" + m.group(3)).toList();
    List<String> ours = ourImages.stream()
        .map(m -> "frame=" + m.group(7) + " position=" + m.group(8) + " intercept=" + m.group(9)).toList();
    assertEquals(stock, ours, "our series in Weasis against what Weasis' own reader makes");
  }

  @Test
  void theFinalPixelsOfEveryFrameReadThroughWeasisImageApiEqualTheSource() throws Exception {
    Map<Integer, String> decoded = new HashMap<>();
    for (Matcher m : matching(PIXELS)) {
      assertEquals(study.sopInstanceUid(), m.group(2), "an image of another instance: " + m.group());
      assertEquals(SIZE + "x" + SIZE, m.group(3) + "x" + m.group(4), "size of " + m.group());
      decoded.put(Integer.parseInt(m.group(7)), m.group(6));
    }
    List<Integer> different = new ArrayList<>();
    for (int k = 1; k <= FRAMES; k++) {
      if (!TestStudy.sha256(study.framePixels(k)).equals(decoded.get(k))) {
        different.add(k);
      }
    }
    assertTrue(different.isEmpty(), "frames whose pixels in Weasis differ from the source (or are missing): "
        + different + " of " + FRAMES + "; read " + decoded.size());
    List<String> errors = new ArrayList<>(RealWeasisIT.errorsOfOurs(log));
    if (Files.isRegularFile(weasis.logFile())) {
      errors.addAll(RealWeasisIT.errorsOfOurs(Files.readAllLines(weasis.logFile(), StandardCharsets.UTF_8)));
    }
    assertTrue(errors.isEmpty(), "errors logged by our bundles: " + errors);
  }

  private List<Matcher> matching(Pattern pattern) {
    List<Matcher> found = new ArrayList<>();
    for (String line : log) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        found.add(m);
      }
    }
    return found;
  }

  private void awaitLine(String fragment) throws InterruptedException {
    weasis.output().await(l -> l.contains(fragment), LOAD)
        .orElseGet(() -> fail("Weasis did not log '" + fragment + "' within " + LOAD + "; see " + out));
  }
}
