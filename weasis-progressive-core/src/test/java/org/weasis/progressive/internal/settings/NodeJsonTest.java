package org.weasis.progressive.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;

class NodeJsonTest {
  private static final List<NodeConfig> NODES = List.of(Nodes.full(), Nodes.custom());

  @Test
  void nodesSurviveAnExportWithSecretsAndItsImport() {
    assertEquals(NODES, NodeJson.read(NodeJson.write(NODES, true)));
  }

  @Test
  void anExportWithoutSecretsHasNoPasswordTokenOrHeaderValue() {
    String json = NodeJson.write(NODES, false);
    for (String secret : List.of(Nodes.PASSWORD, Nodes.API_KEY, "bearer-secret-7", "site-secret-9")) {
      assertFalse(json.contains(secret), secret + " in " + json);
    }
    assertTrue(json.contains("\"X-Api-Key\" : null"), json);
    assertTrue(json.contains("\"user\" : \"joe\""), json);
  }

  @Test
  void anExportWithoutSecretsReadsBackWithTheSecretsMissingAndEverythingElseKept() {
    List<NodeConfig> back = NodeJson.read(NodeJson.write(NODES, false));
    NodeConfig full = back.get(0);
    assertTrue(full.authentication().lacksSecrets());
    assertNull(full.authentication().secret());
    assertEquals(Map.of("X-Api-Key", "", "X-Site", ""), full.authentication().headers());
    assertEquals(
        Nodes.full().toBuilder().authentication(Nodes.full().authentication().withoutSecrets()).build(), full);
  }

  @Test
  void importingAnExportWithoutSecretsKeepsTheStoredOnes() {
    NodeConfig imported = NodeJson.read(NodeJson.write(List.of(Nodes.full()), false)).get(0);
    assertEquals(Nodes.full(), NodeJson.keepStoredSecrets(imported, Nodes.full()));
    NodeConfig otherType = imported.toBuilder().authentication(Authentication.bearer(null)).build();
    assertNull(NodeJson.keepStoredSecrets(otherType, Nodes.full()).authentication().secret(),
        "a password is not reused as a token");
  }

  @Test
  void theRetrieveConfigurationIsEmbeddedInCornerstonesShape() throws Exception {
    JsonNode root = new ObjectMapper().readTree(NodeJson.write(NODES, false));
    JsonNode embedded = root.get("nodes").get(1).get("retrieveConfiguration");
    assertEquals("thumbs", embedded.get("stages").get(0).get("id").textValue());
    assertEquals(6, embedded.get("retrieveOptions").get("fast").get("imageQualityStatus").intValue());
    assertEquals(Nodes.custom().retrieveConfiguration(), RetrieveConfiguration.fromJson(embedded.toString()));
  }

  @Test
  void anExportWithoutTheLimitsAgainstHostileServersImportsWithTheirDefaults() {
    NodeConfig old = NodeJson.read("{\"nodes\": [{\"name\": \"a\", \"baseUrl\": \"http://a\","
        + " \"maxConnections\": 4, \"verifyTls\": true}]}").get(0);
    assertEquals(NodeConfig.builder().name("a").baseUrl("http://a").maxConnections(4).build(), old);
  }

  @Test
  void retriesAndTheFrameLimitAreExportedOnlyWhenSetAndReadBack() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode plain = mapper.readTree(NodeJson.write(List.of(Nodes.full()), false)).get("nodes").get(0);
    for (String key : List.of("maxRetries", "retryBackoffMs", "maxFrameBytes")) {
      assertFalse(plain.has(key), key + " at its default is left out for older releases: " + plain);
    }
    NodeConfig tuned = Nodes.full().toBuilder()
        .maxRetries(0).retryBackoff(Duration.ofSeconds(1)).maxFrameBytes(1024).build();
    String json = NodeJson.write(List.of(tuned), true);
    JsonNode node = mapper.readTree(json).get("nodes").get(0);
    assertEquals(List.of(0L, 1000L, 1024L), List.of(node.get("maxRetries").longValue(),
        node.get("retryBackoffMs").longValue(), node.get("maxFrameBytes").longValue()));
    assertEquals(List.of(tuned), NodeJson.read(json));
    assertEquals(tuned.toBuilder().id(null).build(), NodeProperties.read(null, NodeProperties.write(tuned)));
  }

  @Test
  void theLimitsAgainstHostileServersAreExportedUnderTheirKeys() throws Exception {
    JsonNode node = new ObjectMapper().readTree(NodeJson.write(List.of(Nodes.full()), false)).get("nodes").get(0);
    assertEquals(64L * 1024 * 1024, node.get("maxLoadBytes").longValue());
    assertEquals(512, node.get("minTransferRate").longValue());
    assertEquals(45_000, node.get("rateWindowMs").longValue());
    assertTrue(node.get("otherOriginsAllowed").booleanValue());
  }

  @Test
  void anInvalidImportNamesTheNodeAndTheKey() {
    String good = "{\"name\": \"a\", \"baseUrl\": \"http://a\"}";
    assertKey("nodes[1].baseUrl", "{\"nodes\": [" + good + ", {\"name\": \"b\", \"baseUrl\": \"file:///b\"}]}");
    assertKey("nodes[0].authentication.type",
        "{\"nodes\": [{\"name\": \"a\", \"baseUrl\": \"http://a\", \"authentication\": {\"type\": \"NTLM\"}}]}");
    assertKey("nodes[0].authentication.user",
        "{\"nodes\": [{\"name\": \"a\", \"baseUrl\": \"http://a\", \"authentication\": {\"type\": \"BASIC\"}}]}");
    assertKey("nodes[0].retrieveConfiguration.stages[0].decimate", "{\"nodes\": [{\"name\": \"a\", \"baseUrl\":"
        + " \"http://a\", \"retrieveConfiguration\": {\"stages\": [{\"id\": \"s\", \"decimate\": 0}]}}]}");
    assertKey("nodes[0].maxConnections",
        "{\"nodes\": [{\"name\": \"a\", \"baseUrl\": \"http://a\", \"maxConnections\": 100}]}");
    assertKey("nodes[0].maxLoadBytes",
        "{\"nodes\": [{\"name\": \"a\", \"baseUrl\": \"http://a\", \"maxLoadBytes\": 0}]}");
    assertKey("nodes[0].minTransferRate",
        "{\"nodes\": [{\"name\": \"a\", \"baseUrl\": \"http://a\", \"minTransferRate\": \"fast\"}]}");
    assertKey("nodes[0].rateWindowMs",
        "{\"nodes\": [{\"name\": \"a\", \"baseUrl\": \"http://a\", \"rateWindowMs\": -1}]}");
    assertKey("nodes[0].otherOriginsAllowed",
        "{\"nodes\": [{\"name\": \"a\", \"baseUrl\": \"http://a\", \"otherOriginsAllowed\": 1}]}");
    assertKey("nodes[0].secrets", "{\"nodes\": [{\"name\": \"a\", \"baseUrl\": \"http://a\", \"secrets\": \"x\"}]}");
    assertKey("nodes", "{\"nodes\": {}}");
  }

  @Test
  void aDocumentThatIsNotJsonIsRejectedWithoutBeingEchoed() {
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> NodeJson.read("{\"nodes\": [{\"secret\": \"hunter2\""));
    assertEquals("json", e.key());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  private static void assertKey(String key, String json) {
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> NodeJson.read(json));
    assertEquals(key, e.key(), e.getMessage());
  }
}
