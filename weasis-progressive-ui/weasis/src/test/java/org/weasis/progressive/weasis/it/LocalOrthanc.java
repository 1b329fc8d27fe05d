package org.weasis.progressive.weasis.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Orthanc with its DICOMweb plugin on 127.0.0.1, holding the given DICOM files: a server Weasis' own
 * {@code dicom:rs} loads from (it reads plain QIDO JSON and multipart/related DICOM, which Orthanc serves).
 */
final class LocalOrthanc implements AutoCloseable {
  static final String PROGRAM = "/usr/sbin/Orthanc";
  static final String DICOMWEB_PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
  private final Process process;
  private final int port;

  private LocalOrthanc(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static LocalOrthanc start(Path dir, Path... dicomFiles) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PROGRAM)) || !Files.isRegularFile(Path.of(DICOMWEB_PLUGIN))) {
      throw new AssertionError("Orthanc and its DICOMweb plugin are needed (Debian packages orthanc orthanc-dicomweb)");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PreferencesInWeasisIT.emptyDirectory(dir); // a former run's storage would answer "AlreadyStored"
    Path config = dir.resolve("orthanc.json");
    // Storage in the test's directory; HTTP only, local clients only, no state kept between runs.
    Files.writeString(config, """
        {"Name":"w2-prefs-it","StorageDirectory":"%1$s/storage","IndexDirectory":"%1$s/storage",
         "TemporaryDirectory":"%1$s/temp","HttpServerEnabled":true,"HttpPort":%2$d,"DicomServerEnabled":false,
         "RemoteAccessAllowed":false,"AuthenticationEnabled":false,"OrthancExplorerEnabled":false,
         "WebDavEnabled":false,"SaveJobs":false,"Plugins":["%3$s"],
         "DicomWeb":{"Enable":true,"Root":"/dicom-web/","EnableWado":false}}
        """.formatted(dir.toAbsolutePath(), port, DICOMWEB_PLUGIN));
    Process process = new ProcessBuilder(PROGRAM, config.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("orthanc.log").toFile()).start();
    LocalOrthanc orthanc = new LocalOrthanc(process, port);
    try {
      orthanc.awaitUp();
      for (Path file : dicomFiles) {
        orthanc.store(file);
      }
    } catch (IOException | RuntimeException | Error e) {
      orthanc.close();
      throw e;
    }
    return orthanc;
  }

  String dicomWebUrl() {
    return "http://127.0.0.1:" + port + "/dicom-web";
  }

  private void awaitUp() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Orthanc exited at start; see its log");
      }
      try {
        if (send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/system")).GET()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Orthanc did not answer on port " + port + " within 30 s");
  }

  private void store(Path file) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/instances"))
        .POST(HttpRequest.BodyPublishers.ofFile(file)));
    if (response.statusCode() != 200 || !response.body().contains("Success")) {
      throw new AssertionError("Orthanc did not store " + file + ": HTTP " + response.statusCode() + " " + response.body());
    }
  }

  /**
   * One client, so one connection, per request: a pooled connection that Orthanc had closed was reused
   * for the first store right after the start-up poll ("header parser received no bytes").
   */
  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
