package org.weasis.progressive.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.fixtures.Fixtures;

/** The server against the real mkdicomweb output: what a DICOMweb client sees on the wire. */
class StaticDicomWebServerTest {
  private static HttpClient client;

  private Path tree;
  private StaticDicomWebServer server;

  @BeforeAll
  static void createClient() {
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @BeforeEach
  void startServer() throws IOException {
    tree = Fixtures.staticDicomWebTree();
    server = StaticDicomWebServer.start(tree, "127.0.0.1", 0);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void framesAreAnsweredAsBareMultipartRelatedWithTheMhtFileBytes() throws Exception {
    HttpResponse<byte[]> response = get(Fixtures.FIRST_INSTANCE_PATH + "/frames/1");

    assertEquals(200, response.statusCode());
    assertEquals(List.of("multipart/related"), response.headers().allValues("Content-Type"));
    assertArrayEquals(mhtBytes("frames"), response.body());
  }

  @Test
  void aSeriesOfDicomPartsIsAnsweredWithItsTypeAndBoundarySoAStockViewerCanRetrieveIt(@TempDir Path root)
      throws Exception {
    StaticDicomWebFiles.writeParts(root.resolve("studies/9.8/series/9.8.1.mht"), "application/dicom",
        List.of("one".getBytes(UTF_8), "two".getBytes(UTF_8)));
    HttpResponse<byte[]> response;
    try (StaticDicomWebServer own = StaticDicomWebServer.start(root, "127.0.0.1", 0)) {
      response = send(own.baseUrl() + "/studies/9.8/series/9.8.1");
      assertEquals(List.of("/studies/9.8/series/9.8.1"), own.requests().stream().map(RecordedRequest::path).toList());
    }

    assertEquals(200, response.statusCode());
    String boundary = new String(response.body(), UTF_8).lines().findFirst().orElseThrow().substring(2);
    assertEquals("multipart/related; type=\"application/dicom\"; boundary=" + boundary, contentType(response));
    assertEquals("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\none\r\n--" + boundary
        + "\r\nContent-Type: application/dicom\r\n\r\ntwo\r\n--" + boundary + "--", new String(response.body(), UTF_8));
  }

  @Test
  void alternateFramePathsAreServedTheSameWay() throws Exception {
    HttpResponse<byte[]> response = get(Fixtures.FIRST_INSTANCE_PATH + "/jlsThumbnail/1");

    assertEquals(200, response.statusCode());
    assertEquals("multipart/related", contentType(response));
    assertArrayEquals(mhtBytes("jlsThumbnail"), response.body());
  }

  @Test
  void aClosedRangeIsAnswered206WithExactlyThoseBytesCountedFromTheMultipartHeader()
      throws Exception {
    byte[] file = mhtBytes("frames");

    HttpResponse<byte[]> response =
        get(Fixtures.FIRST_INSTANCE_PATH + "/frames/1", "Range", "bytes=0-99");

    assertEquals(206, response.statusCode());
    assertEquals("bytes 0-99/" + file.length, header(response, "Content-Range"));
    assertEquals("bytes", header(response, "Accept-Ranges"));
    assertEquals("100", header(response, "Content-Length"));
    assertArrayEquals(Arrays.copyOfRange(file, 0, 100), response.body());
    assertTrue(new String(response.body(), UTF_8).startsWith("--BOUNDARY_"));
  }

  @Test
  void anOpenRangeIsAnsweredWithTheRestOfTheFile() throws Exception {
    byte[] file = mhtBytes("frames");

    HttpResponse<byte[]> response =
        get(Fixtures.FIRST_INSTANCE_PATH + "/frames/1", "Range", "bytes=100-");

    assertEquals(206, response.statusCode());
    assertEquals("bytes 100-" + (file.length - 1) + "/" + file.length,
        header(response, "Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(file, 100, file.length), response.body());
  }

  @Test
  void aRangeStartingAtTheEndIsAnswered416WithTheTotalLength() throws Exception {
    long total = mhtBytes("frames").length;

    HttpResponse<byte[]> response =
        get(Fixtures.FIRST_INSTANCE_PATH + "/frames/1", "Range", "bytes=" + total + "-");

    assertEquals(416, response.statusCode());
    assertEquals("bytes */" + total, header(response, "Content-Range"));
  }

  @Test
  void seriesMetadataIsServedAsStoredGzipWithContentEncoding() throws Exception {
    Path stored = tree.resolve(Fixtures.SERIES_PATH + "/metadata.gz");

    HttpResponse<byte[]> response = get(Fixtures.SERIES_PATH + "/metadata");

    assertEquals(200, response.statusCode());
    assertEquals("gzip", header(response, "Content-Encoding"));
    assertEquals("application/dicom+json", contentType(response));
    assertArrayEquals(Files.readAllBytes(stored), response.body());
    List<?> instances = (List<?>) MiniJson.parse(Gzip.gunzip(response.body()));
    assertEquals(3, instances.size());
  }

  @Test
  void withGunzipOnAClientThatDoesNotAcceptGzipGetsTheJsonDecompressedAndOneThatDoesGetsItAsStored()
      throws Exception {
    server.gunzipForClientsWithoutGzip();
    Path stored = tree.resolve(Fixtures.SERIES_PATH + "/metadata.gz");

    HttpResponse<byte[]> plain = get(Fixtures.SERIES_PATH + "/metadata");
    HttpResponse<byte[]> gzip = get(Fixtures.SERIES_PATH + "/metadata", "Accept-Encoding", "gzip, deflate");
    HttpResponse<byte[]> list = get("studies/" + Fixtures.STUDY + "/series", "Accept-Encoding", "identity");

    assertEquals(200, plain.statusCode());
    assertEquals(null, header(plain, "Content-Encoding"));
    assertEquals("application/dicom+json", contentType(plain));
    assertEquals(gunzip(Files.readAllBytes(stored)), new String(plain.body(), UTF_8));
    assertEquals("gzip", header(gzip, "Content-Encoding"));
    assertArrayEquals(Files.readAllBytes(stored), gzip.body());
    assertEquals(null, header(list, "Content-Encoding"));
    assertEquals(1, ((List<?>) MiniJson.parse(new String(list.body(), UTF_8))).size());
    assertEquals("gzip, deflate", server.requests().get(1).header("Accept-Encoding"));
    assertEquals(null, server.requests().get(0).header("Accept-Encoding"));
  }

  @Test
  void aDirectoryIsServedFromItsGzippedIndexJson() throws Exception {
    HttpResponse<byte[]> response = get("studies/" + Fixtures.STUDY + "/series");

    assertEquals(200, response.statusCode());
    assertEquals("gzip", header(response, "Content-Encoding"));
    List<?> series = (List<?>) MiniJson.parse(Gzip.gunzip(response.body()));
    Map<?, ?> seriesUid = (Map<?, ?>) ((Map<?, ?>) series.getFirst()).get("0020000E");
    assertEquals(List.of(Fixtures.SERIES), seriesUid.get("Value"));
  }

  @Test
  void extensionlessThumbnailsAreLabelledAsJpeg() throws Exception {
    HttpResponse<byte[]> response = get(Fixtures.FIRST_INSTANCE_PATH + "/thumbnail");

    assertEquals(200, response.statusCode());
    assertEquals("image/jpeg", contentType(response));
  }

  @Test
  void pathsEscapingTheRootAreRefusedEvenPercentEncoded() throws Exception {
    // fixtures/README.md exists one level above the served tree.
    assertTrue(Files.isRegularFile(tree.resolve("../README.md")));

    HttpResponse<byte[]> plain = get("studies/../../README.md");
    HttpResponse<byte[]> encoded = get("studies/%2e%2e/%2E%2E/README.md");

    assertEquals(403, plain.statusCode());
    assertEquals(403, encoded.statusCode());
    assertFalse(new String(plain.body(), UTF_8).contains("Fixtures"));
    // The client did send the dots: the refusal is the server's doing.
    assertEquals("/studies/../../README.md", server.requests().getFirst().target());
  }

  @Test
  void missingFilesAreAnswered404WithAShortText() throws Exception {
    HttpResponse<byte[]> response = get(Fixtures.SERIES_PATH + "/instances/1.2.3/frames/1");

    assertEquals(404, response.statusCode());
    assertTrue(contentType(response).startsWith("text/plain"));
    String body = new String(response.body(), UTF_8);
    assertTrue(body.startsWith("Not found: /studies/"), body);
    assertTrue(body.length() < 200, body);
  }

  @Test
  void headAnswersTheLengthWithoutABody() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri(Fixtures.FIRST_INSTANCE_PATH + "/frames/1"))
        .HEAD().build();

    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(200, response.statusCode());
    assertEquals(Long.toString(mhtBytes("frames").length), header(response, "Content-Length"));
    assertEquals(0, response.body().length);
  }

  @Test
  void everyRequestIsRecordedWithItsHeadersLookedUpCaseInsensitively() throws Exception {
    get(Fixtures.SERIES_PATH + "/metadata?includefield=all", "X-Probe", "first");
    get(Fixtures.FIRST_INSTANCE_PATH + "/frames/1", "Range", "bytes=0-9");

    List<RecordedRequest> requests = server.requests();

    assertEquals(2, requests.size());
    assertEquals("GET", requests.get(0).method());
    assertEquals("/" + Fixtures.SERIES_PATH + "/metadata?includefield=all", requests.get(0).target());
    assertEquals("/" + Fixtures.SERIES_PATH + "/metadata", requests.get(0).path());
    assertEquals("first", requests.get(0).header("x-probe"));
    assertEquals(List.of("first"), requests.get(0).headers().get("X-PROBE"));
    assertEquals("bytes=0-9", requests.get(1).header("range"));
    server.clearRequests();
    assertEquals(List.of(), server.requests());
  }

  @Test
  void onlyTheNewestRequestsAreKeptSoALongServeDoesNotGrowWithoutBound() throws Exception {
    server.recordLimit(3);
    for (int i = 1; i <= 5; i++) {
      get(Fixtures.SERIES_PATH + "/metadata?n=" + i);
    }

    List<String> kept = server.requests().stream().map(RecordedRequest::target).toList();

    assertEquals(List.of("/" + Fixtures.SERIES_PATH + "/metadata?n=3", "/" + Fixtures.SERIES_PATH + "/metadata?n=4",
        "/" + Fixtures.SERIES_PATH + "/metadata?n=5"), kept);
  }

  @Test
  void aUrlPrefixRootsTheTreeAndHidesEverythingElse() throws Exception {
    try (StaticDicomWebServer prefixed = StaticDicomWebServer.start(tree, "127.0.0.1", 0, "dicomweb/")) {
      String base = prefixed.baseUrl();
      assertEquals("http://127.0.0.1:" + prefixed.port() + "/dicomweb", base);

      HttpResponse<byte[]> inside = send(base + "/" + Fixtures.FIRST_INSTANCE_PATH + "/frames/1");
      HttpResponse<byte[]> outside = send("http://127.0.0.1:" + prefixed.port() + "/"
          + Fixtures.FIRST_INSTANCE_PATH + "/frames/1");

      assertEquals(200, inside.statusCode());
      assertArrayEquals(mhtBytes("frames"), inside.body());
      assertEquals(404, outside.statusCode());
      assertEquals(2, prefixed.requests().size());
    }
  }

  @Test
  void rawFrameFilesAreAnsweredAsOctetStreamWithRanges(@TempDir Path root) throws Exception {
    Path frame = root.resolve("studies/1/series/2/instances/3/frames/1");
    Files.createDirectories(frame.getParent());
    byte[] pixels = new byte[1000];
    Arrays.fill(pixels, (byte) 7);
    pixels[10] = 42;
    Files.write(frame, pixels);

    try (StaticDicomWebServer raw = StaticDicomWebServer.start(root, "127.0.0.1", 0)) {
      HttpResponse<byte[]> response = client.send(
          HttpRequest.newBuilder(URI.create(raw.baseUrl() + "/studies/1/series/2/instances/3/frames/1"))
              .header("Range", "bytes=10-19").build(),
          HttpResponse.BodyHandlers.ofByteArray());

      assertEquals(206, response.statusCode());
      assertEquals("application/octet-stream", contentType(response));
      assertEquals("bytes 10-19/1000", header(response, "Content-Range"));
      assertArrayEquals(Arrays.copyOfRange(pixels, 10, 20), response.body());
    }
  }

  private byte[] mhtBytes(String framesPath) throws IOException {
    return Files.readAllBytes(tree.resolve(Fixtures.FIRST_INSTANCE_PATH + "/" + framesPath + "/1.mht"));
  }

  private URI uri(String relative) {
    return URI.create(server.baseUrl() + "/" + relative);
  }

  private HttpResponse<byte[]> get(String relative, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(relative));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<byte[]> send(String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String contentType(HttpResponse<?> response) {
    return header(response, "Content-Type");
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static String gunzip(byte[] gzip) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }
}
