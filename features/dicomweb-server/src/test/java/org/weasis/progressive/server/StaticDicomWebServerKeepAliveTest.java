package org.weasis.progressive.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards against the JDK server's Nagle default: without TCP_NODELAY every answer after the first on a
 * kept-alive connection waited 40 ms for the client's delayed ACK, which a shaped-link benchmark counted
 * as link time.
 */
class StaticDicomWebServerKeepAliveTest {
  private static final int ANSWERS = 7;

  @Test
  void answersOnAKeptAliveConnectionAreNotHeldForTheDelayedAck(@TempDir Path tree) throws Exception {
    Files.write(tree.resolve("blob"), new byte[30_000]);
    long[] nanos = new long[ANSWERS];
    try (StaticDicomWebServer server = StaticDicomWebServer.start(tree, "127.0.0.1", 0);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpRequest get = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/blob")).build();
      client.send(get, HttpResponse.BodyHandlers.ofByteArray()); // opens the connection, warms the server
      for (int i = 0; i < ANSWERS; i++) {
        long t0 = System.nanoTime();
        assertEquals(30_000, client.send(get, HttpResponse.BodyHandlers.ofByteArray()).body().length);
        nanos[i] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(nanos);
    long medianMs = nanos[ANSWERS / 2] / 1_000_000;
    assertTrue(medianMs < 25, "median answer took " + medianMs + " ms on a kept-alive connection");
  }
}
