package org.weasis.progressive.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.weasis.progressive.ui.SwingDriver.awaitOnEdt;
import static org.weasis.progressive.ui.SwingDriver.click;
import static org.weasis.progressive.ui.SwingDriver.find;
import static org.weasis.progressive.ui.SwingDriver.onEdt;

import java.awt.GraphicsEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.text.JTextComponent;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.ProbeReport;
import org.weasis.progressive.ui.internal.CellForm;
import org.weasis.progressive.ui.internal.InMemoryNodeStore;
import org.weasis.progressive.ui.internal.NodeForm;

/** Builds the panel without a display and drives it through its named components. */
class ProgressivePreferencesPanelTest {
  private final InMemoryNodeStore store = new InMemoryNodeStore().with(
      NodeConfig.of("Orthanc", "http://orthanc:8042/dicom-web"),
      NodeConfig.of("dcm4chee", "https://pacs.example/rs"));
  private final NodeProbe probe = (settings, study, series) -> new ProbeReport(true, null, null, null, true,
      null, null, null, null, null, RetrieveConfiguration.single(), List.of("Single stage fits this node."));

  @Test
  void theTestsRunWithoutADisplay() {
    assertTrue(GraphicsEnvironment.isHeadless());
  }

  @Test
  void editingThroughTheComponentsStoresOnlyTheEditedNodeOnApply() throws Exception {
    onEdt(() -> {
      ProgressivePreferencesPanel panel = new ProgressivePreferencesPanel(store, probe);
      JTable nodes = find(panel, ProgressivePreferencesPanel.NODE_TABLE, JTable.class);
      assertEquals(2, nodes.getRowCount());

      nodes.setRowSelectionInterval(1, 1);
      assertEquals("dcm4chee", find(panel, NodeForm.NAME, JTextComponent.class).getText());
      nodes.setValueAt(true, 1, 0);
      find(panel, NodeForm.MAX_CONNECTIONS, JTextComponent.class).setText("3");
      click(panel, ProgressivePreferencesPanel.UPDATE);
      click(panel, ProgressivePreferencesPanel.APPLY);

      assertEquals(1, store.saved.size());
      NodeConfig saved = store.saved.getFirst();
      assertEquals("dcm4chee", saved.name());
      assertTrue(saved.progressive());
      assertEquals(3, saved.maxConnections());
    });
  }

  @Test
  void anInvalidCellIsShownInRedAndApplyStoresNothingUntilItIsFixed() throws Exception {
    onEdt(() -> {
      ProgressivePreferencesPanel panel = new ProgressivePreferencesPanel(store, probe);
      find(panel, ProgressivePreferencesPanel.PRESET, JComboBox.class).setSelectedItem(RetrieveConfiguration.SEQUENTIAL);
      JTable options = find(panel, ProgressivePreferencesPanel.OPTIONS_TABLE, JTable.class);
      assertEquals(2, options.getRowCount());
      assertEquals("singleFast", options.getValueAt(0, 0));

      options.changeSelection(0, 2, false, false);
      find(panel, CellForm.RANGE_INDEX, JTextComponent.class).setText("0");
      find(panel, CellForm.CHUNK_SIZE, JTextComponent.class).setText("0");
      click(panel, ProgressivePreferencesPanel.SET_CELL);
      JLabel validation = find(panel, ProgressivePreferencesPanel.VALIDATION, JLabel.class);
      assertTrue(validation.getText().startsWith(
          "retrieveOptions.singleFast.transferSyntaxes.1.2.840.10008.1.2.4.201.chunkSize = 0: "), validation.getText());
      assertEquals(0xB00020, validation.getForeground().getRGB() & 0xFFFFFF);
      click(panel, ProgressivePreferencesPanel.APPLY);
      assertTrue(store.saved.isEmpty());

      find(panel, CellForm.CHUNK_SIZE, JTextComponent.class).setText("8192");
      click(panel, ProgressivePreferencesPanel.SET_CELL);
      assertEquals("range 0 (8192 B)", options.getValueAt(0, 2));
      click(panel, ProgressivePreferencesPanel.APPLY);

      RetrieveOptions singleFast =
          store.saved.getFirst().retrieveConfiguration().retrieveOptions().get("singleFast");
      assertEquals(8192, singleFast.transferSyntaxes().get(TransferSyntax.HTJ2K_LOSSLESS).chunkSize());
    });
  }

