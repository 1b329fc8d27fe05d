package org.weasis.progressive.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;

/** Exports users made before the node record had a builder (see the fixtures' README) still import. */
class NodeJsonCompatibilityTest {
  private static final String WITH_SECRETS = "export-with-secrets-2026-12.json";
  private static final String WITHOUT_SECRETS = "export-without-secrets-2026-12.json";

  @Test
  void anExportWithSecretsFromBeforeTheBuilderImportsAsTheNodesItWasWrittenFrom() throws IOException {
    assertEquals(List.of(north(), cloud()), NodeJson.read(fixture(WITH_SECRETS)));
  }

  @Test
  void anExportWithoutSecretsFromBeforeTheBuilderImportsWithOnlyTheSecretsMissing() throws IOException {
    List<NodeConfig> nodes = NodeJson.read(fixture(WITHOUT_SECRETS));
    assertEquals(north().toBuilder().authentication(north().authentication().withoutSecrets()).build(),
        nodes.get(0));
    assertEquals(cloud().toBuilder().authentication(cloud().authentication().withoutSecrets()).build(),
        nodes.get(1));
    assertTrue(nodes.get(0).authentication().lacksSecrets());
  }

  @Test
  void anExportTodayWritesTheSameDocumentAsBefore() throws IOException {
    List<NodeConfig> nodes = List.of(north(), cloud());
    assertEquals(fixture(WITH_SECRETS).strip(), NodeJson.write(nodes, true).strip());
    assertEquals(fixture(WITHOUT_SECRETS).strip(), NodeJson.write(nodes, false).strip());
  }

  private static NodeConfig north() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Api-Key", "key-secret-42");
    headers.put("X-Site", "site-secret-9");
    return NodeConfig.builder()
        .id("org.weasis.progressive.node~north")
        .name("PACS north")
        .baseUrl("https://pacs.example/dicom-web")
        .authentication(Authentication.basic("joe", "pa55-secret").withHeaders(headers))
        .progressive(true)
        .strategy("nearest")
        .retrieveConfiguration("sequential", null)
        .maxConnections(3)
        .connectTimeout(Duration.ofMillis(1500))
        .stallTimeout(Duration.ofSeconds(20))
        .requestTimeout(Duration.ofMinutes(3))
        .verifyTls(false)
        .maxLoadBytes(64L * 1024 * 1024)
        .minTransferRate(512)
        .rateWindow(Duration.ofSeconds(45))
        .otherOriginsAllowed(true)
        .build();
  }

  private static NodeConfig cloud() {
    RetrieveConfiguration own = RetrieveConfiguration.fromJson("""
        {"stages": [{"id": "thumbs", "retrieveType": "fast", "decimate": 2, "priority": 1},
                    {"id": "rest", "retrieveType": "final"}],
         "retrieveOptions": {"fast": {"framesPath": "/jlsThumbnail/", "imageQualityStatus": 6}}}
        """);
    return NodeConfig.builder()
        .id("org.weasis.progressive.node~cloud")
        .name("Cloud")
        .baseUrl("https://cloud.example/v1/dicomweb")
        .authentication(Authentication.bearer("bearer-secret-7"))
        .retrieveConfiguration(null, own)
        .build();
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = NodeJsonCompatibilityTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
