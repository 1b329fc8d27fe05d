package org.weasis.progressive.e2e.servers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.fixtures.SinglePart;
import org.weasis.progressive.fixtures.Fixtures;

/** nginx, configured by {@link NginxServer}, answers the real mkdicomweb tree as the toolkit's server does. */
class NginxServerTest {
  private static final String FRAME = Fixtures.SERIES_PATH + "/instances/" + Fixtures.FIRST_SOP + "/frames/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static NginxServer nginx;
  private static HttpClient http;
  private static byte[] mht;

  @BeforeAll
  static void start() throws IOException {
    Path tree = Fixtures.staticDicomWebTree();
    mht = Files.readAllBytes(tree.resolve(FRAME + ".mht"));
    nginx = NginxServer.serveStaticDicomWeb(tree);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    if (nginx != null) {
      nginx.close();
    }
  }

  @BeforeEach
  void forgetEarlierRequests() throws IOException {
    nginx.clearAccessLog();
  }

  @Test
  void aFrameIsAnsweredAsBareMultipartRelatedWithTheExactMhtBytes() throws Exception {
    HttpResponse<byte[]> response = get(FRAME, null);
    assertEquals(200, response.statusCode());
    assertEquals("multipart/related", header(response, "Content-Type"));
    assertEquals("bytes", header(response, "Accept-Ranges"));
    assertArrayEquals(mht, response.body());
    assertEquals("image/jphc;transfer-syntax=1.2.840.10008.1.2.4.201",
        SinglePart.parse(response.body()).header("Content-Type"));
  }

  @Test
  void aRangeFromTheStartAnswers206WithContentRangeCountedOverTheWholeMhtFile() throws Exception {
    HttpResponse<byte[]> response = get(FRAME, "bytes=0-99");
    assertEquals(206, response.statusCode());
    assertEquals("bytes 0-99/" + mht.length, header(response, "Content-Range"));
    assertEquals("multipart/related", header(response, "Content-Type"));
    assertArrayEquals(Arrays.copyOfRange(mht, 0, 100), response.body());
  }

  @Test
  void anOpenRangeAnswersTheRestOfTheMhtFile() throws Exception {
    HttpResponse<byte[]> response = get(FRAME, "bytes=100-");
    assertEquals(206, response.statusCode());
    assertEquals("bytes 100-" + (mht.length - 1) + "/" + mht.length, header(response, "Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(mht, 100, mht.length), response.body());
  }

  @Test
  void anAlternateFramesPathMapsToItsOwnMhtFile() throws Exception {
    String jls = FRAME.replace("/frames/", "/jls/");
    HttpResponse<byte[]> response = get(jls, null);
    assertEquals(200, response.statusCode());
    assertEquals("multipart/related", header(response, "Content-Type"));
    assertArrayEquals(Files.readAllBytes(nginx.root().resolve(jls + ".mht")), response.body());
  }

  @Test
  void seriesMetadataComesGzipEncodedAsDicomJsonOfThreeInstances() throws Exception {
    HttpResponse<byte[]> response = get(Fixtures.SERIES_PATH + "/metadata", null);
    assertEquals(200, response.statusCode());
    assertEquals("gzip", header(response, "Content-Encoding"));
    assertEquals("application/dicom+json", header(response, "Content-Type"));
    JsonNode metadata = JSON.readTree(gunzip(response.body()));
    assertTrue(metadata.isArray(), "metadata is a JSON array");
    assertEquals(3, metadata.size());
    for (JsonNode instance : metadata) {
      assertEquals(512, instance.path("00280010").path("Value").path(0).asInt(), "Rows");
      assertTrue(instance.path("7FE00010").path("BulkDataURI").asText().endsWith("/frames"));
    }
  }

  @Test
  void aDirectoryAnswersItsGzipIndexAsQidoJson() throws Exception {
    HttpResponse<byte[]> response = get("studies", null);
    assertEquals(200, response.statusCode());
    assertEquals("gzip", header(response, "Content-Encoding"));
    JsonNode studies = JSON.readTree(gunzip(response.body()));
    assertEquals(Fixtures.STUDY, studies.path(0).path("0020000D").path("Value").path(0).asText());
  }

  @Test
  void aMissingFileIsA404WithoutContentEncoding() throws Exception {
    HttpResponse<byte[]> response = get(Fixtures.SERIES_PATH + "/instances/9.9.9/frames/1", null);
    assertEquals(404, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Encoding").isEmpty());
  }

  @Test
  void theAccessLogRecordsTargetRangeStatusAndBodyBytes() throws Exception {
    get(FRAME, "bytes=0-99");
    get(FRAME, "bytes=100-");
    List<NginxServer.Access> log =
        nginx.awaitAccessLog(access -> access.target().equals("/" + FRAME), 2, Duration.ofSeconds(5));
    assertEquals(List.of(
            new NginxServer.Access("GET /" + FRAME + " HTTP/1.1", "bytes=0-99", 206, 100),
            new NginxServer.Access("GET /" + FRAME + " HTTP/1.1", "bytes=100-", 206, mht.length - 100)),
        log);
    assertEquals("/" + FRAME, log.get(0).target());
  }

  @Test
  void closingStopsNginxAndDeletesItsDirectory() throws Exception {
    NginxServer other = NginxServer.serveStaticDicomWeb(nginx.root());
    Path directory = other.directory();
    assertTrue(Files.isRegularFile(directory.resolve("nginx.conf")));
    assertTrue(ServerProcess.acceptsConnections(other.port()));
    other.close();
    assertFalse(ServerProcess.acceptsConnections(other.port()), "port still open after close");
    assertFalse(Files.exists(directory), "directory left behind: " + directory);
  }

  private static HttpResponse<byte[]> get(String path, String range) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nginx.baseUrl() + "/" + path))
        .timeout(Duration.ofSeconds(10));
    if (range != null) {
      request.header("Range", range);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static byte[] gunzip(byte[] gzip) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }
}