  @Test
  void theLoadBudgetRateAndOtherOriginsAreEditedInMibKibAndSecondsAndStoredInBytesAndMillis() throws Exception {
    onEdt(() -> {
      ProgressivePreferencesPanel panel = new ProgressivePreferencesPanel(store, probe);
      assertEquals("512", find(panel, NodeForm.MAX_LOAD_BYTES, JTextComponent.class).getText());
      assertEquals("1", find(panel, NodeForm.MIN_TRANSFER_RATE, JTextComponent.class).getText());
      assertEquals("20", find(panel, NodeForm.RATE_WINDOW, JTextComponent.class).getText());
      assertFalse(find(panel, NodeForm.OTHER_ORIGINS_ALLOWED, JCheckBox.class).isSelected());

      find(panel, NodeForm.MAX_LOAD_BYTES, JTextComponent.class).setText("64");
      find(panel, NodeForm.MIN_TRANSFER_RATE, JTextComponent.class).setText("0.5");
      find(panel, NodeForm.RATE_WINDOW, JTextComponent.class).setText("45");
      find(panel, NodeForm.OTHER_ORIGINS_ALLOWED, JCheckBox.class).setSelected(true);
      click(panel, ProgressivePreferencesPanel.UPDATE);
      click(panel, ProgressivePreferencesPanel.APPLY);

      NodeConfig saved = store.saved.getFirst();
      assertEquals(64L * 1024 * 1024, saved.maxLoadBytes());
      assertEquals(512, saved.minTransferRate());
      assertEquals(Duration.ofSeconds(45), saved.rateWindow());
      assertTrue(saved.otherOriginsAllowed());
    });
  }

  @Test
  void anUnusableLoadBudgetIsShownNamingTheKeyAndApplyStoresNothing() throws Exception {
    onEdt(() -> {
      ProgressivePreferencesPanel panel = new ProgressivePreferencesPanel(store, probe);
      JLabel validation = find(panel, ProgressivePreferencesPanel.VALIDATION, JLabel.class);
      find(panel, NodeForm.MAX_LOAD_BYTES, JTextComponent.class).setText("lots");
      click(panel, ProgressivePreferencesPanel.UPDATE);
      assertEquals("maxLoadBytes = \"lots\": not a number", validation.getText());
      find(panel, NodeForm.MAX_LOAD_BYTES, JTextComponent.class).setText("0");
      click(panel, ProgressivePreferencesPanel.UPDATE);
      assertEquals("maxLoadBytes = 0: must be positive", validation.getText());
      find(panel, NodeForm.MAX_LOAD_BYTES, JTextComponent.class).setText("512");
      find(panel, NodeForm.RATE_WINDOW, JTextComponent.class).setText("0");
      click(panel, ProgressivePreferencesPanel.UPDATE);
      assertEquals("rateWindow = PT0S: must be a positive duration", validation.getText());
      click(panel, ProgressivePreferencesPanel.APPLY);
      assertTrue(store.saved.isEmpty());
    });
  }

  @Test
  void textWhereANumberBelongsIsNamedOnceWithItsValue() throws Exception {
    onEdt(() -> {
      ProgressivePreferencesPanel panel = new ProgressivePreferencesPanel(store, probe);
      find(panel, NodeForm.STALL_TIMEOUT, JTextComponent.class).setText("soon");
      click(panel, ProgressivePreferencesPanel.UPDATE);
      assertEquals("stallTimeout = \"soon\": not a whole number",
          find(panel, ProgressivePreferencesPanel.VALIDATION, JLabel.class).getText());
      click(panel, ProgressivePreferencesPanel.APPLY);
      assertTrue(store.saved.isEmpty());
    });
  }

