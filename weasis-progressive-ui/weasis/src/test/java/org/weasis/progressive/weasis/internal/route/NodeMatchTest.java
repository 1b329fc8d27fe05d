package org.weasis.progressive.weasis.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.weasis.internal.pref.ProgressiveNode;
import org.weasis.progressive.weasis.internal.pref.WeasisWebNode;

class NodeMatchTest {
  private static ProgressiveNode node(String name, String url, Map<String, String> headers) {
    return new ProgressiveNode(new WeasisWebNode(name, url, headers, null), NodeConfig.of(name, url));
  }

  private static String match(List<ProgressiveNode> nodes, String baseUrl, Map<String, String> headers) {
    return NodeMatch.find(nodes, baseUrl, headers).map(found -> found.config().name()).orElse("none");
  }

  private final List<ProgressiveNode> nodes = List.of(
      node("Server", "http://pacs:8080", Map.of()),
      node("DICOMweb", "http://PACS:8080/dicom-web/", Map.of()),
      node("TLS", "https://pacs/rs", Map.of()));

  @Test
  void theNodeWithTheLongestUrlThatIsTheSeriesRootOrAPrefixOfItIsTheOne() {
    assertEquals("DICOMweb", match(nodes, "http://pacs:8080/dicom-web", Map.of()));
    assertEquals("DICOMweb", match(nodes, "http://pacs:8080/dicom-web/aets/A", Map.of()));
    assertEquals("Server", match(nodes, "http://pacs:8080/other", Map.of()));
  }

  @Test
  void aPathThatOnlyStartsWithTheSameLettersIsNotUnderTheNode() {
    assertEquals("Server", match(nodes, "http://pacs:8080/dicom-web2", Map.of()));
  }

  @Test
  void schemeHostCaseAndDefaultPortsCompareAsTheSameOrigin() {
    assertEquals("TLS", match(nodes, "HTTPS://pacs:443/rs", Map.of()));
    assertEquals("none", match(nodes, "http://pacs/rs", Map.of()));
    assertEquals("none", match(nodes, "http://pacs:8081/dicom-web", Map.of()));
  }

  @Test
  void ofTwoNodesWithOneUrlTheOneWhoseHeadersTheLoadSendsWins() {
    List<ProgressiveNode> twins = List.of(
        node("Reader", "http://pacs/rs", Map.of("X-Role", "reader")),
        node("Admin", "http://pacs/rs", Map.of("X-Role", "admin")));
    assertEquals("Admin", match(twins, "http://pacs/rs", Map.of("x-role", "admin")));
    assertEquals("Reader", match(twins, "http://pacs/rs", Map.of()));
  }

  @Test
  void anUnreadableUrlMatchesNothing() {
    Optional<ProgressiveNode> none = NodeMatch.find(nodes, "not a url", Map.of());
    assertTrue(none.isEmpty());
  }
}
