package org.weasis.progressive.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.e2e.servers.NginxServer;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.server.StaticDicomWebServer;
import org.weasis.progressive.standalone.Codecs;
import org.weasis.progressive.testsupport.study.StudyWriter;

/**
 * The interleaved preset over a real HTJ2K / JPEG-LS stack on real servers, to prove Cornerstone3D's
 * volume order — initial images, fast quarters and halves with nearby copies, then finals — holds end to
 * end, never downgrades an image and never fetches a byte twice.
 */
class InterleavedStackTest {
  private static final int IMAGES = 24;
  private static final int SIZE = 256;
  private static final int THUMBNAIL = SIZE / StudyWriter.THUMBNAIL_FACTOR;
  private static final int FAST_CHUNK = 8192;
  private static final Duration LOAD_DEADLINE = Duration.ofSeconds(60);
  private static final Duration LOG_DEADLINE = Duration.ofSeconds(10);
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.5001";
  private static final String SERIES = STUDY + ".1";

  @TempDir
  static Path root;

  private static StudyWriter.Written study;
  private ProgressiveEngine engine;

  /** The servers a stack is loaded from. */
  enum ServerKind { OUR_STATIC_SERVER, NGINX }

  @BeforeAll
  static void writeStudy() throws IOException {
    study = StudyWriter.write(root, new StudyWriter.Spec(STUDY, SERIES, IMAGES, SIZE, SIZE, 12));
  }

