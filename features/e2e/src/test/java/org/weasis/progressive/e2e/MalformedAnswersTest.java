package org.weasis.progressive.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.e2e.FaultyDicomWebServer.Fault;
import org.weasis.progressive.e2e.FaultyDicomWebServer.Served;
import org.weasis.progressive.testsupport.study.StudyWriter;

/**
 * Malformed answers in the middle of a progressive load — a reset in the second range request, garbage
 * in the first chunk, a 404 on the thumbnail path — must cost the one image a fallback or a clear error,
 * never the series, a hang, or garbage kept as data.
 */
class MalformedAnswersTest {
  private static final int IMAGES = 16;
  private static final int SIZE = 256;
  private static final int THUMBNAIL = SIZE / StudyWriter.THUMBNAIL_FACTOR;
  private static final int CHUNK = 8192;
  /** A halfThumb image of the interleaved preset: fast chunk, then threeQuarterFull, then errorRetrieve. */
  private static final int BROKEN = 5;
  private static final Duration LOAD_DEADLINE = Duration.ofSeconds(60);
  /** Far below the load deadline: a connection left hanging fails the request, not the test. */
  private static final Duration STALL = Duration.ofSeconds(10);
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.6001";
  private static final String SERIES = STUDY + ".1";
  private static final Pattern OPEN_RANGE = Pattern.compile("bytes=(\\d+)-");

