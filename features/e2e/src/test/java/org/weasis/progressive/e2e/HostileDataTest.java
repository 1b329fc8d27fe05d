package org.weasis.progressive.e2e;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.testsupport.study.StudyWriter;

/**
 * The data half of issue 12's hostile servers: a Static DICOMweb tree whose metadata or frame lies —
 * an HTJ2K codestream declaring 16384² inside a 64x64 frame, NumberOfFrames = 2³¹−1, Rows/Columns =
 * 2³¹−1 with 3 samples, an instance that is not DICOM JSON at all — served by {@link FaultyDicomWebServer}.
 * Each lie costs its own image a clear error naming what was wrong; the other images load pixel-exact.
 */
class HostileDataTest {
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.6012";
  private static final String SERIES = STUDY + ".1";
  private static final int IMAGES = 4;
  private static final int SIZE = 64;
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each test lies in a copy of its own. */
  @RegisterExtension
  static final ServedStudy series = ServedStudy.of(STUDY, SERIES, IMAGES, SIZE).copiedForEachTest();

  @Test
  void anHtj2kCodestreamDeclaring16384SquaredInsideASmallFrameIsRefusedBeforeDecodingNamingBothSizes()
      throws Exception {
    int liar = 1;
    declareSize(series.frameFile(liar, "frames"), 16384, 16384);

    LoadRecording load = load();

    ErrorEvent error = onlyErrorOf(load, liar);
    assertTrue(error.reason().contains("the codestream is 16384x16384, the metadata says 64x64"), error.reason());
    assertTrue(error.reason().contains(framePath(liar)), "names the frame URL: " + error.reason());
    assertTrue(error.permanent(), error::toString);
    assertTrue(load.ownVersionsOf(liar).isEmpty(), () -> "nothing shown: " + load.ownVersionsOf(liar));
    assertOthersLoadPixelExact(load, liar);
    assertSummary(load.summary(), IMAGES, IMAGES - 1);
  }

  @Test
  void aJpegLsFrameDeclaring16384SquaredIsRefusedBeforeDecodingAndTheOthersLoad() throws Exception {
    int liar = 2;
    declareJpegLsSize(series.frameFile(liar, "jls"), 16384, 16384);
    RetrieveConfiguration jlsFrames = RetrieveConfiguration.single().withRetrieveOptions(Map.of(
        RetrieveConfiguration.single().stages().getFirst().retrieveType(),
        ProgressiveConfigs.options(ProgressiveConfigs.JLS, null, null, null)));

    LoadRecording load = load(jlsFrames);

    ErrorEvent error = onlyErrorOf(load, liar);
    assertTrue(error.reason().contains("the frame is 16384x16384 (columns x rows), larger than the image"),
        error.reason());
    assertTrue(error.reason().contains("64x64x1 image"), error.reason());
    assertOthersLoadPixelExact(load, liar);
    assertSummary(load.summary(), IMAGES, IMAGES - 1);
  }

  @Test
  void numberOfFrames2147483647FailsThatInstanceWithAClearErrorWithinSecondsAndTheOthersLoad() throws Exception {
    int liar = 2;
    editMetadata(liar, instance -> integer(instance, "00280008", "IS", Integer.MAX_VALUE));
    long start = System.nanoTime();

    LoadRecording load = load();

    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the load ends within 5 s");
    ErrorEvent error = onlyInstanceError(load);
    assertEquals("Instance left out: Instance " + study().sopInstanceUids().get(liar)
        + ": NumberOfFrames (00280008) = 2147483647 is over 100000, the most images a series may have here",
        error.reason());
    assertOthersLoadPixelExact(load, liar);
    assertSummary(load.summary(), IMAGES, IMAGES - 1);
    assertNothingAskedFor(liar);
  }

