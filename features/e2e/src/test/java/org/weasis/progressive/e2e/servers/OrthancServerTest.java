package org.weasis.progressive.e2e.servers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.fixtures.SinglePart;

/**
 * What Orthanc 1.10.1 with DICOMweb plugin 1.7 (Debian 12) answers for metadata and frames: the facts
 * the engine relies on when it loads from Orthanc, recorded as assertions.
 */
class OrthancServerTest {
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.2001";
  private static final String SERIES = STUDY + ".1";
  private static final int ROWS = 40;
  private static final int COLUMNS = 48;
  private static final String ANY = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
  private static final String JLS_LOSSLESS = "1.2.840.10008.1.2.4.80";
  private static final String JLS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
  private static final String J2K_LOSSLESS = "1.2.840.10008.1.2.4.90";
  private static final String J2K = "1.2.840.10008.1.2.4.91";
  private static final String HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201";
  private static final Pattern BOUNDARY = Pattern.compile(";\\s*boundary=([^;\\s]+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path files;

  private static OrthancServer orthanc;
  private static HttpClient http;
  /** Instance 1 stored implicit VR little endian, 2 and 3 explicit: Orthanc keeps what it was given. */
  private static List<DicomFiles.Image> images;

  @BeforeAll
  static void startAndStore() throws IOException {
    orthanc = OrthancServer.start();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    images = DicomFiles.series(STUDY, SERIES, 3, ROWS, COLUMNS);
    for (DicomFiles.Image image : images) {
      String syntax = image.instanceNumber() == 1
          ? DicomFiles.IMPLICIT_VR_LITTLE_ENDIAN
          : DicomFiles.EXPLICIT_VR_LITTLE_ENDIAN;
      orthanc.store(DicomFiles.write(files.resolve(image.instanceNumber() + ".dcm"), image, syntax));
    }
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    if (orthanc != null) {
      orthanc.close();
    }
  }

  @Test
  void theServerIsOrthanc1101WithTheDicomWebPlugin() throws Exception {
    assertEquals("1.10.1", orthanc.system().path("Version").asText());
    HttpResponse<byte[]> plugins = get(orthanc.restUrl() + "/plugins", Map.of());
    assertTrue(new String(plugins.body()).contains("dicom-web"), new String(plugins.body()));
  }

  @Test
  void seriesMetadataListsEachInstanceWithRowsColumnsAndAnAbsoluteBulkDataUriThatIsNotFrames()
      throws Exception {
    HttpResponse<byte[]> response = get(seriesUrl() + "/metadata", Map.of("Accept", "application/dicom+json"));
    assertEquals(200, response.statusCode());
    assertEquals("application/dicom+json", header(response, "Content-Type"));
    assertTrue(response.headers().firstValue("Content-Encoding").isEmpty(), "not compressed unasked");
    JsonNode metadata = JSON.readTree(response.body());
    assertEquals(3, metadata.size());
    for (JsonNode instance : metadata) {
      String sop = instance.path("00080018").path("Value").path(0).asText();
      assertEquals(ROWS, instance.path("00280010").path("Value").path(0).asInt(), "Rows");
      assertEquals(COLUMNS, instance.path("00280011").path("Value").path(0).asInt(), "Columns");
      // Absolute, built from the request's Host, and a bulk data resource rather than .../frames:
      // the engine must fall back to the WADO-RS frames path.
      assertEquals(seriesUrl() + "/instances/" + sop + "/bulk/7fe00010",
          instance.path("7FE00010").path("BulkDataURI").asText());
      assertEquals("OW", instance.path("7FE00010").path("vr").asText());
      assertTrue(instance.path("00083002").isMissingNode(), "no AvailableTransferSyntaxUID");
    }
  }

  @Test
  void anyTransferSyntaxAnswersTheStoredOneNamedInsideTheQuotedTypeAndInThePart() throws Exception {
    for (DicomFiles.Image image : images) {
      String stored = image.instanceNumber() == 1
          ? DicomFiles.IMPLICIT_VR_LITTLE_ENDIAN
          : DicomFiles.EXPLICIT_VR_LITTLE_ENDIAN;
      HttpResponse<byte[]> response = frame(image, ANY);
      assertEquals(200, response.statusCode());
      SinglePart part = SinglePart.parse(response.body());
      assertEquals("multipart/related; type=\"application/octet-stream; transfer-syntax=" + stored
          + "\"; boundary=" + part.boundary(), header(response, "Content-Type"));
      assertEquals("application/octet-stream; transfer-syntax=" + stored, part.header("Content-Type"));
      assertEquals(Integer.toString(ROWS * COLUMNS * 2), part.header("Content-Length"));
      assertEquals(frameUrl(image), part.header("Content-Location"));
      assertEquals("1.0", part.header("MIME-Version"));
      assertArrayEquals(image.pixelBytes(), part.content(), "pixels of instance " + image.instanceNumber());
    }
  }

  @Test
  void octetStreamWithoutTransferSyntaxIsTranscodedToExplicitLittleEndian() throws Exception {
    DicomFiles.Image implicit = images.get(0);
    HttpResponse<byte[]> response = frame(implicit, "multipart/related; type=\"application/octet-stream\"");
    assertEquals(200, response.statusCode());
    SinglePart part = SinglePart.parse(response.body());
    assertEquals("application/octet-stream; transfer-syntax=" + DicomFiles.EXPLICIT_VR_LITTLE_ENDIAN,
        part.header("Content-Type"));
    assertArrayEquals(implicit.pixelBytes(), part.content());
  }

  @Test
  void jpegLsLosslessIsProducedWhenTheTypeIsImageJls() throws Exception {
    for (String accept : List.of(
        "multipart/related; type=\"image/jls\"; transfer-syntax=" + JLS_LOSSLESS,
        "multipart/related; type=\"image/jls\"")) {
      HttpResponse<byte[]> response = frame(images.get(1), accept);
      assertEquals(200, response.statusCode(), accept);
      SinglePart part = SinglePart.parse(response.body());
      assertEquals("multipart/related; type=\"image/jls; transfer-syntax=" + JLS_LOSSLESS
          + "\"; boundary=" + part.boundary(), header(response, "Content-Type"));
      assertEquals("image/jls; transfer-syntax=" + JLS_LOSSLESS, part.header("Content-Type"));
      assertEquals(new JpegLsHeader(16, ROWS, COLUMNS, 1, 0), JpegLsHeader.parse(part.content()));
    }
  }

  @Test
  void jpegLsNearLosslessIsProducedWithANonZeroNear() throws Exception {
    HttpResponse<byte[]> response =
        frame(images.get(1), "multipart/related; type=\"image/jls\"; transfer-syntax=" + JLS_NEAR_LOSSLESS);
    assertEquals(200, response.statusCode());
    SinglePart part = SinglePart.parse(response.body());
    assertEquals("image/jls; transfer-syntax=" + JLS_NEAR_LOSSLESS, part.header("Content-Type"));
    JpegLsHeader header = JpegLsHeader.parse(part.content());
    assertTrue(header.near() > 0, "NEAR " + header.near() + ": .81 from Orthanc is really lossy");
  }

  @Test
  void aCompressedTransferSyntaxUnderTheOctetStreamTypeIsRefusedWith400() throws Exception {
    for (String syntax : List.of(JLS_LOSSLESS, JLS_NEAR_LOSSLESS, J2K_LOSSLESS, HTJ2K_LOSSLESS)) {
      HttpResponse<byte[]> response = frame(images.get(1),
          "multipart/related; type=\"application/octet-stream\"; transfer-syntax=" + syntax);
      assertEquals(400, response.statusCode(), syntax);
      assertTrue(new String(response.body()).contains("Cannot specify a transfer syntax"), syntax);
    }
  }

  @Test
  void jpeg2000CannotBeProducedAndFailsWith500() throws Exception {
    for (String accept : List.of(
        "multipart/related; type=\"image/jp2\"",
        "multipart/related; type=\"image/jp2\"; transfer-syntax=" + J2K_LOSSLESS,
        "multipart/related; type=\"image/jp2\"; transfer-syntax=" + J2K)) {
      assertEquals(500, frame(images.get(1), accept).statusCode(), accept);
    }
  }

  @Test
  void htj2kIsUnknownToThisPluginAndRefusedWith400() throws Exception {
    for (String accept : List.of(
        "multipart/related; type=\"image/jphc\"",
        "multipart/related; type=\"image/jphc\"; transfer-syntax=" + HTJ2K_LOSSLESS)) {
      HttpResponse<byte[]> response = frame(images.get(1), accept);
      assertEquals(400, response.statusCode(), accept);
      assertTrue(new String(response.body()).contains("incompatible with media type"), accept);
    }
  }

  @Test
  void aBareImageMediaTypeIsRefusedWith400BecauseFramesAreOnlyMultipart() throws Exception {
    assertEquals(400, frame(images.get(1), "image/jls").statusCode());
  }

  @Test
  void rangeOnAFrameIsIgnoredTheWholeBodyComesWith200() throws Exception {
    HttpResponse<byte[]> response = get(frameUrl(images.get(1)), Map.of("Accept", ANY, "Range", "bytes=0-99"));
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Range").isEmpty());
    assertTrue(response.headers().firstValue("Accept-Ranges").isEmpty());
    assertArrayEquals(images.get(1).pixelBytes(), SinglePart.parse(response.body()).content());
  }

  @Test
  void framesAndMetadataAreGzippedWhenTheClientAcceptsGzip() throws Exception {
    HttpResponse<byte[]> frame = get(frameUrl(images.get(1)), Map.of("Accept", ANY, "Accept-Encoding", "gzip"));
    assertEquals("gzip", header(frame, "Content-Encoding"));
    HttpResponse<byte[]> metadata = get(seriesUrl() + "/metadata", Map.of("Accept-Encoding", "gzip"));
    assertEquals("gzip", header(metadata, "Content-Encoding"));
  }

  @Test
  void idleConnectionsAreKeptForOneSecondOnly() throws Exception {
    // A client pool that keeps connections longer than this meets closed sockets on its next request.
    HttpResponse<byte[]> response = frame(images.get(0), ANY);
    assertEquals("timeout=1", header(response, "Keep-Alive"));
  }

  @Test
  void closingStopsOrthancAndDeletesItsDirectory() throws Exception {
    OrthancServer other = OrthancServer.start();
    Path directory = other.directory();
    assertTrue(Files.isRegularFile(directory.resolve("orthanc.json")));
    other.close();
    assertFalse(ServerProcess.acceptsConnections(other.port()), "port still open after close");
    assertFalse(Files.exists(directory), "directory left behind: " + directory);
  }

  private static String seriesUrl() {
    return orthanc.baseUrl() + "/studies/" + STUDY + "/series/" + SERIES;
  }

  private static String frameUrl(DicomFiles.Image image) {
    return seriesUrl() + "/instances/" + image.sopInstanceUid() + "/frames/1";
  }

  private static HttpResponse<byte[]> frame(DicomFiles.Image image, String accept) throws Exception {
    return get(frameUrl(image), Map.of("Accept", accept));
  }

  private static HttpResponse<byte[]> get(String url, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }
}
