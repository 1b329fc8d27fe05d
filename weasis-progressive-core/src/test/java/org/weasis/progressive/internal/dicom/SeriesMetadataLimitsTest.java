package org.weasis.progressive.internal.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageRef;

/**
 * What a hostile or broken server may claim in the metadata is bounded before anything is allocated,
 * sizes are computed without overflow, and a malformed instance is left out alone, with its reason.
 */
class SeriesMetadataLimitsTest {
  private static final URI SERIES_URL = URI.create("http://127.0.0.1:5000/studies/1.2/series/1.2.3");

  @Test
  void aNumberOfFramesOf2147483647IsRefusedNamingTheInstanceWithoutListingAFrame() {
    String json = "[" + instance("1.2.3.1", "\"00280008\": {\"vr\": \"IS\", \"Value\": [2147483647]}") + "]";

    MetadataException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(MetadataException.class, () -> parse(json)));

    assertTrue(e.getMessage().contains("Instance 1.2.3.1"), e.getMessage());
    assertTrue(e.getMessage().contains("NumberOfFrames (00280008) = 2147483647 is over "
        + SeriesMetadata.MAX_IMAGES), e.getMessage());
  }

  @Test
  void rowsAndColumnsOf2147483647WithThreeSamplesAreRefusedNamingTheInstanceAndTheAttribute() {
    String json = "[{\"00080018\": {\"vr\": \"UI\", \"Value\": [\"1.2.3.2\"]}, "
        + "\"00280002\": {\"vr\": \"US\", \"Value\": [3]}, "
        + "\"00280010\": {\"vr\": \"US\", \"Value\": [2147483647]}, "
        + "\"00280011\": {\"vr\": \"US\", \"Value\": [2147483647]}}]";

    MetadataException e = assertThrows(MetadataException.class, () -> parse(json));

    assertEquals("Instance 1.2.3.2: Rows (00280010) = 2147483647 is over 65535, the largest value of its VR (US)",
        e.getMessage());
  }

  @Test
  void aFrameOfMoreThan1GiBIsRefusedWithItsSizeComputedInLongArithmetic() {
    // 65535 x 65535 x 3 x 2 bytes = 25,769,017,350, which int arithmetic wraps to -786,426.
    String json = "[{\"00080018\": {\"vr\": \"UI\", \"Value\": [\"1.2.3.3\"]}, "
        + "\"00280002\": {\"vr\": \"US\", \"Value\": [3]}, "
        + "\"00280100\": {\"vr\": \"US\", \"Value\": [16]}, "
        + "\"00280010\": {\"vr\": \"US\", \"Value\": [65535]}, "
        + "\"00280011\": {\"vr\": \"US\", \"Value\": [65535]}}]";

    MetadataException e = assertThrows(MetadataException.class, () -> parse(json));

    assertTrue(e.getMessage().startsWith("Instance 1.2.3.3: Rows (00280010) x Columns (00280011)"), e.getMessage());
    assertTrue(e.getMessage().contains("a frame of 25769017350 bytes, over the limit of 1073741824"),
        e.getMessage());
  }

  @Test
  void aMalformedInstanceIsLeftOutWithItsReasonAndTheOthersAreRead() throws Exception {
    String json = "[" + instance("1.2.3.10", "") + ","
        + instance("1.2.3.11", "\"00280008\": {\"vr\": \"IS\", \"Value\": [2147483647]}") + ","
        + "\"not an instance\","
        + instance("1.2.3.12", "\"00280008\": {\"vr\": \"IS\", \"Value\": [2]}") + "]";

    SeriesMetadata.Series series = read(json);

    assertEquals(List.of("1.2.3.10#1", "1.2.3.12#1", "1.2.3.12#2"),
        series.images().stream().map(i -> i.sopInstanceUid() + "#" + i.frameNumber()).toList());
    assertEquals(2, series.rejected().size(), series.rejected()::toString);
    assertTrue(series.rejected().get(0).getMessage().startsWith("Instance 1.2.3.11: NumberOfFrames"),
        series.rejected().get(0).getMessage());
    assertEquals("Series metadata entry 2 must be a JSON object, found STRING",
        series.rejected().get(1).getMessage());
  }

  @Test
  void aSeriesOfMoreImagesThanTheLimitIsRefusedWholeNotCutAtAnArbitraryInstance() {
    int half = SeriesMetadata.MAX_IMAGES / 2 + 1;
    String frames = "\"00280008\": {\"vr\": \"IS\", \"Value\": [" + half + "]}";
    String json = "[" + instance("1.2.3.20", frames) + "," + instance("1.2.3.21", frames) + "]";

    MetadataException e = assertThrows(MetadataException.class, () -> read(json));

    assertEquals("The series lists more than " + SeriesMetadata.MAX_IMAGES
        + " images (frames), the most a load takes", e.getMessage());
  }

  @Test
  void theStrictParseStillFailsOnTheFirstMalformedInstance() {
    String json = "[" + instance("1.2.3.30", "") + "," + instance("1.2.3.31",
        "\"00280008\": {\"vr\": \"IS\", \"Value\": [0]}") + "]";

    MetadataException e = assertThrows(MetadataException.class, () -> parse(json));

    assertEquals("Instance 1.2.3.31: NumberOfFrames (00280008) must be 1 or more, got 0", e.getMessage());
  }

  /** An 8x8 grey instance with {@code extra} attributes (a JSON members fragment, may be empty). */
  private static String instance(String sop, String extra) {
    return "{\"00080018\": {\"vr\": \"UI\", \"Value\": [\"" + sop + "\"]}, "
        + (extra.isEmpty() ? "" : extra + ", ")
        + "\"00280010\": {\"vr\": \"US\", \"Value\": [8]}, "
        + "\"00280011\": {\"vr\": \"US\", \"Value\": [8]}}";
  }

  private static List<ImageRef> parse(String json) throws MetadataException {
    return SeriesMetadata.parse(stream(json), SERIES_URL, "1.2", "1.2.3");
  }

  private static SeriesMetadata.Series read(String json) throws MetadataException {
    return SeriesMetadata.read(stream(json), SERIES_URL, "1.2", "1.2.3");
  }

  private static ByteArrayInputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
