package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.server.StaticDicomWebServer;

/**
 * Issue 11, acceptance 1: Cornerstone3D's documented and example configurations, as JSON, go through
 * {@code ./progressive load} against the project's Static DICOMweb server; each ends where Cornerstone's
 * would, with the requests (paths and Range headers) Cornerstone's loader makes — except where this
 * engine continues bytes Cornerstone would fetch again, which is said where it happens.
 */
class CornerstoneConfigurationsTest {
  private static final String STACK = TestStudies.STUDY + ".1";
  private static final String VOLUME = TestStudies.STUDY + ".2";
  private static final int FULL = 8;
  private static final int LOSSY = 7;
  private static final int SUBRESOLUTION = 6;
  private static final int VOLUME_IMAGES = 8;

  @TempDir static Path root;
  private static StaticDicomWebServer server;
  private static StudyWriter.Written stack;
  private static StudyWriter.Written volume;

  @BeforeAll
  static void writeAndServe() throws IOException {
    stack = TestStudies.stackWithAlternates(root, STACK, 2, 1024);
    volume = StudyWriter.write(root, new StudyWriter.Spec(TestStudies.STUDY, VOLUME, VOLUME_IMAGES, 512, 512, 12));
    server = StaticDicomWebServer.start(root, "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void stackProgressiveJlsLoadsTheJlsPathOnly() {
    CornerstoneLoad load = CornerstoneLoad.run(server, STACK, "stack-jls.json");
    assertAllFinal(load, stack);
    assertRequests(load, stack, List.of("jls/1"));
  }

  @Test
  void stackProgressiveJlsThumbnailEndsAtTheThumbnailHonestlyGraded() {
    // Cornerstone shows the 1/4 thumbnail as FULL_RESOLUTION (nothing says otherwise); here a complete
    // image smaller than the series' size is SUBRESOLUTION whatever a stage claims, so the load ends below
    // final, with one request per image as in Cornerstone.
    CornerstoneLoad load = CornerstoneLoad.run(server, STACK, "stack-jlsThumbnail.json");
    assertEquals(1, load.exitCode());
    assertEquals(Map.of(0, SUBRESOLUTION, 1, SUBRESOLUTION), load.bestOwnStatus());
    assertTrue(load.json().get("errors").toString().contains("no stage delivered a full-resolution image"),
        load.json().toString());
    assertRequests(load, stack, List.of("jlsThumbnail/1"));
  }

  @Test
  void stackProgressiveJlsMixedShowsTheThumbnailThenTheFullJls() {
    CornerstoneLoad load = CornerstoneLoad.run(server, STACK, "stack-jlsMixed.json");
    assertAllFinal(load, stack);
    assertRequests(load, stack, List.of("jlsThumbnail/1", "jls/1"));
    load.ownStatuses().values().forEach(s -> assertEquals(List.of(SUBRESOLUTION, FULL), s));
  }

  @Test
  void stackProgressiveHtj2kStreamingWithDecodeLevelOneEndsAtFullResolution() {
    // The third failure: decodeLevel limits the partial decodes only; no stages = the stack's
    // single stage, whose retrieveType is "single".
    CornerstoneLoad load = CornerstoneLoad.run(server, STACK, "stack-htj2k.json");
    assertAllFinal(load, stack);
    assertRequests(load, stack, List.of("frames/1"));
  }

  @Test
  void stackProgressiveHtj2kLossyShowsTheLossyPathThenTheLosslessFrames() {
    CornerstoneLoad load = CornerstoneLoad.run(server, STACK, "stack-htj2kLossy.json");
    assertAllFinal(load, stack);
    assertRequests(load, stack, List.of("lossy/1", "frames/1"));
    load.ownStatuses().values().forEach(s -> assertEquals(List.of(LOSSY, FULL), s.subList(s.size() - 2, s.size())));
  }

  @Test
  void stackProgressiveHtj2kThumbnailShowsTheThumbnailThenTheFrames() {
    CornerstoneLoad load = CornerstoneLoad.run(server, STACK, "stack-htj2kThumbnail.json");
    assertAllFinal(load, stack);
    assertRequests(load, stack, List.of("htj2kThumbnail/1", "frames/1"));
  }

  @Test
  void stackProgressiveHtj2kBytesAsksForChunkZeroThenRangeTenInTheFirstChunkSize() throws IOException {
    // singleFast fixes the chunk size at 128 KiB; singleFastFailure's chunk 0 is already in (no request);
    // singleMiddle's rangeIndex 10 counts in that size: bytes 131072 to 11 * 131072 - 1.
    for (String sop : stack.sopInstanceUids()) {
      long total = Files.size(instance(STACK, sop).resolve("frames/1.mht"));
      assertTrue(total > 2 * 131072 && total < 11 * 131072, "test data: frame of " + total + " bytes");
    }
    CornerstoneLoad load = CornerstoneLoad.run(server, STACK, "stack-htj2kBytes.json");
    assertAllFinal(load, stack);
    assertRequests(load, stack, List.of("frames/1 bytes=0-131071", "frames/1 bytes=131072-1441791"));
  }

  @Test
  void theProjectsJlsThumbnailConfigurationShowsThumbnailsThenFullJls() {
    CornerstoneLoad load = CornerstoneLoad.run(server, VOLUME, "jls-thumbnail.json");
    assertAllFinal(load, volume);
    assertRequests(load, volume, List.of("jlsThumbnail/1", "jls/1"));
  }

  @Test
  void theSequentialPresetWithoutOptionsFetchesEachFrameOnce() {
    CornerstoneLoad load = CornerstoneLoad.run(server, VOLUME, "sequential.json");
    assertAllFinal(load, volume);
    assertRequests(load, volume, List.of("frames/1"));
  }

  @Test
  void theInterleavedPresetStartsWithTheMiddleFirstAndLastImagesAndFetchesEachFrameOnce() {
    CornerstoneLoad load = CornerstoneLoad.run(server, VOLUME, "interleaved.json");
    assertAllFinal(load, volume);
    assertRequests(load, volume, List.of("frames/1"));
    assertEquals(Set.of(0, 3, 7), ownImagesOfStage(load, "initialImages"));
  }

  @Test
  void volumeProgressiveHtj2kMixedInterleavesByteRangesAndContinuesThem() throws IOException {
    for (String sop : volume.sopInstanceUids()) {
      long total = Files.size(instance(VOLUME, sop).resolve("frames/1.mht"));
      assertTrue(total > 32000, "test data: frame of " + total + " bytes");
    }
    CornerstoneLoad load = CornerstoneLoad.run(server, VOLUME, "volume-htj2kMixed.json");
    assertAllFinal(load, volume);
    // initialImages (0, 3, 7) has no options of its own: whole frames. halfThumb (1, 5) asks for chunk 0 of
    // 32000 bytes, threeQuarterFull for the rest; quarterFull (2, 6) and halfFull (0, 4) ask for the rest
    // of nothing: bytes=0-.
    Map<String, List<String>> expected = new HashMap<>();
    for (int i = 0; i < VOLUME_IMAGES; i++) {
      List<String> requests = switch (i) {
        case 0, 3, 7 -> List.of("frames/1");
        case 1, 5 -> List.of("frames/1 bytes=0-31999", "frames/1 bytes=32000-");
        default -> List.of("frames/1 bytes=0-");
      };
      expected.put(volume.sopInstanceUids().get(i), requests);
    }
    assertEquals(expected, load.requestsBySop());
    assertEquals(Set.of(1, 5), ownImagesOfStage(load, "halfThumb"));
  }

  private static Set<Integer> ownImagesOfStage(CornerstoneLoad load, String stage) {
    Set<Integer> images = new HashSet<>();
    load.json().get("events").forEach(e -> {
      if (stage.equals(e.get("stage").asText()) && e.get("source").asInt() == e.get("index").asInt()) {
        images.add(e.get("index").asInt());
      }
    });
    return images;
  }

  private static Path instance(String series, String sop) {
    return TestStudies.seriesDir(root, series).resolve("instances").resolve(sop);
  }

  private static void assertAllFinal(CornerstoneLoad load, StudyWriter.Written series) {
    int n = series.sopInstanceUids().size();
    assertEquals(0, load.exitCode(), () -> load.err() + load.json());
    assertEquals(n, load.finalImages(), load.json()::toString);
    Map<Integer, Integer> expected = new HashMap<>();
    IntStream.range(0, n).forEach(i -> expected.put(i, FULL));
    assertEquals(expected, load.bestOwnStatus());
  }

  private static void assertRequests(CornerstoneLoad load, StudyWriter.Written series, List<String> each) {
    Map<String, List<String>> expected = new HashMap<>();
    series.sopInstanceUids().forEach(sop -> expected.put(sop, new ArrayList<>(each)));
    assertEquals(expected, load.requestsBySop());
  }
}
