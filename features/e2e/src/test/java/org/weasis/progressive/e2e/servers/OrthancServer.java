package org.weasis.progressive.e2e.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Orthanc with its DICOMweb plugin, started on 127.0.0.1 with its own storage, so the engine is
 * tested against a dynamic WADO-RS server that builds metadata and transcodes frames on request.
 */
public final class OrthancServer implements AutoCloseable {
  public static final String PROGRAM = "/usr/sbin/Orthanc";
  public static final String DICOMWEB_PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
  /** The Debian packages that provide {@link #PROGRAM} and {@link #DICOMWEB_PLUGIN}. */
  public static final String DEBIAN_PACKAGES = "orthanc orthanc-dicomweb";

  private static final Duration START_DEADLINE = Duration.ofSeconds(30);
  /** Orthanc takes about two seconds to stop its HTTP server and job engine. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final ServerProcess process;
  private final HttpClient http;

  private OrthancServer(int port, ServerProcess process, HttpClient http) {
    this.port = port;
    this.process = process;
    this.http = http;
  }

  /** Starts Orthanc on a free port of 127.0.0.1, with an empty database and the DICOMweb plugin. */
  public static OrthancServer start() throws IOException {
    Path orthanc = ServerProcess.executable("Orthanc", "orthanc", PROGRAM);
    ServerProcess.installedFile(DICOMWEB_PLUGIN, "Orthanc's DICOMweb plugin", "orthanc-dicomweb");
    return ServerProcess.onFreePort(port -> start(orthanc, port));
  }

  /** The DICOMweb root, {@code http://127.0.0.1:<port>/dicom-web}, without a trailing slash. */
  public String baseUrl() {
    return restUrl() + "/dicom-web";
  }

  /** Orthanc's own REST API root, {@code http://127.0.0.1:<port>}. */
  public String restUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The server's own directory (configuration, logs, data), deleted by close(). */
  Path directory() {
    return process.directory();
  }

  /** Stores one DICOM file through the REST API; fails unless Orthanc says it stored it. */
  public void store(Path dicomFile) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl() + "/instances"))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/dicom")
        .POST(HttpRequest.BodyPublishers.ofFile(dicomFile))
        .build();
    HttpResponse<String> response = send(request);
    String status = response.statusCode() == 200
        ? JSON.readTree(response.body()).path("Status").asText()
        : "";
    if (!status.equals("Success") && !status.equals("AlreadyStored")) {
      throw new IOException("Orthanc refused " + dicomFile + ": HTTP " + response.statusCode() + " "
          + response.body());
    }
  }

  /** Asks Orthanc to shut down, waits for it (killing it after a deadline) and deletes its directory. */
  @Override
  public void close() {
    try {
      send(HttpRequest.newBuilder(URI.create(restUrl() + "/tools/shutdown"))
          .timeout(Duration.ofSeconds(5))
          .POST(HttpRequest.BodyPublishers.noBody())
          .build());
    } catch (IOException e) {
      // Already gone or not answering: stop() below ends it the hard way.
    } finally {
      process.stop(STOP_GRACE);
      http.close();
    }
  }

  private static OrthancServer start(Path orthanc, int port) throws IOException {
    Path directory = Files.createTempDirectory("e2e-orthanc-");
    Path config = directory.resolve("orthanc.json");
    try {
      Files.createDirectories(directory.resolve("storage"));
      Files.createDirectories(directory.resolve("temp"));
      JSON.writerWithDefaultPrettyPrinter().writeValue(config.toFile(), configuration(directory, port));
    } catch (IOException | RuntimeException e) {
      ServerProcess.deleteTree(directory);
      throw e;
    }
    ServerProcess process = ServerProcess.start("Orthanc",
        List.of(orthanc.toString(), config.toString()), directory, directory.resolve("orthanc.log"));
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    OrthancServer server = new OrthancServer(port, process, http);
    try {
      process.awaitReady(server::answersSystem, START_DEADLINE);
    } catch (IOException | RuntimeException e) {
      process.close();
      http.close();
      throw e;
    }
    return server;
  }

  /**
   * Everything Orthanc writes stays in {@code directory}; no DICOM port (the tests store over HTTP), no
   * remote access, no authentication, nothing that would write outside or keep state between runs.
   */
  static ObjectNode configuration(Path directory, int port) {
    ObjectNode config = JSON.createObjectNode()
        .put("Name", "weasis-progressive-e2e")
        .put("StorageDirectory", directory.resolve("storage").toString())
        .put("IndexDirectory", directory.resolve("storage").toString())
        .put("TemporaryDirectory", directory.resolve("temp").toString())
        .put("HttpServerEnabled", true)
        .put("HttpPort", port)
        .put("DicomServerEnabled", false)
        // 1.10.1 has no option to bind HTTP to one address and listens on all of them: refusing
        // every client but localhost is what keeps it local.
        .put("RemoteAccessAllowed", false)
        .put("AuthenticationEnabled", false)
        .put("OrthancExplorerEnabled", false)
        .put("WebDavEnabled", false)
        .put("SaveJobs", false)
        .put("HttpThreadsCount", 16);
    config.putArray("Plugins").add(DICOMWEB_PLUGIN);
    config.putObject("DicomWeb")
        .put("Enable", true)
        .put("Root", "/dicom-web/")
        .put("EnableWado", false);
    return config;
  }

  private boolean answersSystem() {
    try {
      HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(restUrl() + "/system"))
          .timeout(Duration.ofSeconds(2))
          .GET()
          .build());
      return response.statusCode() == 200 && JSON.readTree(response.body()).has("Version");
    } catch (IOException e) {
      return false;
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted: " + request.method() + " " + request.uri());
    }
  }

  /** Used by tests to read what Orthanc says about itself. */
  JsonNode system() throws IOException {
    return JSON.readTree(send(HttpRequest.newBuilder(URI.create(restUrl() + "/system")).GET().build()).body());
  }
}
