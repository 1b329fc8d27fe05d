package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeQueries;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.internal.engine.JsonQueries;

/**
 * The binding's own queries and metadata reads go through the core's node client, with the node's
 * settings: TLS verification off only for the node that says so, the body capped at the node's limit, a
 * silent server timed out, the node's headers sent to its origin only. Run against the tests' fault server
 * on 127.0.0.1 with the core's {@link NodeQueries} implementation, as the binding gets it in OSGi.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a regression here hangs: fail instead
class DicomWebJsonTest {
  private static final String STUDY = "1.2.3";
  private static final String SERIES = "1.2.3.4";
  private static final String SOP = "1.2.3.4.5";
  private static final String JSON = "application/dicom+json";

  @TempDir
  Path dir;

  private final JsonQueries queries = new JsonQueries();

  @AfterEach
  void close() {
    queries.close();
  }

  @Test
  void aNodeWithTlsVerificationOffQueriesAndReadsMetadataFromASelfSignedServer() throws Exception {
    try (FaultServer server = FaultServer.tls(dir)) {
      server.handle(DicomWebJsonTest::answerStudy);
      DicomWebJson json = new DicomWebJson(queries,
          NodeConfig.builder().baseUrl(server.baseUrl() + "/rs").verifyTls(false).build());

      List<Attributes> study = json.study(STUDY);
      List<Attributes> series = json.series(STUDY);
      List<Attributes> metadata = json.metadata(STUDY, SERIES);

      assertEquals(STUDY, study.getFirst().getString(Tag.StudyInstanceUID));
      assertEquals(SERIES, series.getFirst().getString(Tag.SeriesInstanceUID));
      assertEquals(SOP, metadata.getFirst().getString(Tag.SOPInstanceUID));
      List<String> paths = server.requests().stream().map(FaultServer.Recorded::path).toList();
      assertEquals(List.of("/rs/studies", "/rs/studies/" + STUDY + "/series",
          "/rs/studies/" + STUDY + "/series/" + SERIES + "/metadata"), paths);
      assertTrue(server.requests().getFirst().target().contains("0020000D=" + STUDY), server.requests()::toString);
    }
  }

  @Test
  void withTlsVerificationOnTheSelfSignedServerIsRefusedBeforeAnyRequestNamingTheUrl() throws Exception {
    try (FaultServer server = FaultServer.tls(dir)) {
      server.handle(DicomWebJsonTest::answerStudy);
      DicomWebJson json = new DicomWebJson(queries, NodeConfig.of(server.baseUrl()));

      SSLException e = assertThrows(SSLException.class, () -> json.study(STUDY));

      assertTrue(e.getMessage().startsWith("TLS with " + server.baseUrl() + "/studies?0020000D=" + STUDY),
          e.getMessage());
      assertTrue(e.getMessage().contains("the node verifies the server's certificate"), e.getMessage());
      assertEquals(List.of(), server.requests(), "no request went over the unverified connection");
    }
  }

  @Test
  void anEndlessJsonBodyIsRefusedAtTheNodesLimitAndNotReadFurther() throws Exception {
    try (FaultServer server = new FaultServer()) {
      CompletableFuture<Long> sent = new CompletableFuture<>();
      server.handle((r, x) -> {
        x.writeHead(200, Map.of("Content-Type", JSON), -1); // no length: the body ends when we close
        byte[] chunk = "[{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1\"]}},".repeat(1000)
            .getBytes(StandardCharsets.US_ASCII);
        long total = 0;
        try {
          while (true) {
            x.write(chunk, 0, chunk.length);
            total += chunk.length;
          }
        } catch (IOException dropped) {
          sent.complete(total);
        }
      });
      DicomWebJson json =
          new DicomWebJson(queries, NodeConfig.builder().baseUrl(server.baseUrl()).maxLoadBytes(1 << 20).build());

      IOException e = assertThrows(IOException.class, () -> json.metadata(STUDY, SERIES));

      assertTrue(e.getMessage().contains("is larger than the limit of 1048576 bytes (the node's maxLoadBytes)"),
          e.getMessage());
      long written = sent.get(30, TimeUnit.SECONDS);
      // What the server got out before the connection dropped: the limit plus what the sockets buffer.
      assertTrue(written < 32L << 20, "the server sent " + written + " bytes before we hung up");
    }
  }

  @Test
  void aBodyDeclaredHugeIsRefusedAtItsHeadersNamingTheLimit() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> {
        x.writeHead(200, Map.of("Content-Type", JSON), 10L << 30);
        x.awaitClientClose();
      });
      DicomWebJson limited =
          new DicomWebJson(queries, NodeConfig.builder().baseUrl(server.baseUrl()).maxLoadBytes(1 << 20).build());
      DicomWebJson byDefault = new DicomWebJson(queries, NodeConfig.of(server.baseUrl()));

      IOException e1 = assertThrows(IOException.class, () -> limited.series(STUDY));
      IOException e2 = assertThrows(IOException.class, () -> byDefault.series(STUDY));

      assertTrue(e1.getMessage().contains(
          "is declared 10737418240 bytes, over the limit of 1048576 bytes (the node's maxLoadBytes)"), e1.getMessage());
      assertTrue(e2.getMessage().contains("is declared 10737418240 bytes, over the limit of "
          + NodeQueries.MAX_JSON_BYTES + " bytes (NodeQueries.MAX_JSON_BYTES)"), e2.getMessage());
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOutAtTheNodesStallTimeoutNamingTheUrl() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> x.awaitClientClose());
      DicomWebJson json = new DicomWebJson(queries, NodeConfig.builder().baseUrl(server.baseUrl())
          .stallTimeout(Duration.ofMillis(300)).rateWindow(Duration.ofMillis(300)).maxRetries(0).build());

      IOException e = assertThrows(IOException.class, () -> json.study(STUDY));

      assertTrue(e.getMessage().contains(server.baseUrl() + "/studies?"), e.getMessage());
      assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void aQueryRedirectedToAnotherOriginIsRefusedWhenTheNodeAllowsNoOtherOriginNothingAskedThere()
      throws Exception {
    try (FaultServer node = new FaultServer(); FaultServer other = new FaultServer()) {
      node.handle((r, x) -> x.respond(302, Map.of("Location", other.baseUrl() + r.target()), new byte[0]));
      other.handle(DicomWebJsonTest::answerStudy);
      DicomWebJson json = new DicomWebJson(queries, NodeConfig.builder().name("PACS").baseUrl(node.baseUrl())
          .authentication(Authentication.bearer("s3cret")).build());

      IOException e = assertThrows(IOException.class, () -> json.series(STUDY));

      assertTrue(e.getMessage().contains("Refused the redirect to " + other.baseUrl() + ", another origin than "
          + "node 'PACS'") && e.getMessage().contains("otherOriginsAllowed"), e.getMessage());
      assertEquals(1, node.requests().size());
      assertEquals(List.of(), other.requests(), "nothing asked from the other origin");
    }
  }

  @Test
  void theNodesHeadersGoToItsOriginOnlyNotToTheOtherOriginItRedirectsTo() throws Exception {
    try (FaultServer node = new FaultServer(); FaultServer other = new FaultServer()) {
      node.handle((r, x) -> x.respond(302, Map.of("Location", other.baseUrl() + r.target()), new byte[0]));
      other.handle(DicomWebJsonTest::answerStudy);
      DicomWebJson json = new DicomWebJson(queries, NodeConfig.builder().baseUrl(node.baseUrl())
          .authentication(Authentication.bearer("s3cret")).header("X-Api-Key", "k3y")
          .otherOriginsAllowed(true) // refused otherwise: the test above
          .build());

      List<Attributes> series = json.series(STUDY);

      assertEquals(SERIES, series.getFirst().getString(Tag.SeriesInstanceUID));
      FaultServer.Recorded asked = node.requests().getFirst();
      assertEquals("Bearer s3cret", asked.header("Authorization"));
      assertEquals("k3y", asked.header("X-Api-Key"));
      FaultServer.Recorded redirected = other.requests().getFirst();
      assertEquals(asked.target(), redirected.target());
      assertNull(redirected.header("Authorization"), "the token went to another origin");
      assertNull(redirected.header("X-Api-Key"), "the API key went to another origin");
    }
  }

  @Test
  void noMatchIsAnEmptyListAndAnErrorStatusIsAnError() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> x.respond(r.path().endsWith("/metadata") ? 404 : r.path().equals("/series") ? 204
          : 500, Map.of(), new byte[0]));
      DicomWebJson json = new DicomWebJson(queries, NodeConfig.of(server.baseUrl()));

      assertEquals(List.of(), json.metadata(STUDY, SERIES));
      assertEquals(List.of(), json.seriesAlone(SERIES));
      IOException e = assertThrows(IOException.class, () -> json.study(STUDY));
      assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    }
  }

  /** A study, its one series and that series' one instance, by path. */
  private static void answerStudy(FaultServer.Recorded r, FaultServer.Exchange x) throws IOException {
    String path = r.path();
    String body;
    if (path.endsWith("/metadata")) {
      body = dataset("00080018", SOP);
    } else if (path.endsWith("/series")) {
      body = dataset("0020000E", SERIES);
    } else {
      body = dataset("0020000D", STUDY);
    }
    x.respond(200, Map.of("Content-Type", JSON), body.getBytes(StandardCharsets.UTF_8));
  }

  private static String dataset(String tag, String uid) {
    return "[{\"" + tag + "\":{\"vr\":\"UI\",\"Value\":[\"" + uid + "\"]}}]";
  }
}
