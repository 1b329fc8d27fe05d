package org.weasis.progressive.internal.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.fixtures.Fixtures;

class SeriesMetadataTest {
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.1001";
  private static final String SERIES = STUDY + ".1";
  private static final URI SERIES_URL =
      URI.create("http://127.0.0.1:5000/dicomweb/studies/" + STUDY + "/series/" + SERIES);
  private static final URI ORTHANC_SERIES_URL =
      URI.create("http://127.0.0.1:8042/dicom-web/studies/9.8/series/9.8.7");

  @Test
  void parsesTheStaticDicomwebFixtureIntoThreeImagesInInstanceOrder() throws IOException {
    Path metadata = Fixtures.staticDicomWebTree().resolve(Fixtures.SERIES_PATH).resolve("metadata.gz");
    List<ImageRef> images;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(metadata))) {
      images = SeriesMetadata.parse(in, SERIES_URL, "given.study", "given.series");
    }

    assertEquals(3, images.size());
    for (int i = 0; i < 3; i++) {
      ImageRef image = images.get(i);
      String sop = SERIES + "." + (i + 1);
      assertEquals(sop, image.sopInstanceUid());
      assertEquals(i + 1, image.instanceNumber());
      assertEquals(1, image.frameNumber());
      assertEquals(STUDY, image.studyUid());
      assertEquals(SERIES, image.seriesUid());
      assertEquals("1.2.840.10008.1.2.4.201", image.transferSyntaxUid());
      assertEquals(SERIES_URL + "/instances/" + sop + "/frames", image.framesUrl());
      PixelDescription pixels = image.pixels();
      assertEquals(512, pixels.rows());
      assertEquals(512, pixels.columns());
      assertEquals(1, pixels.samplesPerPixel());
      assertEquals(16, pixels.bitsAllocated());
      assertEquals(12, pixels.bitsStored());
      assertFalse(pixels.signed());
      assertEquals("MONOCHROME2", pixels.photometricInterpretation());
      assertEquals(0, pixels.planarConfiguration());
      assertEquals(1.0, pixels.rescaleSlope());
      assertEquals(-1024.0, pixels.rescaleIntercept());
      assertEquals(40.0, pixels.windowCenter());
      assertEquals(400.0, pixels.windowWidth());
    }
  }

  @Test
  void givesOneImagePerFrameOfAMultiFrameInstanceWithNumbersWrittenAsStrings() throws IOException {
    String json =
        """
        [{"00080018": {"vr": "UI", "Value": ["1.2.3.4"]},
          "00200013": {"vr": "IS", "Value": [" 7 "]},
          "00280008": {"vr": "IS", "Value": ["3"]},
          "00280010": {"vr": "US", "Value": ["64"]},
          "00280011": {"vr": "US", "Value": ["32"]},
          "00280100": {"vr": "US", "Value": ["16"]},
          "00280101": {"vr": "US", "Value": ["12"]},
          "00280103": {"vr": "US", "Value": ["1"]},
          "00281053": {"vr": "DS", "Value": ["2.5"]},
          "00281052": {"vr": "DS", "Value": ["-1024.0"]},
          "00281050": {"vr": "DS", "Value": ["40", "300"]},
          "00281051": {"vr": "DS", "Value": ["400", "1500"]},
          "00020010": {"vr": "UI", "Value": ["1.2.840.10008.1.2.1"]},
          "00083002": {"vr": "UI", "Value": ["1.2.840.10008.1.2.4.80"]}}]
        """;

    List<ImageRef> images = parse(json, SERIES_URL);

    assertEquals(3, images.size());
    for (int i = 0; i < 3; i++) {
      ImageRef image = images.get(i);
      assertEquals(i + 1, image.frameNumber());
      assertEquals(7, image.instanceNumber());
      assertEquals(SERIES_URL + "/instances/1.2.3.4/frames", image.framesUrl());
      assertEquals("1.2.840.10008.1.2.1", image.transferSyntaxUid(), "TransferSyntaxUID wins");
      PixelDescription pixels = image.pixels();
      assertEquals(64, pixels.rows());
      assertEquals(32, pixels.columns());
      assertEquals(12, pixels.bitsStored());
      assertTrue(pixels.signed());
      assertEquals(2.5, pixels.rescaleSlope());
      assertEquals(-1024.0, pixels.rescaleIntercept());
      assertEquals(40.0, pixels.windowCenter());
      assertEquals(400.0, pixels.windowWidth());
    }
  }

  @Test
  void fillsMissingOptionalAttributesWithTheStandardDefaults() throws IOException {
    String json =
        """
        [{"00080018": {"vr": "UI", "Value": ["1.1"]},
          "00280010": {"vr": "US", "Value": [4]},
          "00280011": {"vr": "US", "Value": [5]},
          "99990010": {"vr": "LO", "Value": ["an unknown tag"]},
          "00081030": {"vr": "LO"}},
         {"00080018": {"vr": "UI", "Value": ["1.2"]},
          "00280002": {"vr": "US", "Value": [3]},
          "00280010": {"vr": "US", "Value": [4]},
          "00280011": {"vr": "US", "Value": [5]}}]
        """;

    List<ImageRef> images = parse(json, SERIES_URL);

    ImageRef grey = images.get(0);
    assertEquals(new PixelDescription(4, 5, 1, 16, 16, false, "MONOCHROME2", 0, 1, 0, null, null),
        grey.pixels());
    assertEquals(0, grey.instanceNumber());
    assertNull(grey.transferSyntaxUid());
    assertEquals("given.study", grey.studyUid());
    assertEquals("given.series", grey.seriesUid());
    assertEquals(new PixelDescription(4, 5, 3, 8, 8, false, "RGB", 0, 1, 0, null, null),
        images.get(1).pixels());
  }

  @Test
  void replacesAnOrthancBulkDataUriWithTheWadoRsFramesPath() throws IOException {
    String json =
        """
        [{"00080018": {"vr": "UI", "Value": ["5.6.7"]},
          "0020000D": {"vr": "UI", "Value": ["9.8"]},
          "0020000E": {"vr": "UI", "Value": ["9.8.7"]},
          "00280010": {"vr": "US", "Value": [8]},
          "00280011": {"vr": "US", "Value": [8]},
          "7FE00010": {"vr": "OW", "BulkDataURI":
            "http://127.0.0.1:8042/dicom-web/studies/9.8/series/9.8.7/instances/5.6.7/bulk/7fe00010"}}]
        """;

    ImageRef image = parse(json, ORTHANC_SERIES_URL).getFirst();

    assertEquals(ORTHANC_SERIES_URL + "/instances/5.6.7/frames", image.framesUrl());
  }

  @Test
  void resolvesARelativeFramesBulkDataUriAgainstTheSeriesUrlWithOrWithoutItsTrailingSlash()
      throws IOException {
    String json =
        """
        [{"00080018": {"vr": "UI", "Value": ["5.6.7"]},
          "00280010": {"vr": "US", "Value": [8]},
          "00280011": {"vr": "US", "Value": [8]},
          "7FE00010": {"vr": "OB|OW", "BulkDataURI": "../other.series/instances/5.6.7/frames"}}]
        """;
    String expected = "http://127.0.0.1:8042/dicom-web/studies/9.8/series/other.series"
        + "/instances/5.6.7/frames";

    assertEquals(expected, parse(json, ORTHANC_SERIES_URL).getFirst().framesUrl());
    assertEquals(expected,
        parse(json, URI.create(ORTHANC_SERIES_URL + "/")).getFirst().framesUrl());
  }

  @Test
  void sortsByInstanceNumberThenSopInstanceUidThenFrame() throws IOException {
    String json =
        "[" + instance("1.9", 2, 1) + "," + instance("1.5", 2, 2) + "," + instance("1.7", 1, 1)
            + "]";

    List<String> order =
        parse(json, SERIES_URL).stream()
            .map(i -> i.sopInstanceUid() + "#" + i.frameNumber())
            .toList();

    assertEquals(List.of("1.7#1", "1.5#1", "1.5#2", "1.9#1"), order);
  }

  @Test
  void rejectsAnInstanceWithoutRowsNamingItsSopInstanceUidAndTheTag() {
    String json =
        """
        [{"00080018": {"vr": "UI", "Value": ["1.2.3.99"]},
          "00280011": {"vr": "US", "Value": [8]}}]
        """;

    MetadataException e = assertThrows(MetadataException.class, () -> parse(json, SERIES_URL));

    assertTrue(e.getMessage().contains("1.2.3.99"), e.getMessage());
    assertTrue(e.getMessage().contains("Rows (00280010)"), e.getMessage());
  }

  @Test
  void rejectsZeroColumnsNamingTheTag() {
    String json =
        """
        [{"00080018": {"vr": "UI", "Value": ["1.2.3.98"]},
          "00280010": {"vr": "US", "Value": [8]},
          "00280011": {"vr": "US", "Value": [0]}}]
        """;

    MetadataException e = assertThrows(MetadataException.class, () -> parse(json, SERIES_URL));

    assertTrue(e.getMessage().contains("1.2.3.98"), e.getMessage());
    assertTrue(e.getMessage().contains("Columns (00280011) must be positive, got 0"),
        e.getMessage());
  }

  @Test
  void rejectsAValueThatIsNotANumberNamingTheTagAndTheValue() {
    String json =
        """
        [{"00080018": {"vr": "UI", "Value": ["1.2.3.97"]},
          "00280010": {"vr": "US", "Value": [8]},
          "00280011": {"vr": "US", "Value": [8]},
          "00281053": {"vr": "DS", "Value": ["one"]}}]
        """;

    MetadataException e = assertThrows(MetadataException.class, () -> parse(json, SERIES_URL));

    assertTrue(e.getMessage().contains("RescaleSlope (00281053)"), e.getMessage());
    assertTrue(e.getMessage().contains("\"one\""), e.getMessage());
  }

  @Test
  void dropsAnUnreadableWindowInsteadOfFailingTheImage() throws IOException {
    String json =
        """
        [{"00080018": {"vr": "UI", "Value": ["1.2.3.96"]},
          "00280010": {"vr": "US", "Value": [8]},
          "00280011": {"vr": "US", "Value": [8]},
          "00281050": {"vr": "DS", "Value": ["abc"]},
          "00281051": {"vr": "DS", "Value": ["400"]}}]
        """;

    PixelDescription pixels = parse(json, SERIES_URL).get(0).pixels();

    assertNull(pixels.windowCenter());
    assertEquals(400.0, pixels.windowWidth());
  }

  @Test
  void rejectsARootThatIsNotAnArray() {
    MetadataException e =
        assertThrows(MetadataException.class, () -> parse("{\"00080018\": {}}", SERIES_URL));

    assertTrue(e.getMessage().contains("array"), e.getMessage());
  }

  @Test
  void reportsMalformedJsonWithTheParserMessage() {
    MetadataException e =
        assertThrows(MetadataException.class, () -> parse("[{\"00080018\": ", SERIES_URL));

    assertTrue(e.getMessage().startsWith("Series metadata is not valid JSON: "), e.getMessage());
    assertTrue(e.getMessage().contains("end-of-input"), e.getMessage());
  }

  private static String instance(String sop, int instanceNumber, int frames) {
    return "{\"00080018\": {\"vr\": \"UI\", \"Value\": [\"" + sop + "\"]}, "
        + "\"00200013\": {\"vr\": \"IS\", \"Value\": [" + instanceNumber + "]}, "
        + "\"00280008\": {\"vr\": \"IS\", \"Value\": [" + frames + "]}, "
        + "\"00280010\": {\"vr\": \"US\", \"Value\": [8]}, "
        + "\"00280011\": {\"vr\": \"US\", \"Value\": [8]}}";
  }

  private static List<ImageRef> parse(String json, URI seriesUrl) throws MetadataException {
    return SeriesMetadata.parse(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), seriesUrl, "given.study",
        "given.series");
  }
}
