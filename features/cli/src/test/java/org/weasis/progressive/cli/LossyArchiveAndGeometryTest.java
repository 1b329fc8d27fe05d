package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.cli.TestStudies.LossyCodec;
import org.weasis.progressive.server.StaticDicomWebServer;

/**
 * Issue 11, acceptance 4: a series stored lossy by the real encoders ends LOSSY and counts as complete;
 * a series whose InstanceNumbers are shuffled against its slice positions is loaded, copied to
 * neighbours and interleaved in spatial order.
 */
class LossyArchiveAndGeometryTest {
  private static final String JPEG_2000 = TestStudies.STUDY + ".91";
  private static final String HTJ2K = TestStudies.STUDY + ".203";
  private static final String JPEG_LS = TestStudies.STUDY + ".81";
  private static final String SHUFFLED = TestStudies.STUDY + ".9";
  private static final int LOSSY = 7;
  private static final int IMAGES = 3;
  /** InstanceNumbers of the shuffled series' slices, slice k lying at z = 2.5 k (StudyWriter). */
  private static final int[] SHUFFLED_NUMBERS = {5, 9, 1, 7, 3, 8, 2, 6, 4};

  @TempDir static Path root;
  private static StaticDicomWebServer server;
  private static final Map<String, StudyWriter.Written> LOSSY_SERIES = new HashMap<>();
  private static StudyWriter.Written shuffled;

  @BeforeAll
  static void writeAndServe() throws IOException {
    LOSSY_SERIES.put(JPEG_2000, TestStudies.lossySeries(root, JPEG_2000, IMAGES, 128, LossyCodec.JPEG_2000));
    LOSSY_SERIES.put(HTJ2K, TestStudies.lossySeries(root, HTJ2K, IMAGES, 128, LossyCodec.HTJ2K));
    LOSSY_SERIES.put(JPEG_LS, TestStudies.lossySeries(root, JPEG_LS, IMAGES, 128, LossyCodec.JPEG_LS_NEAR));
    shuffled = StudyWriter.write(root,
        new StudyWriter.Spec(TestStudies.STUDY, SHUFFLED, SHUFFLED_NUMBERS.length, 64, 64, 12));
    TestStudies.renumber(root, SHUFFLED, SHUFFLED_NUMBERS);
    server = StaticDicomWebServer.start(root, "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anIrreversibleJpeg2000SeriesEndsLossyAndComplete() {
    assertLossyAndComplete(JPEG_2000, "sequential");
  }

  @Test
  void aLossyHtj2kSeriesEndsLossyAndComplete() {
    assertLossyAndComplete(HTJ2K, "interleaved");
  }

  @Test
  void aNearLosslessJpegLsSeriesEndsLossyAndComplete() {
    assertLossyAndComplete(JPEG_LS, "single");
  }

  @Test
  void shuffledInstanceNumbersDoNotMoveImagesOutOfTheirSpatialOrder() {
    CornerstoneLoad load = CornerstoneLoad.run(server, SHUFFLED, "interleaved.json");
    assertEquals(0, load.exitCode(), load::err);
    // StudyWriter puts slice k at z = 2.5 k: the load's order must be slice order (up or down, as the
    // InstanceNumbers trend), not InstanceNumber order.
    List<String> bySlice = shuffled.sopInstanceUids();
    List<String> loaded = List.copyOf(load.sopByIndex().values());
    assertTrue(loaded.equals(bySlice) || loaded.equals(bySlice.reversed()), "order " + loaded);
    // initialImages: the middle, first and last slices by position.
    Set<String> initial = new TreeSet<>();
    List<int[]> copies = new ArrayList<>();
    for (JsonNode e : load.json().get("events")) {
      int index = e.get("index").asInt();
      int source = e.get("source").asInt();
      if (source == index && "initialImages".equals(e.get("stage").asText())) {
        initial.add(e.get("sop").asText());
      } else if (source != index) {
        copies.add(new int[] {source, index});
      }
    }
    assertEquals(new TreeSet<>(List.of(bySlice.get(4), bySlice.get(0), bySlice.get(8))), initial);
    // Every copy goes to a slice at most two slices (5 mm) away from the one it shows.
    assertTrue(!copies.isEmpty(), "the interleaved preset fills neighbours");
    for (int[] copy : copies) {
      int offset = copy[1] - copy[0];
      assertTrue(offset == -1 || offset == 1 || offset == 2, "copy of slice " + copy[0] + " to " + copy[1]);
    }
  }

  private static void assertLossyAndComplete(String series, String config) {
    CornerstoneLoad load = CornerstoneLoad.run(server, series, config);
    assertEquals(0, load.exitCode(), () -> load.err() + load.json());
    assertEquals(IMAGES, load.finalImages());
    assertEquals(0, load.json().get("summary").get("errors").asInt(), load.json()::toString);
    assertEquals(Map.of(0, LOSSY, 1, LOSSY, 2, LOSSY), load.bestOwnStatus());
    // One request per image: LOSSY ends the image, no later stage asks again.
    Map<String, List<String>> expected = new HashMap<>();
    LOSSY_SERIES.get(series).sopInstanceUids().forEach(sop -> expected.put(sop, List.of("frames/1")));
    assertEquals(expected, load.requestsBySop());
  }
}