  @BeforeEach
  void createEngine() {
    engine = Codecs.engine(System.err);
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void htj2kRangesShowEveryFourthImageReducedFirstThenEveryImagePixelExactWithNoByteFetchedTwice(
      ServerKind kind) throws Exception {
    RetrieveConfiguration configuration = ProgressiveConfigs.interleavedHtj2kRanges(FAST_CHUNK);
    Set<Integer> fast = ProgressiveConfigs.fastImages(configuration, IMAGES);
    try (Served server = serve(kind)) {
      LoadRecording load = load(server, configuration);

      assertEveryImageFinalAndPixelExact(load);
      assertFastImagesWereReducedBeforeFinal(load, fast, -1);
      assertNeverDowngradedAndReplicatesOnlyBeforeOwnData(load);
      assertEachFastFrameFetchedAsChunkThenRest(server.frameRequests(IMAGES + fast.size()), fast);
      assertNoByteFetchedTwice(load, server, "frames", fast, Set.of());
      assertEquals((long) FAST_CHUNK * coveredFast(configuration, "quarterThumb"),
          load.summary().bytesPerStage().get("quarterThumb"), "quarterThumb fetched one chunk per image");
      assertEquals((long) FAST_CHUNK * coveredFast(configuration, "halfThumb"),
          load.summary().bytesPerStage().get("halfThumb"), "halfThumb fetched one chunk per image");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ServerKind.class)
  void jlsThumbnailsShowEveryFourthImageAt64PixelsFirstThenEveryImagePixelExact(ServerKind kind)
      throws Exception {
    RetrieveConfiguration configuration = ProgressiveConfigs.interleavedJls();
    Set<Integer> fast = ProgressiveConfigs.fastImages(configuration, IMAGES);
    try (Served server = serve(kind)) {
      LoadRecording load = load(server, configuration);

      assertEveryImageFinalAndPixelExact(load);
      assertFastImagesWereReducedBeforeFinal(load, fast, THUMBNAIL);
      assertThumbnailsArePixelExact(load, fast);
      assertNeverDowngradedAndReplicatesOnlyBeforeOwnData(load);
      assertEachFastImageFetchedThumbnailThenFull(server.frameRequests(IMAGES + fast.size()), fast);
      assertNoByteFetchedTwice(load, server, "jls", Set.of(), fast);
    }
  }

  /**
   * With one connection requests run strictly in scheduler order, so the order of delivery is the
   * order of the preset: the focus image (0), then the initial stage's middle and last images.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"htj2k", "jls"})
  void theFocusMiddleAndLastImagesAreShownBeforeAnyOther(String codec) throws Exception {
    RetrieveConfiguration configuration = codec.equals("jls")
        ? ProgressiveConfigs.interleavedJls()
        : ProgressiveConfigs.interleavedHtj2kRanges(FAST_CHUNK);
    try (Served server = serve(ServerKind.OUR_STATIC_SERVER)) {
      LoadRecording load = load(server, configuration, 1);

      assertEveryImageFinalAndPixelExact(load);
      assertInitialImagesCameFirst(load, configuration);
      assertNeverDowngradedAndReplicatesOnlyBeforeOwnData(load);
    }
  }

  @Test
  void aFirstStageThatIsAlreadyLosslessSkipsTheLaterStages() throws Exception {
    try (Served server = serve(ServerKind.OUR_STATIC_SERVER)) {
      LoadRecording load = load(server, RetrieveConfiguration.sequential());

      assertEveryImageFinalAndPixelExact(load);
      for (int i = 0; i < IMAGES; i++) {
        List<ImageEvent> own = load.ownVersionsOf(i);
        assertEquals(1, own.size(), "image " + i + " delivered once: " + own);
        assertEquals("lossySequential", own.getFirst().stageId(), "image " + i);
      }
      Map<String, List<FrameRequest>> byPath = byPath(server.frameRequests(IMAGES));
      assertEquals(IMAGES, byPath.size(), "one frame resource per image: " + byPath.keySet());
      for (int i = 0; i < IMAGES; i++) {
        List<FrameRequest> requests = byPath.get(framePath(i, "frames"));
        assertEquals(1, requests == null ? 0 : requests.size(), "requests for image " + i + ": " + requests);
        assertNull(requests.getFirst().range(), "the whole frame, no Range, for image " + i);
      }
      assertFalse(load.summary().bytesPerStage().containsKey("finalSequential"),
          "finalSequential fetched nothing: " + load.summary().bytesPerStage());
    }
  }

  private LoadRecording load(Served server, RetrieveConfiguration configuration) throws Exception {
    return load(server, configuration, NodeConfig.DEFAULT_MAX_CONNECTIONS);
  }

  private LoadRecording load(Served server, RetrieveConfiguration configuration, int connections)
      throws Exception {
    NodeConfig node = NodeConfig.builder().baseUrl(server.baseUrl()).maxConnections(connections).build();
    return LoadRecording.run(engine, SeriesRequest.of(node, STUDY, SERIES), configuration, LOAD_DEADLINE);
  }

  private static void assertEveryImageFinalAndPixelExact(LoadRecording load) {
    LoadSummary summary = load.summary();
    assertTrue(load.errors().isEmpty(), () -> "errors: " + load.errors());
    assertEquals(IMAGES, summary.images(), summary::toString);
    assertEquals(IMAGES, summary.finalImages(), summary::toString);
    assertEquals(0, summary.failedImages(), summary::toString);
    assertFalse(summary.cancelled(), summary::toString);
    for (int i = 0; i < IMAGES; i++) {
      ImageEvent last = load.lastOwn(i);
      assertEquals(ImageQualityStatus.FULL_RESOLUTION, last.status(), "image " + i);
      assertEquals(SIZE, last.rows(), "rows of image " + i);
      assertEquals(SIZE, last.columns(), "columns of image " + i);
      assertArrayEquals(study.pixels().get(i), LoadRecording.samples(last), "pixels of image " + i);
    }
  }

  /**
   * The first three versions made from an image's own data are image 0 (the focus), the middle and
   * the last image, from the initial stage; only their replicates come in between.
   */
  private static void assertInitialImagesCameFirst(LoadRecording load, RetrieveConfiguration configuration) {
    Set<Integer> initial = ProgressiveConfigs.coveredBy(configuration, "initialImages", IMAGES);
    assertEquals(Set.of(0, IMAGES / 2 - 1, IMAGES - 1), initial, "middle, first and last");
    List<Integer> firstOwn = new ArrayList<>();
    for (ImageEvent event : load.images()) {
      if (firstOwn.size() == initial.size()) {
        break;
      }
      int source = event.sourceIndex();
      assertTrue(initial.contains(source),
          "version from image " + source + " before all initial images were shown: " + event);
      if (!event.isReplicate()) {
        assertEquals("initialImages", event.stageId(), "image " + source);
        firstOwn.add(source);
      }
    }
    assertEquals(List.of(0, IMAGES / 2 - 1, IMAGES - 1), firstOwn, "focus, middle, last");
  }

  /**
   * Each fast image shows a reduced version of its own first ({@code rows} high, or any reduced size
   * for -1), from a fast stage, and full resolution last; every other image shows its own data once.
   */
  private static void assertFastImagesWereReducedBeforeFinal(LoadRecording load, Set<Integer> fast, int rows) {
    for (int i = 0; i < IMAGES; i++) {
      List<ImageEvent> own = load.ownVersionsOf(i);
      if (!fast.contains(i)) {
        assertEquals(1, own.size(), "image " + i + " is fetched whole at once: " + own);
        continue;
      }
      ImageEvent first = own.getFirst();
      assertEquals(ImageQualityStatus.SUBRESOLUTION, first.status(), "first own version of image " + i);
      assertTrue(Set.of("quarterThumb", "halfThumb").contains(first.stageId()), first::toString);
      assertTrue(first.rows() < SIZE && first.columns() < SIZE, "reduced size: " + first);
      if (rows > 0) {
        assertEquals(rows, first.rows(), "thumbnail rows of image " + i);
        assertEquals(rows, first.columns(), "thumbnail columns of image " + i);
      }
      assertEquals(2, own.size(), "reduced then full for image " + i + ": " + own);
    }
  }

  /** The 1/4 JPEG-LS thumbnails are lossless: each is the source decimated by 4. */
  private static void assertThumbnailsArePixelExact(LoadRecording load, Set<Integer> fast) {
    for (int i : fast) {
      ImageEvent thumbnail = load.ownVersionsOf(i).getFirst();
      assertArrayEquals(decimated(study.pixels().get(i)), LoadRecording.samples(thumbnail),
          "thumbnail pixels of image " + i);
    }
  }

  /**
   * Replicates exist, come from the configured neighbours at the configured statuses, and reach an
   * image only before its own data; no image's status ever goes down.
   */
  private static void assertNeverDowngradedAndReplicatesOnlyBeforeOwnData(LoadRecording load) {
    List<ImageEvent> replicates = load.images().stream().filter(ImageEvent::isReplicate).toList();
    assertFalse(replicates.isEmpty(), "no nearby replicate was delivered");
    for (ImageEvent replicate : replicates) {
      int offset = replicate.imageIndex() - replicate.sourceIndex();
      ImageQualityStatus expected = Math.abs(offset) == 1
          ? ImageQualityStatus.ADJACENT_REPLICATE
          : ImageQualityStatus.FAR_REPLICATE;
      assertTrue(offset == -1 || offset == 1 || offset == 2, "not a configured neighbour: " + replicate);
      assertEquals(expected, replicate.status(), replicate::toString);
    }
    for (int i = 0; i < IMAGES; i++) {
      List<ImageEvent> versions = load.versionsOf(i);
      boolean ownSeen = false;
      for (int v = 0; v < versions.size(); v++) {
        ImageEvent version = versions.get(v);
        assertFalse(ownSeen && version.isReplicate(), "replicate after own data of image " + i + ": " + version);
        ownSeen |= !version.isReplicate();
        if (v > 0) {
          ImageQualityStatus before = versions.get(v - 1).status();
          assertTrue(version.status().value() >= before.value(),
              "image " + i + " went down from " + before + " to " + version.status());
        }
      }
    }
  }

  /** A fast frame: {@code bytes=0-8191}, then {@code bytes=8192-}; any other: one request for all of it. */
  private static void assertEachFastFrameFetchedAsChunkThenRest(List<FrameRequest> requests, Set<Integer> fast) {
    Map<String, List<FrameRequest>> byPath = byPath(requests);
    assertEquals(IMAGES, byPath.size(), "only /frames/ resources: " + byPath.keySet());
    for (int i = 0; i < IMAGES; i++) {
      List<String> ranges = ranges(byPath.get(framePath(i, "frames")));
      if (fast.contains(i)) {
        assertEquals(List.of("bytes=0-" + (FAST_CHUNK - 1), "bytes=" + FAST_CHUNK + "-"), ranges, "image " + i);
      } else {
        assertEquals(1, ranges.size(), "one request for image " + i + ": " + ranges);
        String range = ranges.getFirst();
        assertTrue(range == null || range.equals("bytes=0-"), "the whole frame for image " + i + ": " + range);
      }
    }
  }

  /** A fast image: its thumbnail, then its full frame; any other: its full frame only. */
  private static void assertEachFastImageFetchedThumbnailThenFull(List<FrameRequest> requests, Set<Integer> fast) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      if (fast.contains(i)) {
        String thumbnail = framePath(i, "jlsThumbnail");
        String full = framePath(i, "jls");
        expected.add(thumbnail);
        assertTrue(indexOf(requests, thumbnail) < indexOf(requests, full),
            "thumbnail before full frame for image " + i + ": " + requests);
      }
      expected.add(framePath(i, "jls"));
    }
    List<String> paths = requests.stream().map(FrameRequest::path).toList();
    assertEquals(new HashSet<>(expected), new HashSet<>(paths), "resources fetched");
    assertEquals(expected.size(), paths.size(), "each fetched once: " + paths);
    assertTrue(requests.stream().allMatch(r -> r.range() == null), "no Range: " + requests);
  }

