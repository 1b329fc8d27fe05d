package org.weasis.progressive.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.fixtures.FaultServer;

/**
 * A node's pool builds its TLS strategy at its first https connection, not when it is made (which cost
 * an http node's first load the JDK's trust store): the strategy it builds then still verifies the
 * server's certificate, and still trusts any only when the user turned verification off.
 */
class TlsOnFirstConnectionTest {
  private static final byte[] METADATA = "[]".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void aSelfSignedServerIsRefusedBeforeAnyRequestReachesIt() throws Exception {
    try (FaultServer tls = FaultServer.tls(dir)) {
      tls.handle((r, x) -> x.respond(200, Map.of("Content-Type", "application/dicom+json"), METADATA));

      IOException e = assertThrows(IOException.class, () -> metadata(NodeConfig.of(tls.baseUrl())));

      assertTrue(e instanceof SSLException || e.getCause() instanceof SSLException, e::toString);
      assertEquals(List.of(), tls.requests(), "no request sent over an unverified connection");
    }
  }

  @Test
  void withVerificationTurnedOffTheSameServerAnswers() throws Exception {
    try (FaultServer tls = FaultServer.tls(dir)) {
      tls.handle((r, x) -> x.respond(200, Map.of("Content-Type", "application/dicom+json"), METADATA));

      byte[] body = metadata(NodeConfig.builder().baseUrl(tls.baseUrl()).verifyTls(false).build());

      assertArrayEquals(METADATA, body);
      assertEquals("/studies/1/series/2/metadata", tls.requests().getFirst().target());
    }
  }

  private byte[] metadata(NodeConfig node) throws IOException {
    try (DicomWebClient client = new DicomWebClient(node, timer)) {
      return client.getJson(URI.create(node.baseUrl() + "/studies/1/series/2/metadata"), new InFlight());
    }
  }
}
