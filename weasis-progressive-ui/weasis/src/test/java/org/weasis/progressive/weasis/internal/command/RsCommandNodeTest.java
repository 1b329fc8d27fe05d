package org.weasis.progressive.weasis.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesLoadingStrategy;

class RsCommandNodeTest {

  @Test
  void aUrlOurNodeStoreKeepsUsesThatNodesSettingsWithProgressiveOn() {
    NodeConfig stored = NodeConfig.builder().name("PACS").baseUrl("https://pacs.example/dicom-web")
        .strategy(SeriesLoadingStrategy.NEAREST)
        .retrieveConfiguration(null, RetrieveConfiguration.sequential())
        .authentication(Authentication.bearer("secret")).build();

    NodeConfig node = RsCommand.nodeFor("https://pacs.example/dicom-web/", Map.of(), List.of(stored));

    assertTrue(node.progressive());
    assertEquals("PACS", node.name());
    assertEquals(SeriesLoadingStrategy.NEAREST, node.strategy());
    assertEquals(RetrieveConfiguration.SEQUENTIAL, node.preset());
    assertEquals("Bearer secret", node.requestHeaders().get("Authorization"));
  }

  @Test
  void anUnknownUrlGetsTheSequentialStagesWithProgressiveOnAndTheCommandsHeaders() {
    NodeConfig node = RsCommand.nodeFor("http://127.0.0.1:8042/dicom-web", Map.of("x-api-key", "k"), List.of());

    assertTrue(node.progressive());
    assertEquals("127.0.0.1", node.name());
    assertEquals(RetrieveConfiguration.SEQUENTIAL, node.preset());
    assertEquals(Map.of("x-api-key", "k"), node.requestHeaders());
  }

  @Test
  void theCommandsHeadersAreAddedToAStoredNodesAuthentication() {
    NodeConfig stored = NodeConfig.builder().name("PACS").baseUrl("https://pacs.example/dicom-web")
        .authentication(Authentication.bearer("secret")).build();

    NodeConfig node = RsCommand.nodeFor("https://pacs.example/dicom-web", Map.of("x-tenant", "t1"), List.of(stored));

    assertEquals("Bearer secret", node.requestHeaders().get("Authorization"));
    assertEquals("t1", node.requestHeaders().get("x-tenant"));
  }
}