  /**
   * The bytes received (client side, and server side where the server logs them) are the sizes of
   * the resources the load needed: every {@code segment} frame, plus the thumbnails of {@code thumbs}.
   */
  private static void assertNoByteFetchedTwice(LoadRecording load, Served server, String segment,
      Set<Integer> rangeImages, Set<Integer> thumbs) throws IOException {
    long expected = 0;
    for (int i = 0; i < IMAGES; i++) {
      long image = mhtSize(i, segment) + (thumbs.contains(i) ? mhtSize(i, "jlsThumbnail") : 0);
      assertEquals(image, load.lastOwn(i).bytesReceived(), "bytes received for image " + i);
      expected += image;
    }
    LoadSummary summary = load.summary();
    long perStage = summary.bytesPerStage().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(expected, perStage, "bytes per stage " + summary.bytesPerStage());
    long metadata = Files.size(seriesDir().resolve("metadata.gz"));
    assertTrue(summary.bytesReceived() == expected || summary.bytesReceived() == expected + metadata,
        "bytesReceived " + summary.bytesReceived() + " = frames " + expected + " (+ metadata " + metadata + ")");
    long sent = server.frameBytesSent(IMAGES + rangeImages.size() + thumbs.size());
    if (sent >= 0) {
      assertEquals(expected, sent, "body bytes the server sent for frames");
    }
  }

