package org.weasis.progressive.weasis.internal.pref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.NodeConfig;

class NodeKeyTest {
  @Test
  void aWeasisNodeAndItsStoredSettingsHaveTheSameKeyWhateverTrailingSlashWeasisKept() {
    WeasisWebNode weasis = new WeasisWebNode("PACS", "http://pacs:8042/dicom-web/", Map.of(), null);
    NodeConfig stored = NodeConfig.of("PACS", "http://pacs:8042/dicom-web/");
    assertEquals(new NodeKey("http://pacs:8042/dicom-web", "PACS"), NodeKey.of(weasis));
    assertEquals(NodeKey.of(weasis), NodeKey.of(stored));
  }

  @Test
  void twoNodesWithOneUrlAndDifferentDescriptionsAreDifferentNodes() {
    assertNotEquals(NodeKey.of(new WeasisWebNode("Reader", "http://pacs/rs", Map.of(), null)),
        NodeKey.of(new WeasisWebNode("Admin", "http://pacs/rs", Map.of(), null)));
  }

  @Test
  void aNodeWithoutDescriptionIsNamedByItsUrl() {
    assertEquals(new NodeKey("http://pacs/rs", "http://pacs/rs"),
        NodeKey.of(new WeasisWebNode(" ", "http://pacs/rs", Map.of(), null)));
  }
}