  @RegisterExtension
  static final ServedStudy series = ServedStudy.of(STUDY, SERIES, IMAGES, SIZE);

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Fault.class, names = {"RESET_IN_REST", "TRUNCATE_REST"})
  void aConnectionCutInTheSecondRangeRequestIsResumedByErrorRetrieveAndTheImageEndsPixelExact(Fault fault)
      throws Exception {
    String frame = framePath(BROKEN, "frames");
    series.server().inject(frame, fault);

    LoadRecording load = load(ProgressiveConfigs.interleavedHtj2kRanges(CHUNK));

    assertOthersLoadedPixelExact(load);
    ErrorEvent error = singleError(load, "threeQuarterFull");
    assertFinalPixelExact(load, BROKEN, "errorRetrieve");
    List<Served> served = series.server().served(frame);
    assertEquals(3, served.size(), "chunk, cut rest, resumed rest: " + served);
    assertEquals("bytes=0-" + (CHUNK - 1), served.get(0).range());
    assertEquals("bytes=" + CHUNK + "-", served.get(1).range());
    assertEquals(fault, served.get(1).fault());
    long resumedAt = openRangeStart(served.get(2).range());
    assertTrue(resumedAt >= CHUNK && resumedAt <= CHUNK + served.get(1).bodyBytes(),
        "the retry continues the bytes kept, never refetches them: " + served.get(2).range());
    assertEquals(mhtSize(BROKEN, "frames"), load.lastOwn(BROKEN).bytesReceived(),
        "bytes received for the broken image: each byte once");
    assertSummary(load, IMAGES, 0);
    assertNamesFrame(error, frame);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Fault.class, names = {"GARBAGE_FIRST_CHUNK", "GARBAGE_FIRST_CHUNK_PAYLOAD"})
  void garbageInTheFirstChunkIsDroppedAndTheNextStageFetchesTheFrameFromByteZero(Fault fault)
      throws Exception {
    String frame = framePath(BROKEN, "frames");
    series.server().inject(frame, fault);

    LoadRecording load = load(ProgressiveConfigs.interleavedHtj2kRanges(CHUNK));

    assertOthersLoadedPixelExact(load);
    List<Served> served = series.server().served(frame);
    assertEquals(fault, served.getFirst().fault(), served::toString);
    assertTrue(served.size() >= 2, () -> "the frame is fetched again: " + served);
    assertEquals("bytes=0-", served.get(1).range(), () -> "the garbage prefix is not continued: " + served
        + "; errors " + load.errorsOf(BROKEN));
    assertEquals(2, served.size(), "garbage chunk, then the whole frame again: " + served);
    ErrorEvent error = singleError(load, "halfThumb");
    assertTrue(load.ownVersionsOf(BROKEN).stream().noneMatch(e -> e.stageId().equals("halfThumb")),
        "nothing shown from the garbage: " + load.ownVersionsOf(BROKEN));
    assertFinalPixelExact(load, BROKEN, "threeQuarterFull");
    assertEquals(CHUNK + mhtSize(BROKEN, "frames"), load.lastOwn(BROKEN).bytesReceived(),
        "the garbage chunk and the whole frame");
    assertSummary(load, IMAGES, 0);
    assertNamesFrame(error, frame);
  }

  @Test
  void a404OnTheThumbnailPathFallsBackToTheFullJlsFrameForThatImageOnly() throws Exception {
    String thumbnail = framePath(BROKEN, "jlsThumbnail");
    series.server().inject(thumbnail, Fault.NOT_FOUND);

    LoadRecording load = load(ProgressiveConfigs.sequentialJls());

    ErrorEvent error = singleError(load, "lossySequential");
    List<ImageEvent> own = load.ownVersionsOf(BROKEN);
    assertEquals(1, own.size(), "only the full frame: " + own);
    assertFinalPixelExact(load, BROKEN, "finalSequential");
    for (int i = 0; i < IMAGES; i++) {
      if (i != BROKEN) {
        assertThumbnailThenFull(load, i);
      }
    }
    assertEquals(List.of(404), series.server().served(thumbnail).stream().map(Served::status).toList());
    assertEquals(1, series.server().served(framePath(BROKEN, "jls")).size());
    assertSummary(load, IMAGES, 0);
    long thumbnails = 0;
    long fulls = 0;
    for (int i = 0; i < IMAGES; i++) {
      thumbnails += i == BROKEN ? 0 : mhtSize(i, "jlsThumbnail");
      fulls += mhtSize(i, "jls");
    }
    assertEquals(thumbnails, load.summary().bytesPerStage().get("lossySequential"), "thumbnail bytes");
    assertEquals(fulls, load.summary().bytesPerStage().get("finalSequential"), "full frame bytes");
    assertNamesFrame(error, thumbnail);
    assertTrue(error.reason().contains("404"), "the status is named: " + error.reason());
  }

  private LoadRecording load(RetrieveConfiguration configuration) throws Exception {
    NodeConfig node = series.node().toBuilder().connectTimeout(Duration.ofSeconds(5))
        .stallTimeout(STALL)
        .requestTimeout(LOAD_DEADLINE).build();
    return series.load(node, configuration, LOAD_DEADLINE);
  }

  /** Every image but the broken one: no error, full resolution, pixel-exact. */
  private static void assertOthersLoadedPixelExact(LoadRecording load) {
    for (int i = 0; i < IMAGES; i++) {
      if (i == BROKEN) {
        continue;
      }
      assertEquals(List.of(), load.errorsOf(i), "errors of image " + i);
      ImageEvent last = load.lastOwn(i);
      assertEquals(ImageQualityStatus.FULL_RESOLUTION, last.status(), "image " + i);
      assertArrayEquals(series.study().pixels().get(i), LoadRecording.samples(last), "pixels of image " + i);
    }
  }

  private static void assertFinalPixelExact(LoadRecording load, int index, String stageId) {
    ImageEvent last = load.lastOwn(index);
    assertEquals(ImageQualityStatus.FULL_RESOLUTION, last.status(), () -> "image " + index + ": " + last
        + "; errors " + load.errorsOf(index));
    assertEquals(stageId, last.stageId(), "the stage that recovered image " + index);
    assertEquals(SIZE, last.rows());
    assertEquals(SIZE, last.columns());
    assertArrayEquals(series.study().pixels().get(index), LoadRecording.samples(last), "pixels of image " + index);
  }

  private static void assertThumbnailThenFull(LoadRecording load, int index) {
    List<ImageEvent> own = load.ownVersionsOf(index);
    assertEquals(2, own.size(), "thumbnail then full frame of image " + index + ": " + own);
    assertEquals(ImageQualityStatus.SUBRESOLUTION, own.get(0).status(), "image " + index);
    assertEquals(THUMBNAIL, own.get(0).rows(), "thumbnail rows of image " + index);
    assertFinalPixelExact(load, index, "finalSequential");
  }

  /** The broken image's only error: from {@code stageId}, not permanent, with its cause. */
  private static ErrorEvent singleError(LoadRecording load, String stageId) {
    assertEquals(List.of(), load.errors().stream().filter(e -> e.imageIndex() != BROKEN).toList(),
        "errors of other images");
    List<ErrorEvent> errors = load.errorsOf(BROKEN);
    assertEquals(1, errors.size(), () -> "errors of image " + BROKEN + ": " + errors);
    ErrorEvent error = errors.getFirst();
    assertEquals(stageId, error.stageId(), error::toString);
    assertFalse(error.permanent(), () -> "a later stage retries: " + error);
    assertNotNull(error.cause(), error::toString);
    assertEquals(series.study().sopInstanceUids().get(BROKEN), error.image().sopInstanceUid());
    return error;
  }

  /** A clear reason says which frame failed: its URL. */
  private static void assertNamesFrame(ErrorEvent error, String path) {
    assertTrue(error.reason() != null && error.reason().contains(path),
        "the reason names the frame URL " + path + ": \"" + error.reason() + "\"");
  }

  private static void assertSummary(LoadRecording load, int finals, int failed) {
    LoadSummary summary = load.summary();
    assertEquals(IMAGES, summary.images(), summary::toString);
    assertEquals(finals, summary.finalImages(), summary::toString);
    assertEquals(failed, summary.failedImages(), summary::toString);
    assertFalse(summary.cancelled(), summary::toString);
  }

  private static long openRangeStart(String range) {
    Matcher m = OPEN_RANGE.matcher(range == null ? "" : range);
    assertTrue(m.matches(), "an open range bytes=N-: " + range);
    return Long.parseLong(m.group(1));
  }

  private static long mhtSize(int image, String segment) throws IOException {
    return Files.size(series.frameFile(image, segment));
  }

  private static String framePath(int image, String segment) {
    return series.framePath(image, segment);
  }
}