  @Test
  void rowsAndColumns2147483647WithThreeSamplesAreAClearErrorNamingTheInstanceAndTheAttribute() throws Exception {
    int liar = 3;
    editMetadata(liar, instance -> {
      integer(instance, "00280002", "US", 3);
      integer(instance, "00280010", "US", Integer.MAX_VALUE);
      integer(instance, "00280011", "US", Integer.MAX_VALUE);
    });

    LoadRecording load = load();

    ErrorEvent error = onlyInstanceError(load);
    assertEquals("Instance left out: Instance " + study().sopInstanceUids().get(liar)
        + ": Rows (00280010) = 2147483647 is over 65535, the largest value of its VR (US)", error.reason());
    assertFalse(error.reason().contains("internal error"));
    assertOthersLoadPixelExact(load, liar);
    assertSummary(load.summary(), IMAGES, IMAGES - 1);
    assertNothingAskedFor(liar);
  }

  @Test
  void oneMalformedInstanceAmongGoodOnesFailsThatInstanceOnly() throws Exception {
    int liar = 0;
    editMetadata(liar, instance -> {
      ObjectNode rows = instance.putObject("00280010");
      rows.put("vr", "US");
      rows.putArray("Value").add("sixty-four");
    });

    LoadRecording load = load();

    ErrorEvent error = onlyInstanceError(load);
    assertEquals("Instance left out: Instance " + study().sopInstanceUids().get(liar)
        + ": Rows (00280010) must be an integer, got \"sixty-four\"", error.reason());
    assertTrue(error.permanent());
    assertOthersLoadPixelExact(load, liar);
    assertSummary(load.summary(), IMAGES, IMAGES - 1);
    assertNothingAskedFor(liar);
  }

  /**
   * The issue measured NumberOfFrames = 2³¹−1 with a 1 GiB heap: OutOfMemoryError on a worker, no error
   * event, a load that never completed. Here a child JVM with a quarter of that heap must end the load
   * with the clear error and the three good images, and not run out of memory.
   */
  @Test
  void numberOfFrames2147483647InAChildJvmWith256MiBOfHeapEndsTheLoadWithoutRunningOutOfMemory()
      throws Exception {
    editMetadata(2, instance -> integer(instance, "00280008", "IS", Integer.MAX_VALUE));
    series.server().close(); // the child serves the tree itself

    ChildLoad child = ChildLoad.run(List.of("-Xmx256m"), series.root().toString(), STUDY, SERIES);

    assertEquals(0, child.exitCode(), child::output);
    assertFalse(child.output().contains("OutOfMemoryError"), child::output);
    assertTrue(child.output().contains("summary images=4 final=3 failed=1 cancelled=false"), child::output);
    // 4-5 MiB measured: the engine and four 64x64 images; nothing is sized from the declared frames.
    assertTrue(child.peakLiveHeapMiB() < 16, child::output);
    assertTrue(child.output().contains("error -1: Instance left out: Instance " + study().sopInstanceUids().get(2)
        + ": NumberOfFrames (00280008) = 2147483647 is over 100000"), child::output);
  }

  private LoadRecording load() throws Exception {
    return load(RetrieveConfiguration.single());
  }

  private LoadRecording load(RetrieveConfiguration configuration) throws Exception {
    NodeConfig node = series.node().toBuilder().connectTimeout(Duration.ofSeconds(5))
        .stallTimeout(Duration.ofSeconds(10))
        .requestTimeout(DEADLINE).build();
    return series.load(node, configuration, DEADLINE);
  }

  private void assertNothingAskedFor(int image) {
    String sop = study().sopInstanceUids().get(image);
    assertTrue(series.server().served().stream().noneMatch(s -> s.path().contains(sop)),
        () -> "no request for the left-out instance: " + series.server().served());
  }

  private static void assertOthersLoadPixelExact(LoadRecording load, int liar) {
    for (ImageEvent last : lastOfEachImage(load)) {
      String sop = last.image().sopInstanceUid();
      int source = study().sopInstanceUids().indexOf(sop);
      if (source == liar) {
        continue;
      }
      assertEquals(ImageQualityStatus.FULL_RESOLUTION, last.status(), sop);
      assertArrayEquals(study().pixels().get(source), LoadRecording.samples(last), "pixels of " + sop);
    }
    assertEquals(IMAGES - 1, lastOfEachImage(load).stream()
        .filter(e -> !e.image().sopInstanceUid().equals(study().sopInstanceUids().get(liar))).count(),
        "every other image is delivered");
  }

