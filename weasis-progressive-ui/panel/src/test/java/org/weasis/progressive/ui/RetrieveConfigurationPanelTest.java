package org.weasis.progressive.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.weasis.progressive.ui.SwingDriver.click;
import static org.weasis.progressive.ui.SwingDriver.find;
import static org.weasis.progressive.ui.SwingDriver.onEdt;
import static org.weasis.progressive.ui.SwingDriver.type;
import static org.weasis.progressive.ui.SwingDriver.typeInCell;

import java.util.List;
import java.util.Map;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.text.JTextComponent;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.ui.internal.CellForm;
import org.weasis.progressive.ui.internal.InMemoryNodeStore;
import org.weasis.progressive.ui.internal.JsonEditor;
import org.weasis.progressive.ui.internal.RetrieveEditor;
import org.weasis.progressive.ui.internal.StageRow.Field;

/** Stages, Accept, URL arguments and JSON edited through the panel's own components, without a display. */
class RetrieveConfigurationPanelTest {
  private static final int POSITIONS = Field.POSITIONS.ordinal();
  private static final int RETRIEVE_TYPE = Field.RETRIEVE_TYPE.ordinal();
  private static final String JLS_ACCEPT = "multipart/related; type=\"image/jls\"";

  private final InMemoryNodeStore store = new InMemoryNodeStore().with(
      NodeConfig.of("Orthanc", "http://orthanc:8042/dicom-web"),
      NodeConfig.of("dcm4chee", "https://pacs.example/rs"));
  private ProgressivePreferencesPanel panel;

  @Test
  void aStageAddedTypedAndMovedWithItsOptionsIsStoredAsACustomConfiguration() throws Exception {
    onEdt(() -> {
      openPanelOnSecondNode();
      find(panel, RetrieveEditor.PRESET, JComboBox.class).setSelectedItem(RetrieveConfiguration.SEQUENTIAL);
      JTable stages = find(panel, RetrieveEditor.STAGES_TABLE, JTable.class);
      click(panel, RetrieveEditor.ADD_STAGE);
      assertEquals(3, stages.getRowCount());
      typeInCell(stages, 2, RETRIEVE_TYPE, "jlsFull");
      stages.setRowSelectionInterval(2, 2);
      click(panel, RetrieveEditor.MOVE_UP);
      assertEquals(NodeConfig.CUSTOM, selectedPreset());

      JTable options = find(panel, RetrieveEditor.OPTIONS_TABLE, JTable.class);
      assertEquals("jlsFull", options.getValueAt(1, 0));
      options.changeSelection(1, 3, false, false);
      type(panel, CellForm.ACCEPT, JLS_ACCEPT);
      type(panel, CellForm.URL_ARGUMENTS, "quality=90&size=512");
      click(panel, RetrieveEditor.SET_CELL);
      click(panel, ProgressivePreferencesPanel.APPLY);
    });

    NodeConfig saved = store.saved.getFirst();
    assertEquals("dcm4chee", saved.name());
    assertEquals(NodeConfig.CUSTOM, saved.preset());
    RetrieveOptions jls = RetrieveOptions.builder()
        .urlArguments("quality=90&size=512")
        .accept(JLS_ACCEPT)
        .build();
    assertEquals(new RetrieveConfiguration(
        List.of(RetrieveStage.of("lossySequential", "singleFast"), RetrieveStage.of("stage3", "jlsFull"),
            RetrieveStage.of("finalSequential", "singleFinal")),
        Map.of("jlsFull", RetrieveOptions.builder()
            .transferSyntaxes(Map.of(TransferSyntax.JPEG_LS_LOSSLESS, jls))
            .build())),
        saved.retrieveConfiguration());
  }

  @Test
  void aBadPositionIsNamedInRedWithApplyOffAndNothingStoredUntilFixed() throws Exception {
    onEdt(() -> {
      openPanelOnSecondNode();
      JTable stages = find(panel, RetrieveEditor.STAGES_TABLE, JTable.class);
      typeInCell(stages, 2, POSITIONS, "0.5, a");
      JLabel validation = find(panel, ProgressivePreferencesPanel.VALIDATION, JLabel.class);
      assertEquals("stages[2].positions = \"a\": not a number", validation.getText());
      assertEquals(0xB00020, validation.getForeground().getRGB() & 0xFFFFFF);
      assertFalse(find(panel, ProgressivePreferencesPanel.APPLY, AbstractButton.class).isEnabled());
      panel.apply();
      assertTrue(store.saved.isEmpty());

      typeInCell(stages, 2, POSITIONS, "0.5");
      assertEquals(" ", validation.getText());
      click(panel, ProgressivePreferencesPanel.APPLY);
    });
    assertEquals(List.of(0.5), store.saved.getFirst().retrieveConfiguration().stages().get(2).positions());
  }

