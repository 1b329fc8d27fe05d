package org.weasis.progressive.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.node.ProbeReport;
import org.weasis.progressive.e2e.servers.NginxServer;
import org.weasis.progressive.fixtures.Fixtures;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.internal.probe.NodeProber;
import org.weasis.progressive.server.StaticDicomWebServer;
import org.weasis.progressive.standalone.Codecs;
import org.weasis.progressive.testsupport.RecordingListener;

/**
 * "Test node" on the real Static DICOMweb fixture: our server (Range honoured, HTJ2K frames, /jls/ and
 * /jlsThumbnail/ alternates) and nginx ignoring Range over a copy without alternates are proposed
 * different configurations, and loading with each proposal ends every image lossless.
 */
class ProbeAgainstRealServersTest {
  private static final int IMAGES = 3;
  private static final int SIZE = 512;

  @TempDir static Path temp;
  private static StaticDicomWebServer ranged;
  private static NginxServer plain;
  private static ProgressiveEngine engine;
  private static ScheduledExecutorService timer;
  private static NodeProber prober;

  @BeforeAll
  static void start() throws IOException {
    ranged = StaticDicomWebServer.start(Fixtures.staticDicomWebTree(), "127.0.0.1", 0);
    plain = NginxServer.serveStaticDicomWeb(copyWithoutAlternates(Fixtures.staticDicomWebTree()), false);
    engine = Codecs.engine(System.err);
    timer = Executors.newSingleThreadScheduledExecutor();
    prober = new NodeProber(Duration.ofSeconds(5), timer);
  }

  @AfterAll
  static void stop() {
    timer.shutdownNow();
    engine.close();
    plain.close();
    ranged.close();
  }

  @Test
  void aServerHonouringRangeWithAlternatesIsProposedHtj2kByteRangesThatLoadLossless() throws Exception {
    ProbeReport report = prober.probe(NodeConfig.of(ranged.baseUrl()), Fixtures.STUDY, Fixtures.SERIES);

    assertTrue(report.rangeHonoured(), report.notes()::toString);
    assertEquals("bytes 0-1023/" + Files.size(fileOf(report.firstFrameUrl(), ranged.baseUrl())),
        report.range().contentRange());
    assertEquals(TransferSyntax.HTJ2K_LOSSLESS, report.defaultAccept().transferSyntaxUid());
    assertEquals(TransferSyntax.JPEG_LS_NEAR_LOSSLESS, report.jlsAlternate().transferSyntaxUid());
    assertTrue(report.jlsThumbnailAlternate().answered());
    RetrieveConfiguration byteRange = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", RetrieveOptions.builder().rangeIndex(0).chunkSize(65536).build(),
        "singleFinal", RetrieveOptions.builder().rangeIndex(-1).build()));
    assertEquals(byteRange, report.proposal());

    ranged.clearRequests();
    List<ImageEvent> events = load(ranged.baseUrl(), report.proposal());
    assertEveryImageEndsLossless(events);
    assertEquals(IMAGES, events.stream().filter(e -> e.status() != ImageQualityStatus.FULL_RESOLUTION).count(),
        "each image first shown from its first 64 KiB");
    List<String> ranges = ranged.requests().stream().filter(r -> r.path().contains("/frames/"))
        .map(r -> r.header("Range")).toList();
    assertEquals(List.of("bytes=0-65535", "bytes=65536-"), ranges.stream().distinct().sorted().toList(), ranges::toString);
  }

  @Test
  void aServerIgnoringRangeWithoutAlternatesIsProposedASingleStageThatLoadsLossless() throws Exception {
    ProbeReport report = prober.probe(NodeConfig.of(plain.baseUrl()), Fixtures.STUDY, Fixtures.SERIES);

    assertFalse(report.rangeHonoured(), report.notes()::toString);
    assertEquals(200, report.range().status());
    assertEquals(TransferSyntax.HTJ2K_LOSSLESS, report.defaultAccept().transferSyntaxUid());
    assertEquals(404, report.jlsAlternate().status());
    assertEquals(404, report.jlsThumbnailAlternate().status());
    assertEquals(RetrieveConfiguration.single(), report.proposal());

    List<ImageEvent> events = load(plain.baseUrl(), report.proposal());
    assertEveryImageEndsLossless(events);
    assertEquals(IMAGES, events.size(), "one version per image");
  }

  private static List<ImageEvent> load(String baseUrl, RetrieveConfiguration configuration) throws Exception {
    RecordingListener listener = new RecordingListener();
    SeriesRequest request = SeriesRequest.of(NodeConfig.of(baseUrl), Fixtures.STUDY, Fixtures.SERIES)
        .withStrategy("sequential");
    engine.load(request, configuration, listener).completion().toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertTrue(listener.errors().isEmpty(), listener.errors()::toString);
    return listener.images();
  }

  private static void assertEveryImageEndsLossless(List<ImageEvent> events) {
    List<ImageEvent> finals = events.stream().filter(e -> e.status() == ImageQualityStatus.FULL_RESOLUTION).toList();
    assertEquals(IMAGES, finals.size(), events::toString);
    for (ImageEvent e : finals) {
      assertEquals(List.of(SIZE, SIZE), List.of(e.rows(), e.columns()));
    }
  }

  /** The .mht file that answers a frame URL of the server over the fixture tree. */
  private static Path fileOf(String frameUrl, String baseUrl) {
    return Fixtures.staticDicomWebTree().resolve(frameUrl.substring(baseUrl.length() + 1) + ".mht");
  }

  /** The fixture tree without its /jls/ and /jlsThumbnail/ folders: a node that has only the frames. */
  private static Path copyWithoutAlternates(Path tree) throws IOException {
    Path copy = temp.resolve("no-alternates");
    try (Stream<Path> paths = Files.walk(tree)) {
      for (Path source : paths.toList()) {
        Path relative = tree.relativize(source);
        if (relative.toString().matches("(.*/)?(jls|jlsThumbnail)(/.*)?")) {
          continue;
        }
        Path target = copy.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return copy;
  }
}