  private static List<ImageEvent> lastOfEachImage(LoadRecording load) {
    List<ImageEvent> last = new ArrayList<>();
    load.images().stream().map(ImageEvent::imageIndex).distinct().sorted()
        .forEach(index -> last.add(load.lastOwn(index)));
    return last;
  }

  private static ErrorEvent onlyErrorOf(LoadRecording load, int image) {
    String sop = study().sopInstanceUids().get(image);
    List<ErrorEvent> errors = load.errors();
    assertEquals(1, errors.size(), errors::toString);
    ErrorEvent error = errors.getFirst();
    assertEquals(sop, error.image().sopInstanceUid(), error::toString);
    return error;
  }

  private static ErrorEvent onlyInstanceError(LoadRecording load) {
    List<ErrorEvent> errors = load.errors();
    assertEquals(1, errors.size(), errors::toString);
    ErrorEvent error = errors.getFirst();
    assertEquals(-1, error.imageIndex(), error::toString);
    return error;
  }

  private static void assertSummary(LoadSummary summary, int images, int finals) {
    assertEquals(images, summary.images(), summary::toString);
    assertEquals(finals, summary.finalImages(), summary::toString);
    assertEquals(images - finals, summary.failedImages(), summary::toString);
    assertFalse(summary.cancelled(), summary::toString);
  }

  private static String framePath(int image) {
    return series.framePath(image, "frames");
  }

  private static StudyWriter.Written study() {
    return series.study();
  }

  /**
   * Rewrites SIZ's image and tile sizes (Xsiz, Ysiz, XTsiz, YTsiz) in a single-part {@code .mht}
   * frame: the codestream claims the size, the bytes stay those of the 64x64 image.
   */
  private static void declareSize(Path mht, int width, int height) throws IOException {
    byte[] body = Files.readAllBytes(mht);
    int soc = new String(body, ISO_8859_1).indexOf("\r\n\r\n") + 4;
    ByteBuffer b = ByteBuffer.wrap(body);
    assertEquals((short) 0xFF4F, b.getShort(soc), "SOC");
    assertEquals((short) 0xFF51, b.getShort(soc + 2), "SIZ right after SOC");
    b.putInt(soc + 8, width).putInt(soc + 12, height).putInt(soc + 24, width).putInt(soc + 28, height);
    Files.write(mht, body);
  }

  /** Rewrites SOF55's Y and X in a single-part {@code .mht} JPEG-LS frame (SOI, then SOF55 at once). */
  private static void declareJpegLsSize(Path mht, int width, int height) throws IOException {
    byte[] body = Files.readAllBytes(mht);
    int soi = new String(body, ISO_8859_1).indexOf("\r\n\r\n") + 4;
    ByteBuffer b = ByteBuffer.wrap(body);
    assertEquals((short) 0xFFD8, b.getShort(soi), "SOI");
    assertEquals((short) 0xFFF7, b.getShort(soi + 2), "SOF55 right after SOI");
    b.putShort(soi + 7, (short) height).putShort(soi + 9, (short) width);
    Files.write(mht, body);
  }

  /** Rewrites one instance of the gzip'd series metadata. */
  private static void editMetadata(int instance, Consumer<ObjectNode> edit) throws IOException {
    Path file =
        series.root().resolve("studies").resolve(STUDY).resolve("series").resolve(SERIES).resolve("metadata.gz");
    ArrayNode json;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      json = (ArrayNode) JSON.readTree(in);
    }
    edit.accept((ObjectNode) json.get(instance));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      JSON.writeValue(out, json);
    }
  }

  private static void integer(ObjectNode instance, String tag, String vr, int value) {
    ObjectNode element = instance.putObject(tag);
    element.put("vr", vr);
    element.putArray("Value").add(value);
  }
}
