package org.weasis.progressive.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.fixtures.SinglePart;

/** The synthetic series: valid DICOM JSON, pixel-exact frames and thumbnails, in the mkdicomweb layout. */
class SampleSeriesTest {
  private static final String STUDY = "2.25.1000";
  private static final String SERIES = "2.25.1000.2";

  @TempDir Path root;

  @Test
  void metadataIsGzipDicomJsonWithOneObjectPerInstanceInInstanceNumberOrder() throws Exception {
    SampleSeries series = SampleSeries.write(root, STUDY, SERIES, 5, 32, 24, 12, false);

    List<?> instances = (List<?>) MiniJson.parse(
        Gzip.gunzip(root.resolve(series.seriesPath()).resolve("metadata.gz")));

    assertEquals(5, instances.size());
    for (int i = 0; i < instances.size(); i++) {
      Map<?, ?> instance = (Map<?, ?>) instances.get(i);
      String sop = series.sopInstanceUids().get(i);
      assertEquals(sop, firstValue(instance, "00080018"));
      assertEquals(STUDY, firstValue(instance, "0020000D"));
      assertEquals(SERIES, firstValue(instance, "0020000E"));
      assertEquals(new BigDecimal(i + 1), firstValue(instance, "00200013"));
      assertEquals(new BigDecimal(32), firstValue(instance, "00280010"));
      assertEquals(new BigDecimal(24), firstValue(instance, "00280011"));
      assertEquals(new BigDecimal(16), firstValue(instance, "00280100"));
      assertEquals(new BigDecimal(12), firstValue(instance, "00280101"));
      assertEquals(new BigDecimal(11), firstValue(instance, "00280102"));
      assertEquals(BigDecimal.ZERO, firstValue(instance, "00280103"));
      assertEquals("MONOCHROME2", firstValue(instance, "00280004"));
      assertEquals(SampleSeries.EXPLICIT_VR_LITTLE_ENDIAN, firstValue(instance, "00083002"));
      Map<?, ?> pixelData = (Map<?, ?>) instance.get("7FE00010");
      assertEquals("OW", pixelData.get("vr"));
      assertEquals("instances/" + sop + "/frames", pixelData.get("BulkDataURI"));
    }
  }

  @Test
  void seriesAndInstanceListsAreQidoStyleGzipJson() throws Exception {
    SampleSeries series = SampleSeries.write(root, STUDY, SERIES, 3, 8, 8, 12, false);

    List<?> seriesList = (List<?>) MiniJson.parse(
        Gzip.gunzip(root.resolve("studies/" + STUDY + "/series/index.json.gz")));
    List<?> instanceList = (List<?>) MiniJson.parse(
        Gzip.gunzip(root.resolve(series.seriesPath() + "/instances/index.json.gz")));

    assertEquals(1, seriesList.size());
    assertEquals(SERIES, firstValue((Map<?, ?>) seriesList.getFirst(), "0020000E"));
    assertEquals(new BigDecimal(3), firstValue((Map<?, ?>) seriesList.getFirst(), "00201209"));
    assertEquals(3, instanceList.size());
  }

  @Test
  void eachFrameIsOneMultipartPartHoldingTheLittleEndianPixels() throws Exception {
    SampleSeries series = SampleSeries.write(root, STUDY, SERIES, 4, 20, 30, 12, false);

    for (int i = 0; i < series.size(); i++) {
      SinglePart part = onePart(Files.readAllBytes(framePath(series, i, "frames")));

      assertTrue(part.boundary().startsWith("BOUNDARY_"), part.boundary());
      assertEquals("application/octet-stream;transfer-syntax=1.2.840.10008.1.2.1", part.header("Content-Type"));
      assertEquals(20 * 30 * 2, part.content().length);
      assertArrayEquals(series.pixels(i), littleEndianShorts(part));
    }
  }

