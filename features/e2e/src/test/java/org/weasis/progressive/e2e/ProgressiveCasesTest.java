package org.weasis.progressive.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.e2e.servers.NginxServer;
import org.weasis.progressive.e2e.servers.OrthancServer;
import org.weasis.progressive.fixtures.Fixtures;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.netshape.LinkProfile;
import org.weasis.progressive.netshape.LinkShaper;
import org.weasis.progressive.server.StaticDicomWebServer;
import org.weasis.progressive.standalone.Codecs;
import org.weasis.progressive.testsupport.RecordingListener;

/**
 * The four progressive cases on real Static DICOMweb output (HTJ2K RPCL frames, JPEG-LS and JPEG-LS
 * thumbnail alternates), served by nginx and by our server, and JPEG-LS transcoded by Orthanc: the
 * statuses and sizes delivered, the bytes fetched, and final images equal to the source DICOM pixels.
 */
class ProgressiveCasesTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int IMAGES = 3;
  private static final int SIZE = 512;

  /** The source pixels of each SOP Instance, from the DICOM files the fixture tree was made of. */
  private static final Map<String, short[]> SOURCE = new HashMap<>();
  private static StaticDicomWebServer ours;
  private static NginxServer nginx;
  private static ProgressiveEngine engine;

  enum Server {
    OURS,
    NGINX
  }

  @BeforeAll
  static void startServers() throws IOException {
    readSourcePixels(Fixtures.sourceDir());
    ours = StaticDicomWebServer.start(Fixtures.staticDicomWebTree(), "127.0.0.1", 0);
    nginx = NginxServer.serveStaticDicomWeb(Fixtures.staticDicomWebTree());
    engine = Codecs.engine(System.err);
  }

  @AfterAll
  static void stopServers() {
    engine.close();
    ours.close();
    nginx.close();
  }

  @ParameterizedTest
  @EnumSource(Server.class)
  void jlsFullDeliversEachImageOnceLosslessFromTheJlsPath(Server server) throws Exception {
    RetrieveConfiguration config = RetrieveConfiguration.single()
        .withRetrieveOptions(Map.of("single", options("/jls/", null, null, null)));
    Outcome out = load(server, config);
    for (String sop : SOURCE.keySet()) {
      List<ImageEvent> versions = out.versionsOf(sop);
      assertEquals(1, versions.size(), sop);
      assertFinalAndExact(versions.get(0));
    }
    List<Request> frames = frameRequests(server, IMAGES);
    assertEquals(IMAGES, frames.size());
    assertTrue(frames.stream().allMatch(r -> r.path.contains("/jls/1") && r.range == null), frames::toString);
  }

  @ParameterizedTest
  @EnumSource(Server.class)
  void jlsReducedShowsTheQuarterThumbnailThenTheLosslessFrame(Server server) throws Exception {
    RetrieveConfiguration config = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", options("/jlsThumbnail/", ImageQualityStatus.SUBRESOLUTION, null, null),
        "singleFinal", options("/jls/", null, null, null)));
    Outcome out = load(server, config);
    for (String sop : SOURCE.keySet()) {
      List<ImageEvent> versions = out.versionsOf(sop);
      assertEquals(2, versions.size(), sop);
      ImageEvent thumb = versions.get(0);
      assertEquals(ImageQualityStatus.SUBRESOLUTION, thumb.status());
      assertEquals(List.of(128, 128, 2), List.of(thumb.rows(), thumb.columns(), thumb.decodeLevel()));
      assertEquals(List.of(SIZE, SIZE), List.of(thumb.image().pixels().rows(), thumb.image().pixels().columns()),
          "the event carries the full target size so a viewer can scale the thumbnail");
      assertThumbnailIsTheSourceDecimated(thumb);
      assertFinalAndExact(versions.get(1));
    }
  }

  @ParameterizedTest
  @EnumSource(Server.class)
  void htj2kStreamingDecodesRisingResolutionsThenTheFullImage(Server server) throws Exception {
    RetrieveConfiguration config = RetrieveConfiguration.single()
        .withRetrieveOptions(Map.of("single", RetrieveOptions.builder().streaming(true).build()));
    // Over bare loopback a 512² frame is all in before its first partial decode ends, and a partial is
    // never delivered after the final: behind a slow link the levels arrive over time, as streaming is for.
    // At 4 Mbit/s each frame takes about half a second, far more than a partial decode even on a busy
    // machine; at 4G's 30 Mbit/s, a frame's 60 ms were sometimes over before one ended, at load 8-12.
    LinkProfile slowLink = new LinkProfile(4_000_000, 1_000_000, Duration.ofMillis(20));
    Outcome out;
    try (LinkShaper link = LinkShaper.start(slowLink, "127.0.0.1", 0, "127.0.0.1", port(server))) {
      out = load(server, config, url -> withPort(url, link.port()));
    }
    for (String sop : SOURCE.keySet()) {
      List<ImageEvent> versions = out.versionsOf(sop);
      assertTrue(versions.size() >= 2, () -> sop + ": no partial version before the final one: " + versions);
      for (int i = 0; i + 1 < versions.size(); i++) {
        ImageEvent partial = versions.get(i);
        assertEquals(ImageQualityStatus.SUBRESOLUTION, partial.status());
        assertTrue(partial.columns() < versions.get(i + 1).columns(), "resolution rises: " + versions);
      }
      assertFinalAndExact(versions.get(versions.size() - 1));
    }
    assertEquals(IMAGES, frameRequests(server, IMAGES).size(), "one request per frame");
  }

  @ParameterizedTest
  @EnumSource(Server.class)
  void htj2kByteRangeDecodesTheFirst64KiBThenAppendsTheRestWithoutRefetching(Server server) throws Exception {
    RetrieveConfiguration config = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", options(null, null, 0, 65536),
        "singleFinal", options(null, null, -1, null)));
    Outcome out = load(server, config);
    for (String sop : SOURCE.keySet()) {
      List<ImageEvent> versions = out.versionsOf(sop);
      assertEquals(2, versions.size(), sop);
      ImageEvent first = versions.get(0);
      assertEquals(ImageQualityStatus.SUBRESOLUTION, first.status());
      assertEquals(256, first.columns(), "64 KiB of this RPCL stream hold levels up to 256x256 exactly");
      assertFinalAndExact(versions.get(1));
    }
    List<Request> frames = frameRequests(server, 2 * IMAGES);
    for (String sop : SOURCE.keySet()) {
      List<String> ranges = frames.stream().filter(r -> r.path.contains(sop + "/frames/1")).map(r -> r.range).toList();
      assertEquals(List.of("bytes=0-65535", "bytes=65536-"), ranges, sop);
    }
    long mhtBytes = 0;
    for (String sop : SOURCE.keySet()) {
      mhtBytes += Files.size(Fixtures.staticDicomWebTree().resolve(Fixtures.SERIES_PATH)
          .resolve("instances").resolve(sop).resolve("frames/1.mht"));
    }
    long received = out.summary.bytesPerStage().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(mhtBytes, received, "every byte of every frame fetched exactly once");
  }

  @Test
  void orthancTranscodesToJpegLsWhenAskedWithItsMediaType(@TempDir Path temp) throws Exception {
    try (OrthancServer orthanc = OrthancServer.start()) {
      try (Stream<Path> files = Files.list(Fixtures.sourceDir())) {
        for (Path dcm : files.filter(f -> f.toString().endsWith(".dcm")).toList()) {
          orthanc.store(dcm);
        }
      }
      String jls = "multipart/related; type=\"image/jls\"; transfer-syntax=1.2.840.10008.1.2.4.80";
      RetrieveConfiguration config = RetrieveConfiguration.single().withRetrieveOptions(Map.of(
          "single", RetrieveOptions.builder().accept(jls).build()));
      Outcome out = load(orthanc.baseUrl(), config);
      for (String sop : SOURCE.keySet()) {
        List<ImageEvent> versions = out.versionsOf(sop);
        assertEquals(1, versions.size(), sop);
        assertFinalAndExact(versions.get(0));
      }
      // Orthanc ignores Range: the first chunk request gets the whole frame (200), so the final
      // stage is skipped and nothing is fetched twice.
      RetrieveConfiguration ranged = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
          "singleFast", options(null, null, 0, 4096), "singleFinal", options(null, null, -1, null)));
      Outcome rangedOut = load(orthanc.baseUrl(), ranged);
      for (String sop : SOURCE.keySet()) {
        List<ImageEvent> versions = rangedOut.versionsOf(sop);
        assertEquals(1, versions.size(), sop);
        assertEquals("lossySequential", versions.get(0).stageId());
        assertFinalAndExact(versions.get(0));
      }
    }
  }

  // --- helpers ---

  private static RetrieveOptions options(String framesPath, ImageQualityStatus status, Integer rangeIndex,
      Integer chunk) {
    return RetrieveOptions.builder()
        .framesPath(framesPath)
        .imageQualityStatus(status)
        .rangeIndex(rangeIndex)
        .chunkSize(chunk)
        .build();
  }

  private static void assertFinalAndExact(ImageEvent e) {
    assertEquals(ImageQualityStatus.FULL_RESOLUTION, e.status(), e.toString());
    assertEquals(List.of(SIZE, SIZE), List.of(e.rows(), e.columns()));
    short[] expected = SOURCE.get(e.image().sopInstanceUid());
    short[] actual = new short[expected.length];
    ((ShortBuffer) e.raster().samples()).duplicate().rewind().get(actual);
    assertTrue(java.util.Arrays.equals(expected, actual), () -> "pixels differ for " + e.image().sopInstanceUid());
  }

  private static void assertThumbnailIsTheSourceDecimated(ImageEvent thumb) {
    short[] source = SOURCE.get(thumb.image().sopInstanceUid());
    ShortBuffer samples = (ShortBuffer) thumb.raster().samples();
    for (int r = 0; r < 128; r++) {
      for (int c = 0; c < 128; c++) {
        // The toolkit samples corner-aligned: thumbnail pixel i is source pixel floor(i * 511 / 127).
        int sr = r * (SIZE - 1) / 127;
        int sc = c * (SIZE - 1) / 127;
        assertEquals(source[sr * SIZE + sc], samples.get(r * 128 + c), "thumbnail at " + r + "," + c);
      }
    }
  }

  private Outcome load(Server server, RetrieveConfiguration config) throws Exception {
    return load(server, config, url -> url);
  }

  /** Loads from the server's base URL as {@code route} rewrites it (through a link shaper, say). */
  private Outcome load(Server server, RetrieveConfiguration config, UnaryOperator<String> route) throws Exception {
    ours.clearRequests();
    nginx.clearAccessLog();
    return load(route.apply(server == Server.OURS ? ours.baseUrl() : nginx.baseUrl()), config);
  }

  private static int port(Server server) {
    return server == Server.OURS ? ours.port() : nginx.port();
  }

  private static String withPort(String baseUrl, int port) {
    URI u = URI.create(baseUrl);
    return u.getScheme() + "://" + u.getHost() + ":" + port + (u.getRawPath() == null ? "" : u.getRawPath());
  }

  private static Outcome load(String baseUrl, RetrieveConfiguration config) throws Exception {
    RecordingListener listener = new RecordingListener();
    SeriesRequest request = SeriesRequest.of(NodeConfig.of(baseUrl), Fixtures.STUDY, Fixtures.SERIES);
    LoadSummary summary = engine.load(request, config, listener).completion().toCompletableFuture()
        .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertTrue(listener.errors().isEmpty(), listener.errors()::toString);
    assertEquals(IMAGES, summary.finalImages(), summary::toString);
    return new Outcome(summary, listener.images());
  }

  private record Request(String path, String range) {}

  /** The frame requests the server saw; nginx logs after the last byte, so wait for all lines. */
  private static List<Request> frameRequests(Server server, int expectedFrames) throws IOException {
    List<Request> all = new ArrayList<>();
    if (server == Server.OURS) {
      ours.requests().forEach(r -> all.add(new Request(r.target(), r.header("Range"))));
    } else {
      for (NginxServer.Access a : nginx.awaitAccessLog(expectedFrames + 1, Duration.ofSeconds(10))) {
        all.add(new Request(a.target(), a.range() == null || a.range().isBlank() || a.range().equals("-") ? null : a.range()));
      }
    }
    return all.stream().filter(r -> r.path.contains("/instances/")).toList();
  }

  private record Outcome(LoadSummary summary, List<ImageEvent> events) {
    List<ImageEvent> versionsOf(String sop) {
      return events.stream().filter(e -> e.image().sopInstanceUid().equals(sop)).toList();
    }
  }

  /** Reads each source file's SOP Instance UID and its 16-bit pixels (the last element of the file). */
  private static void readSourcePixels(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path dcm : files.filter(f -> f.toString().endsWith(".dcm")).toList()) {
        byte[] bytes = Files.readAllBytes(dcm);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String sop = null;
        for (int i = 1; i <= IMAGES; i++) {
          if (text.contains(Fixtures.SERIES + "." + i + "\0") || text.contains(Fixtures.SERIES + "." + i)) {
            sop = Fixtures.SERIES + "." + i;
          }
        }
        short[] pixels = new short[SIZE * SIZE];
        ByteBuffer.wrap(bytes, bytes.length - pixels.length * 2, pixels.length * 2)
            .order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pixels);
        SOURCE.put(sop, pixels);
      }
    }
  }
}
