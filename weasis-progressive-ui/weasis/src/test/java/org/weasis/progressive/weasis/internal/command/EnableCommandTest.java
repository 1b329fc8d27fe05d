package org.weasis.progressive.weasis.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.weasis.internal.pref.MapNodeStore;
import org.weasis.progressive.weasis.internal.pref.WeasisNodeStore;
import org.weasis.progressive.weasis.internal.pref.WeasisWebNode;

class EnableCommandTest {
  private final MapNodeStore settings = new MapNodeStore();
  private final WeasisNodeStore store = new WeasisNodeStore(() -> List.of(
      new WeasisWebNode("Local demo server", "http://127.0.0.1:8080/", Map.of("X-Api-Key", "k1"), null),
      new WeasisWebNode("Other", "https://pacs.example/rs", Map.of(), null)), settings);

  @Test
  void aWeasisNodeNeverConfiguredIsStoredProgressiveWithTheRetrieveConfigurationOfProgressiveRs() throws Exception {
    List<NodeConfig> enabled = EnableCommand.enable(store, "http://127.0.0.1:8080");

    assertEquals(1, enabled.size());
    NodeConfig kept = settings.list().getFirst();
    assertEquals(1, settings.list().size(), "only the node of that URL is stored");
    assertTrue(kept.progressive());
    assertEquals("Local demo server", kept.name());
    assertEquals("http://127.0.0.1:8080", kept.baseUrl());
    assertEquals(AdHocConfiguration.sequential(), kept.retrieveConfiguration());
    assertFalse(kept.requestHeaders().containsKey("X-Api-Key"), "Weasis' headers stay out of our store");
    // The preferences page lists it on, as the user would have ticked it.
    assertTrue(store.nodes().getFirst().config().progressive());
    assertFalse(store.nodes().get(1).config().progressive());
  }

  @Test
  void aNodeConfiguredBeforeKeepsItsRetrieveConfiguration() throws Exception {
    store.save(store.nodes().getFirst().config().toBuilder().retrieveConfiguration(null, RetrieveConfiguration.interleaved())
        .build());

    EnableCommand.enable(store, "http://127.0.0.1:8080/");

    assertEquals(1, settings.list().size(), "the node's settings are updated in place");
    assertTrue(settings.list().getFirst().progressive());
    assertEquals(RetrieveConfiguration.interleaved(), settings.list().getFirst().retrieveConfiguration());
  }

  @Test
  void noWeasisNodeWithThatUrlChangesNothing() throws Exception {
    assertTrue(EnableCommand.enable(store, "http://127.0.0.1:9999").isEmpty());
    assertTrue(settings.list().isEmpty());
  }

  @Test
  void theUrlIsGivenWithUrlOrAlone() {
    assertEquals("http://h/rs", EnableCommand.url(new String[] {"--url", "http://h/rs"}));
    assertEquals("http://h/rs", EnableCommand.url(new String[] {"http://h/rs"}));
    assertNull(EnableCommand.url(new String[] {}));
    assertNull(EnableCommand.url(new String[] {"--url"}));
  }
}