  @Test
  void thumbnailsAreCeilingQuarterSizeTopLeftSamplesOfEachBlock() throws Exception {
    SampleSeries series = SampleSeries.write(root, STUDY, SERIES, 2, 13, 10, 12, false);
    short[] full = series.pixels(1);

    SinglePart part = onePart(Files.readAllBytes(framePath(series, 1, "thumbnail4")));
    short[] thumbnail = littleEndianShorts(part);

    assertEquals(4, series.thumbnailRows());
    assertEquals(3, series.thumbnailColumns());
    assertEquals(4 * 3 * 2, part.content().length);
    assertEquals("application/octet-stream;transfer-syntax=1.2.840.10008.1.2.1", part.header("Content-Type"));
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(full[(4 * r) * 10 + 4 * c], thumbnail[r * 3 + c], "sample " + r + "," + c);
      }
    }
    assertArrayEquals(series.thumbnailPixels(1), thumbnail);
  }

  @Test
  void imagesDifferFromEachOtherAndStayWithinBitsStored() throws Exception {
    SampleSeries unsigned = SampleSeries.write(root, STUDY, SERIES, 10, 64, 64, 12, false);
    SampleSeries signed = SampleSeries.write(root.resolve("signed"), STUDY, SERIES, 10, 64, 64, 10, true);

    for (int i = 0; i < 10; i++) {
      assertWithin(unsigned.pixels(i), 0, 4095);
      assertWithin(signed.pixels(i), -512, 511);
      for (int j = 0; j < i; j++) {
        assertFalse(Arrays.equals(unsigned.pixels(i), unsigned.pixels(j)), i + " equals " + j);
      }
    }
    // The disc is drawn at the top of the range, so the full window is used.
    assertEquals(4095, max(unsigned.pixels(0)));
    assertEquals(511, max(signed.pixels(0)));
    assertTrue(min(signed.pixels(0)) < 0);
  }

  @Test
  void theSampleIsServedPixelExactThroughTheServer() throws Exception {
    SampleSeries series = SampleSeries.write(root, STUDY, SERIES, 3, 16, 16, 12, false);

    try (StaticDicomWebServer server = StaticDicomWebServer.start(root, "127.0.0.1", 0, "/dicomweb");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      String base = server.baseUrl() + "/" + series.seriesPath();
      HttpResponse<byte[]> metadata = get(client, base + "/metadata");
      HttpResponse<byte[]> frame = get(client,
          base + "/instances/" + series.sopInstanceUids().get(2) + "/frames/1");

      assertEquals("gzip", metadata.headers().firstValue("Content-Encoding").orElse(null));
      assertEquals(3, ((List<?>) MiniJson.parse(Gzip.gunzip(metadata.body()))).size());
      assertEquals("multipart/related", frame.headers().firstValue("Content-Type").orElse(null));
      assertArrayEquals(series.pixels(2), littleEndianShorts(onePart(frame.body())));
    }
  }

  @Test
  void writingTwiceGivesTheSameBytes() throws Exception {
    SampleSeries series = SampleSeries.write(root, STUDY, SERIES, 1, 4, 4, 12, false);
    byte[] first = Files.readAllBytes(framePath(series, 0, "frames"));

    SampleSeries.write(root, STUDY, SERIES, 1, 4, 4, 12, false);

    assertArrayEquals(first, Files.readAllBytes(framePath(series, 0, "frames")));
  }

  @Test
  void badArgumentsAreRejectedBeforeAnythingIsWritten() throws Exception {
    assertThrows(IllegalArgumentException.class,
        () -> SampleSeries.write(root, STUDY, SERIES, 1, 4, 4, 17, false));
    assertThrows(IllegalArgumentException.class,
        () -> SampleSeries.write(root, "../escape", SERIES, 1, 4, 4, 12, false));
    assertThrows(IllegalArgumentException.class,
        () -> SampleSeries.write(root, STUDY, SERIES, 0, 4, 4, 12, false));
    try (var files = Files.list(root)) {
      assertEquals(0, files.count());
    }
  }

  private Path framePath(SampleSeries series, int index, String framesPath) {
    return root.resolve(series.seriesPath()).resolve("instances")
        .resolve(series.sopInstanceUids().get(index)).resolve(framesPath).resolve("1.mht");
  }

  private static Object firstValue(Map<?, ?> instance, String tag) {
    Map<?, ?> attribute = (Map<?, ?>) instance.get(tag);
    assertTrue(attribute != null, "missing " + tag);
    return ((List<?>) attribute.get("Value")).getFirst();
  }

  private static HttpResponse<byte[]> get(HttpClient client, String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertWithin(short[] pixels, int low, int high) {
    assertTrue(min(pixels) >= low && max(pixels) <= high,
        "values " + min(pixels) + ".." + max(pixels) + " outside " + low + ".." + high);
  }

  private static int min(short[] pixels) {
    int min = Integer.MAX_VALUE;
    for (short p : pixels) {
      min = Math.min(min, p);
    }
    return min;
  }

  private static int max(short[] pixels) {
    int max = Integer.MIN_VALUE;
    for (short p : pixels) {
      max = Math.max(max, p);
    }
    return max;
  }

  /** The one part of a {@code .mht} body that ends exactly with its close delimiter, as the toolkit writes it. */
  private static SinglePart onePart(byte[] body) {
    SinglePart part = SinglePart.parse(body);
    byte[] close = ("\r\n--" + part.boundary() + "--").getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(close, Arrays.copyOfRange(body, body.length - close.length, body.length),
        "the body ends with its close delimiter");
    return part;
  }

  private static short[] littleEndianShorts(SinglePart part) {
    short[] samples = new short[part.content().length / 2];
    ByteBuffer.wrap(part.content()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }
}