  private static long coveredFast(RetrieveConfiguration configuration, String stageId) {
    Set<Integer> covered = ProgressiveConfigs.coveredBy(configuration, stageId, IMAGES);
    covered.retainAll(ProgressiveConfigs.fastImages(configuration, IMAGES));
    return covered.size();
  }

  private static short[] decimated(short[] image) {
    short[] out = new short[THUMBNAIL * THUMBNAIL];
    int factor = StudyWriter.THUMBNAIL_FACTOR;
    for (int r = 0; r < THUMBNAIL; r++) {
      for (int c = 0; c < THUMBNAIL; c++) {
        out[r * THUMBNAIL + c] = image[r * factor * SIZE + c * factor];
      }
    }
    return out;
  }

  private static Path seriesDir() {
    return root.resolve("studies").resolve(STUDY).resolve("series").resolve(SERIES);
  }

  private static long mhtSize(int image, String segment) throws IOException {
    return Files.size(seriesDir().resolve("instances").resolve(study.sopInstanceUids().get(image))
        .resolve(segment).resolve("1.mht"));
  }

  /** The request path of frame 1 of an image under {@code segment} (frames, jls, jlsThumbnail). */
  private static String framePath(int image, String segment) {
    return "/studies/" + STUDY + "/series/" + SERIES + "/instances/" + study.sopInstanceUids().get(image)
        + "/" + segment + "/1";
  }

  private static Map<String, List<FrameRequest>> byPath(List<FrameRequest> requests) {
    Map<String, List<FrameRequest>> byPath = new LinkedHashMap<>();
    requests.forEach(r -> byPath.computeIfAbsent(r.path(), p -> new ArrayList<>()).add(r));
    return byPath;
  }

  private static List<String> ranges(List<FrameRequest> requests) {
    return requests == null ? List.of() : requests.stream().map(FrameRequest::range).toList();
  }

  private static int indexOf(List<FrameRequest> requests, String path) {
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).path().equals(path)) {
        return i;
      }
    }
    throw new AssertionError(path + " was never requested: " + requests);
  }

  private static Served serve(ServerKind kind) throws IOException {
    return switch (kind) {
      case OUR_STATIC_SERVER -> new OurServer(StaticDicomWebServer.start(root, "127.0.0.1", 0));
      case NGINX -> new Nginx(NginxServer.serveStaticDicomWeb(root));
    };
  }

  /** One frame request as the server saw it; {@code range} is null without a Range header. */
  private record FrameRequest(String path, String range, long bytes) {}

  /** A server under test and the frame requests it saw, whatever its way of recording them. */
  private interface Served extends AutoCloseable {
    String baseUrl();

    /** The frame requests, oldest first, once at least {@code expected} were seen (or a deadline passed). */
    List<FrameRequest> frameRequests(int expected) throws IOException;

    /** The frame body bytes the server sent, or -1 when it does not know. */
    default long frameBytesSent(int expected) throws IOException {
      return -1;
    }

    @Override
    void close();
  }

  private record OurServer(StaticDicomWebServer server) implements Served {
    @Override
    public String baseUrl() {
      return server.baseUrl();
    }

    @Override
    public List<FrameRequest> frameRequests(int expected) {
      // The engine has every body when the load ends, so every request is recorded by then.
      return server.requests().stream()
          .filter(r -> r.path().contains("/instances/"))
          .map(r -> new FrameRequest(r.path(), r.header("Range"), -1))
          .toList();
    }

    @Override
    public void close() {
      server.close();
    }
  }

  private record Nginx(NginxServer server) implements Served {
    @Override
    public String baseUrl() {
      return server.baseUrl();
    }

    @Override
    public List<FrameRequest> frameRequests(int expected) throws IOException {
      // nginx logs a request once its last byte is handed to the socket: the client may be ahead.
      return server.awaitAccessLog(expected + 1, LOG_DEADLINE).stream()
          .filter(a -> a.target().contains("/instances/"))
          .map(a -> new FrameRequest(a.target(), a.range().isEmpty() ? null : a.range(), a.bytes()))
          .toList();
    }

    @Override
    public long frameBytesSent(int expected) throws IOException {
      return frameRequests(expected).stream().mapToLong(FrameRequest::bytes).sum();
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