  @Test
  void resetToDefaultsPutsTheDefaultPresetBack() throws Exception {
    onEdt(() -> {
      ProgressivePreferencesPanel panel = new ProgressivePreferencesPanel(store, probe);
      JComboBox<?> preset = find(panel, ProgressivePreferencesPanel.PRESET, JComboBox.class);
      preset.setSelectedItem(RetrieveConfiguration.SINGLE);
      click(panel, ProgressivePreferencesPanel.RESET);
      assertEquals(NodeConfig.DEFAULT_PRESET, preset.getSelectedItem());
      assertEquals(3, find(panel, ProgressivePreferencesPanel.OPTIONS_TABLE, JTable.class).getRowCount());
    });
  }

  @Test
  void testNodeShowsTheReportAndItsProposalCanBeUsed() throws Exception {
    AtomicReference<ProgressivePreferencesPanel> panel = new AtomicReference<>();
    onEdt(() -> {
      panel.set(new ProgressivePreferencesPanel(store, probe));
      click(panel.get(), ProgressivePreferencesPanel.TEST_NODE);
    });
    JTextArea report = find(panel.get(), ProgressivePreferencesPanel.REPORT, JTextArea.class);
    awaitOnEdt(() -> report.getText().contains("Single stage fits this node."));
    onEdt(() -> {
      click(panel.get(), ProgressivePreferencesPanel.USE_PROPOSAL);
      assertEquals(RetrieveConfiguration.SINGLE,
          find(panel.get(), ProgressivePreferencesPanel.PRESET, JComboBox.class).getSelectedItem());
    });
  }

  @Test
  void aPanelOverHostNodesNeitherAddsNorRemovesNodesAndLeavesTheirIdentityToTheHost() throws Exception {
    InMemoryNodeStore store = new InMemoryNodeStore().with(
        NodeConfig.of("Orthanc", "http://orthanc:8042/dicom-web"),
        NodeConfig.builder().name("dcm4chee").baseUrl("https://pacs.example/rs")
            .authentication(Authentication.headers(Map.of("X-Api-Key", "s3cret"))).build());
    onEdt(() -> {
      ProgressivePreferencesPanel panel = ProgressivePreferencesPanel.forHostNodes(store, probe);
      assertThrows(AssertionError.class, () -> find(panel, ProgressivePreferencesPanel.ADD, JButton.class));
      assertThrows(AssertionError.class, () -> find(panel, ProgressivePreferencesPanel.REMOVE, JButton.class));
      for (String owned : List.of(NodeForm.NAME, NodeForm.BASE_URL, NodeForm.AUTH_TYPE, NodeForm.HEADERS)) {
        assertFalse(find(panel, owned, JComponent.class).isEnabled(), owned);
      }
      assertTrue(find(panel, NodeForm.MAX_CONNECTIONS, JComponent.class).isEnabled());

      JTable nodes = find(panel, ProgressivePreferencesPanel.NODE_TABLE, JTable.class);
      nodes.setRowSelectionInterval(1, 1);
      String shown = find(panel, NodeForm.HEADERS, JTextComponent.class).getText();
      assertTrue(shown.startsWith("X-Api-Key: ") && !shown.contains("s3cret"), shown);
      nodes.setValueAt(true, 1, 0);
      find(panel, NodeForm.MAX_CONNECTIONS, JTextComponent.class).setText("2");
      click(panel, ProgressivePreferencesPanel.UPDATE);
      click(panel, ProgressivePreferencesPanel.APPLY);

      assertEquals(1, store.saved.size());
      NodeConfig saved = store.saved.getFirst();
      assertEquals("https://pacs.example/rs", saved.baseUrl());
      assertTrue(saved.progressive());
      assertEquals(2, saved.maxConnections());
      assertEquals(Map.of("X-Api-Key", "s3cret"), saved.authentication().headers());
    });
  }
}
