package org.weasis.progressive.weasis.internal.pref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.ui.internal.PreferencesModel;

class WeasisNodeStoreTest {
  private final List<WeasisWebNode> weasis = new ArrayList<>(List.of(
      new WeasisWebNode("Orthanc", "http://127.0.0.1:8042/dicom-web/", Map.of("X-Api-Key", "k1"), null),
      new WeasisWebNode("Cloud", "https://pacs.example/rs", Map.of(), null)));
  private final MapNodeStore settings = new MapNodeStore();
  private final WeasisNodeStore store = new WeasisNodeStore(() -> weasis, settings);

  @Test
  void everyWeasisNodeIsListedInWeasisOrderWithProgressiveOffUntilSettingsAreStored() throws Exception {
    List<NodeConfig> nodes = store.list();
    assertEquals(List.of("Orthanc", "Cloud"), nodes.stream().map(NodeConfig::name).toList());
    NodeConfig orthanc = nodes.getFirst();
    assertEquals("http://127.0.0.1:8042/dicom-web", orthanc.baseUrl());
    assertFalse(orthanc.progressive());
    assertNull(orthanc.id());
    assertEquals(Authentication.headers(Map.of("X-Api-Key", "k1")), orthanc.authentication());
    assertEquals(Authentication.none(), nodes.get(1).authentication());
  }

  @Test
  void savedSettingsAreKeptUnderTheNodeKeyWithoutWeasisHeadersAndReadBackWithThem() throws Exception {
    NodeConfig saved = store.save(store.list().getFirst().toBuilder().progressive(true).build());

    NodeConfig kept = settings.nodes.get(saved.id());
    assertEquals(Authentication.none(), kept.authentication());
    assertEquals(NodeKey.of(weasis.getFirst()), NodeKey.of(kept));
    NodeConfig listed = store.list().getFirst();
    assertTrue(listed.progressive());
    assertEquals(saved.id(), listed.id());
    assertEquals(Map.of("X-Api-Key", "k1"), listed.authentication().headers());
  }

  @Test
  void aNodeSavedWithoutIdUpdatesTheSettingsAlreadyKeptForItsKey() throws Exception {
    store.save(store.list().get(1).toBuilder().progressive(true).build());
    store.save(NodeConfig.builder().name("Cloud").baseUrl("https://pacs.example/rs").maxConnections(2).build());
    assertEquals(1, settings.nodes.size());
    assertEquals(2, store.list().get(1).maxConnections());
  }

  @Test
  void headersChangedInWeasisAreWhatTheNextReadSends() throws Exception {
    store.save(store.list().getFirst().toBuilder().progressive(true).build());
    weasis.set(0, new WeasisWebNode("Orthanc", "http://127.0.0.1:8042/dicom-web", Map.of("X-Api-Key", "k2"), null));
    assertEquals(Map.of("X-Api-Key", "k2"), store.list().getFirst().authentication().headers());
  }

  @Test
  void aNodeRenamedInWeasisStartsOverWithProgressiveOff() throws Exception {
    store.save(store.list().getFirst().toBuilder().progressive(true).build());
    weasis.set(0, new WeasisWebNode("Orthanc 2", "http://127.0.0.1:8042/dicom-web", Map.of(), null));
    assertFalse(store.list().getFirst().progressive());
  }

  @Test
  void aNodeWhoseHeadersNodeConfigRefusesIsLeftOutAndTheOthersStay() throws Exception {
    weasis.add(new WeasisWebNode("Broken", "http://broken/rs", Map.of("bad name", "x"), null));
    assertEquals(List.of("Orthanc", "Cloud"), store.list().stream().map(NodeConfig::name).toList());
  }

  @Test
  void thePagesModelAppliesOnlyTheEditedNodeAndResetKeepsWhatWeasisOwns() throws Exception {
    PreferencesModel page = new PreferencesModel(store, (settings, study, series) -> null);
    page.load();
    page.toggleProgressive(0);
    page.select(0);
    page.choosePreset(RetrieveConfiguration.SINGLE);
    assertEquals(1, page.apply());
    assertEquals(1, settings.saved.size());
    assertTrue(settings.saved.getFirst().progressive());
    assertEquals(RetrieveConfiguration.SINGLE, settings.saved.getFirst().preset());

    page.resetToDefaults();
    NodeConfig reset = page.selectedNode();
    assertFalse(reset.progressive());
    assertEquals(NodeConfig.DEFAULT_PRESET, reset.preset());
    assertEquals("Orthanc", reset.name());
    assertEquals(Map.of("X-Api-Key", "k1"), reset.authentication().headers());
    page.apply();
    assertFalse(store.list().getFirst().progressive());
    assertEquals(1, settings.nodes.size());
  }
}
