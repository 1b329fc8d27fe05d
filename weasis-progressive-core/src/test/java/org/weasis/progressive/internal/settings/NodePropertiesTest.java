package org.weasis.progressive.internal.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;

class NodePropertiesTest {
  private static final String PID = "org.weasis.progressive.node~x";

  @Test
  void aNodeSurvivesTheRoundTripThroughConfigAdminProperties() {
    for (NodeConfig node : List.of(Nodes.full(), Nodes.custom())) {
      assertEquals(node, NodeProperties.read(node.id(), NodeProperties.write(node)), node.name());
    }
  }

  @Test
  void theRetrieveConfigurationIsStoredAsCornerstoneJsonInOneProperty() {
    Map<String, Object> d = NodeProperties.write(Nodes.full());
    String json = (String) d.get("retrieveConfiguration");
    assertEquals(Nodes.full().retrieveConfiguration(), RetrieveConfiguration.fromJson(json));
    assertTrue(json.contains("\"transferSyntaxes\""), json);
    assertEquals("sequential", d.get("preset"));
    assertArrayEquals(new String[] {"X-Api-Key: " + Nodes.API_KEY, "X-Site: site-secret-9"}, (String[]) d.get("authHeaders"));
    assertEquals(1500L, d.get("connectTimeoutMs"));
  }

  @Test
  void propertiesWrittenAsTextByAConsoleOrAFileAreRead() {
    Hashtable<String, Object> d = new Hashtable<>();
    d.put("name", "Text");
    d.put("baseUrl", "http://127.0.0.1:8042/dicom-web");
    d.put("authType", "bearer");
    d.put("authSecret", "tok");
    d.put("authHeaders", "X-Api-Key: k1");
    d.put("progressive", "true");
    d.put("maxConnections", "4");
    d.put("stallTimeoutMs", "2500");
    d.put("verifyTls", "false");
    d.put("maxLoadBytes", "1048576");
    d.put("minTransferRate", "0");
    d.put("rateWindowMs", "5000");
    d.put("otherOriginsAllowed", "true");
    NodeConfig node = NodeProperties.read(PID, d);
    assertEquals(Authentication.bearer("tok").withHeaders(Map.of("X-Api-Key", "k1")), node.authentication());
    assertTrue(node.progressive());
    assertEquals(4, node.maxConnections());
    assertEquals(Duration.ofMillis(2500), node.stallTimeout());
    assertFalse(node.verifyTls());
    assertEquals(List.of(1_048_576L, 0L), List.of(node.maxLoadBytes(), node.minTransferRate()));
    assertEquals(Duration.ofSeconds(5), node.rateWindow());
    assertTrue(node.otherOriginsAllowed());
    assertEquals(PID, node.id());
  }

  @Test
  void missingPropertiesTakeTheDefaultsTheMetatypeShows() {
    Hashtable<String, Object> d = new Hashtable<>();
    d.put("baseUrl", "http://127.0.0.1:8042/dicom-web");
    NodeConfig node = NodeProperties.read(PID, d);
    assertEquals(NodeConfig.builder().id(PID).name("http://127.0.0.1:8042/dicom-web")
        .baseUrl("http://127.0.0.1:8042/dicom-web").build(),
        node);
  }

  @Test
  void anUnusablePropertyIsNamedWithItsValue() {
    assertRejected("maxConnections", "0", Map.of("maxConnections", 0));
    assertRejected("maxConnections", "\"many\"", Map.of("maxConnections", "many"));
    assertRejected("strategy", "\"fastest\"", Map.of("strategy", "fastest"));
    assertRejected("authType", "\"KERBEROS\"", Map.of("authType", "KERBEROS"));
    assertRejected("progressive", "\"yes\"", Map.of("progressive", "yes"));
    assertRejected("connectTimeoutMs", "0", Map.of("connectTimeoutMs", 0L));
    assertRejected("authUser", "null", Map.of("authType", "BASIC"));
    assertRejected("maxLoadBytes", "0", Map.of("maxLoadBytes", 0L));
    assertRejected("maxLoadBytes", "\"512M\"", Map.of("maxLoadBytes", "512M"));
    assertRejected("minTransferRate", "-1", Map.of("minTransferRate", -1L));
    assertRejected("rateWindowMs", "0", Map.of("rateWindowMs", 0L));
    assertRejected("otherOriginsAllowed", "\"maybe\"", Map.of("otherOriginsAllowed", "maybe"));
    assertRejected("retrieveConfiguration.retrieveOptions.single.decodeLevel", "99", Map.of("preset", "single",
        "retrieveConfiguration", "{\"stages\":[{\"id\":\"initialImages\",\"retrieveType\":\"single\"}],"
            + "\"retrieveOptions\":{\"single\":{\"decodeLevel\":99}}}"));
  }

  @Test
  void aBrokenSecretPropertyIsNamedWithoutShowingIt() {
    InvalidConfigurationException e = rejected(Map.of("authHeaders", new String[] {"token-without-a-name"}));
    assertEquals("authHeaders[0]", e.key());
    assertFalse(e.getMessage().contains("token-without-a-name"), e.getMessage());
  }

  @Test
  void theSkipWarningNamesThePidTheKeyAndTheValue() {
    InvalidConfigurationException e = rejected(Map.of("maxConnections", 99));
    String warning = NodeProperties.skipWarning(PID, e);
    assertTrue(warning.contains(PID) && warning.contains("maxConnections") && warning.contains("99"), warning);
  }

  @Test
  void absentSecretsAreNotStoredAsEmptyProperties() {
    Map<String, Object> d = NodeProperties.write(NodeConfig.of("n", "http://h"));
    assertNull(d.get("authSecret"));
    assertNull(d.get("authHeaders"));
    assertNull(d.get("authUser"));
  }

  private static void assertRejected(String key, String value, Map<String, Object> properties) {
    InvalidConfigurationException e = rejected(properties);
    assertEquals(key, e.key(), e.getMessage());
    assertEquals(value, e.value(), e.getMessage());
  }

  private static InvalidConfigurationException rejected(Map<String, Object> properties) {
    Hashtable<String, Object> d = new Hashtable<>();
    d.put("name", "n");
    d.put("baseUrl", "http://127.0.0.1:8042/dicom-web");
    d.putAll(properties);
    return assertThrows(InvalidConfigurationException.class, () -> NodeProperties.read(PID, d));
  }
}