  @Test
  void removingTheLastStagesOfARowWithOptionsFlagsItUntilDropped() throws Exception {
    onEdt(() -> {
      openPanelOnSecondNode();
      JTable options = find(panel, RetrieveEditor.OPTIONS_TABLE, JTable.class);
      options.changeSelection(1, 1, false, false);
      find(panel, CellForm.STREAMING, AbstractButton.class).setSelected(true);
      click(panel, RetrieveEditor.SET_CELL);
      JTable stages = find(panel, RetrieveEditor.STAGES_TABLE, JTable.class);
      stages.setRowSelectionInterval(1, 1);
      click(panel, RetrieveEditor.REMOVE_STAGE);
      click(panel, RetrieveEditor.REMOVE_STAGE);

      assertEquals(6, stages.getRowCount());
      assertEquals("multipleFast (unused)", options.getValueAt(2, 0));
      click(panel, RetrieveEditor.DROP_UNUSED);
      assertEquals(2, options.getRowCount());
      assertFalse(find(panel, RetrieveEditor.DROP_UNUSED, AbstractButton.class).isEnabled());
    });
  }

  @Test
  void editAsJsonRefusesABadPasteByNameAndAppliesAGoodOne() throws Exception {
    String json = """
        {"stages": [{"id": "thumbs", "retrieveType": "fast", "decimate": 2},
                    {"id": "full", "retrieveType": "final"}],
         "retrieveOptions": {"fast": {"framesPath": "/jlsThumbnail/", "urlArguments": "size=128"}}}""";
    onEdt(() -> {
      openPanelOnSecondNode();
      click(panel, RetrieveEditor.EDIT_JSON);
      JTextComponent text = find(panel, JsonEditor.TEXT, JTextComponent.class);
      assertTrue(text.getText().contains("\"initialImages\""), text.getText());
      assertFalse(find(panel, ProgressivePreferencesPanel.APPLY, AbstractButton.class).isEnabled());

      text.setText("{\"stages\": [{\"id\": \"a\"}, {\"id\": \"b\", \"decimate\": 0}]}");
      JLabel message = find(panel, JsonEditor.MESSAGE, JLabel.class);
      assertEquals("stages[1].decimate = 0: must be 1 or more", message.getText());
      assertEquals(0xB00020, message.getForeground().getRGB() & 0xFFFFFF);
      assertFalse(find(panel, JsonEditor.APPLY, AbstractButton.class).isEnabled());

      text.setText(json);
      click(panel, JsonEditor.APPLY);
      assertEquals(2, find(panel, RetrieveEditor.STAGES_TABLE, JTable.class).getRowCount());
      assertEquals(NodeConfig.CUSTOM, selectedPreset());
      click(panel, ProgressivePreferencesPanel.APPLY);
    });
    assertEquals(RetrieveConfiguration.fromJson(json), store.saved.getFirst().retrieveConfiguration());
  }

  @Test
  void cancellingTheJsonEditorChangesNothing() throws Exception {
    onEdt(() -> {
      openPanelOnSecondNode();
      click(panel, RetrieveEditor.EDIT_JSON);
      find(panel, JsonEditor.TEXT, JTextComponent.class).setText(RetrieveConfiguration.single().toJson());
      click(panel, JsonEditor.CANCEL);
      assertEquals(RetrieveConfiguration.INTERLEAVED, selectedPreset());
      assertTrue(find(panel, ProgressivePreferencesPanel.APPLY, AbstractButton.class).isEnabled());
      click(panel, ProgressivePreferencesPanel.APPLY);
    });
    assertTrue(store.saved.isEmpty());
  }

  @Test
  void resetToDefaultsPutsThePresetStagesBackAfterCustomEdits() throws Exception {
    onEdt(() -> {
      openPanelOnSecondNode();
      click(panel, RetrieveEditor.ADD_STAGE);
      typeInCell(find(panel, RetrieveEditor.STAGES_TABLE, JTable.class), 8, POSITIONS, "x");
      click(panel, ProgressivePreferencesPanel.RESET);

      assertEquals(8, find(panel, RetrieveEditor.STAGES_TABLE, JTable.class).getRowCount());
      assertEquals(RetrieveConfiguration.INTERLEAVED, selectedPreset());
      assertEquals(" ", find(panel, ProgressivePreferencesPanel.VALIDATION, JLabel.class).getText());
    });
  }

  private Object selectedPreset() {
    return find(panel, RetrieveEditor.PRESET, JComboBox.class).getSelectedItem();
  }

  private void openPanelOnSecondNode() {
    panel = new ProgressivePreferencesPanel(store, (settings, study, series) -> {
      throw new AssertionError("not probed here");
    });
    find(panel, ProgressivePreferencesPanel.NODE_TABLE, JTable.class).setRowSelectionInterval(1, 1);
  }
}
