package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.HttpStatusException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeQueries;
import org.weasis.progressive.fixtures.FaultServer;

/**
 * A host's own JSON reads go through the node's client: what they send (Accept, gzip, the node's headers),
 * how they read (gzip'd bodies, 204 and 404 as no match), which limit refuses a large body, one pool
 * per node whose connections the next query reuses, and the JVM's proxy (Weasis sets it from its
 * preferences).
 */
class JsonQueriesTest {
  private static final byte[] JSON = "[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]}}]"
      .getBytes(StandardCharsets.UTF_8);

  private final JsonQueries queries = new JsonQueries();

  @AfterEach
  void close() {
    queries.close();
  }

  @Test
  void aQuerySendsTheNodesHeadersAsksForGzipAndUnzipsTheAnswer() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> x.respond(200,
          Map.of("Content-Type", "application/dicom+json", "Content-Encoding", "gzip"), gzip(JSON)));
      NodeConfig node = NodeConfig.builder().baseUrl(server.baseUrl() + "/dicom-web")
          .authentication(Authentication.bearer("t0k")).header("X-Api-Key", "k3y").build();

      byte[] body = queries.getJson(node, "/studies?0020000D=1.2&includefield=00081030");

      assertArrayEquals(JSON, body);
      FaultServer.Recorded request = server.requests().getFirst();
      assertEquals("/dicom-web/studies?0020000D=1.2&includefield=00081030", request.target());
      assertEquals("application/dicom+json, application/json", request.header("Accept"));
      assertEquals("gzip", request.header("Accept-Encoding"));
      assertEquals("Bearer t0k", request.header("Authorization"));
      assertEquals("k3y", request.header("X-Api-Key"));
    }
  }

  @Test
  void noContentAndNotFoundAreNoMatchNotErrors() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> x.respond(r.target().contains("none") ? 204 : 404, Map.of(), new byte[0]));
      NodeConfig node = NodeConfig.of(server.baseUrl());

      assertEquals(0, queries.getJson(node, "/studies?PatientID=none").length);
      assertEquals(0, queries.getJson(node, "/studies/9/series/9/metadata").length);
      assertEquals(2, server.requests().size());
    }
  }

  @Test
  void aServerErrorNamesTheStatusAndTheUrlAndGivesTheStatusToTheHost() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> x.respond(401, Map.of(), new byte[0]));
      NodeConfig node = NodeConfig.of(server.baseUrl());

      HttpStatusException e = assertThrows(HttpStatusException.class, () -> queries.getJson(node, "/studies"));

      assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
      assertTrue(e.getMessage().contains(server.baseUrl() + "/studies"), e.getMessage());
      assertEquals(401, e.status());
      assertEquals(server.baseUrl() + "/studies", e.url().toString());
      assertEquals(1, server.requests().size(), "a query asks no renewal: the 401 is its answer");
    }
  }

  @Test
  void aBodyOverTheNodesLoadBudgetIsRefusedNamingThatLimit() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> x.respond(200, Map.of(), new byte[4096]));
      NodeConfig node = NodeConfig.builder().baseUrl(server.baseUrl()).maxLoadBytes(1000).build();

      IOException e = assertThrows(IOException.class, () -> queries.getJson(node, "/studies"));

      assertTrue(e.getMessage().contains("is declared 4096 bytes, over the limit of 1000 bytes (the node's "
          + "maxLoadBytes)"), e.getMessage());
    }
  }

  @Test
  void aQueryRedirectedToAnotherOriginIsRefusedUnlessTheNodeAllowsItAndGoesThereWithoutTheNodesHeaders()
      throws Exception {
    try (FaultServer server = new FaultServer(); FaultServer other = new FaultServer()) {
      other.handle((r, x) -> x.respond(200, Map.of(), JSON));
      server.handle((r, x) -> x.respond(302, Map.of("Location", other.baseUrl() + "/qido?token=t0p"), new byte[0]));
      NodeConfig node = NodeConfig.builder().name("Main PACS").baseUrl(server.baseUrl())
          .authentication(Authentication.bearer("t0k")).build();

      IOException e = assertThrows(IOException.class, () -> queries.getJson(node, "/studies"));

      assertTrue(e.getMessage().contains("Refused the redirect to " + other.baseUrl() + ", another origin than "
          + "node 'Main PACS'") && e.getMessage().contains("otherOriginsAllowed"), e.getMessage());
      assertFalse(e.getMessage().contains("t0p"), "the Location's query stays out of the error: " + e.getMessage());
      assertEquals(List.of(), other.requests(), "nothing asked from the other origin");

      byte[] body = queries.getJson(node.toBuilder().otherOriginsAllowed(true).build(), "/studies");

      assertArrayEquals(JSON, body);
      assertEquals("/qido?token=t0p", other.requests().getFirst().target());
      assertNull(other.requests().getFirst().header("Authorization"), "credentials stay with the node's origin");
      assertEquals(List.of("Bearer t0k", "Bearer t0k"),
          server.requests().stream().map(r -> r.header("Authorization")).toList());
    }
  }

  @Test
  void aQueryRedirectedOnTheNodesOriginIsFollowedWithTheNodesHeaders() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> {
        if (r.target().startsWith("/old")) {
          x.respond(308, Map.of("Location", "/new/studies"), new byte[0]);
        } else {
          x.respond(200, Map.of(), JSON);
        }
      });
      NodeConfig node = NodeConfig.builder().baseUrl(server.baseUrl() + "/old")
          .authentication(Authentication.bearer("t0k")).build();

      assertArrayEquals(JSON, queries.getJson(node, "/studies"));

      assertEquals(List.of("/old/studies", "/new/studies"), server.requests().stream().map(r -> r.target()).toList());
      assertEquals("Bearer t0k", server.requests().getLast().header("Authorization"));
    }
  }

  @Test
  void aQueryRedirectedWithoutEndFailsAfterFiveRedirectsNamingItsUrl() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> x.respond(302, Map.of("Location", r.target() + "x"), new byte[0]));
      NodeConfig node = NodeConfig.of(server.baseUrl());

      IOException e = assertThrows(IOException.class, () -> queries.getJson(node, "/studies"));

      assertTrue(e.getMessage().contains("(redirects from " + server.baseUrl() + "/studies)"), e.getMessage());
      assertEquals(List.of("/studies", "/studiesx", "/studiesxx", "/studiesxxx", "/studiesxxxx", "/studiesxxxxx"),
          server.requests().stream().map(r -> r.target()).toList(), "the first request and five redirects");
    }
  }

  @Test
  void aRedirectLocationThatDoesNotParseFailsNamingTheUrlWithoutControlCharacters() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> x.respond(302, Map.of("Location", "/a\u001b[31m b|c"), new byte[0]));
      NodeConfig node = NodeConfig.of(server.baseUrl());

      IOException e = assertThrows(IOException.class, () -> queries.getJson(node, "/studies"));

      assertTrue(e.getMessage().contains("[31m b|c (from " + server.baseUrl() + "/studies)"), e.getMessage());
      assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void aPathThatIsNotBelowTheBaseUrlIsRefusedBeforeAnyRequest() throws Exception {
    try (FaultServer server = new FaultServer()) {
      NodeConfig node = NodeConfig.of(server.baseUrl());

      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> queries.getJson(node, "@evil.example/studies"));

      assertTrue(e.getMessage().contains("path = \"@evil.example/studies\": must start with /"), e.getMessage());
      assertEquals(List.of(), server.requests());
    }
  }

  @Test
  void queriesToOneNodeShareOnePoolAndReuseItsConnection() throws Exception {
    try (FaultServer server = new FaultServer()) {
      server.handle((r, x) -> {
        x.keepAlive();
        x.respond(200, Map.of(), JSON);
      });
      NodeConfig node = NodeConfig.of(server.baseUrl());

      queries.getJson(node, "/studies");
      queries.getJson(node, "/studies/1.2/series");

      assertEquals(1, queries.openPools());
      assertEquals(2, server.requests().size());
      assertEquals(1, server.openConnections(), "the second query reused the first one's connection");
      queries.close();
    }
  }

  @Test
  void aQueryGoesThroughTheProxyTheJvmIsSetToAsWeasisProxyPreferencesSetIt() throws Exception {
    try (FaultServer proxy = new FaultServer()) {
      proxy.handle((r, x) -> x.respond(200, Map.of(), JSON));
      ProxySelector before = ProxySelector.getDefault();
      ProxySelector.setDefault(onlyFor("pacs.test", new InetSocketAddress("127.0.0.1", proxy.port())));
      try {
        byte[] body = queries.getJson(NodeConfig.of("http://pacs.test:8080/rs"), "/studies");

        assertArrayEquals(JSON, body);
        assertEquals("http://pacs.test:8080/rs/studies", proxy.requests().getFirst().target());
      } finally {
        ProxySelector.setDefault(before);
      }
    }
  }

  /** A proxy for one host only: other threads of the test JVM keep their direct connections. */
  private static ProxySelector onlyFor(String host, InetSocketAddress proxy) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return host.equals(uri.getHost()) ? List.of(new Proxy(Proxy.Type.HTTP, proxy)) : List.of(Proxy.NO_PROXY);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException e) {}
    };
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }
}
