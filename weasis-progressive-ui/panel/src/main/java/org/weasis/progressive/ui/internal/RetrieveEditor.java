package org.weasis.progressive.ui.internal;

import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import javax.swing.BorderFactory;
import javax.swing.DefaultCellEditor;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.UIManager;
import javax.swing.table.DefaultTableCellRenderer;
import org.weasis.progressive.api.RequestType;
import org.weasis.progressive.ui.internal.StageRow.Field;

/**
 * The selected node's retrieve configuration: preset, stages, the retrieveType × transfer-syntax options
 * and "Edit as JSON…". Kept out of the public panel so that the panel stays the bundle's one public class
 * and reads as the outline of the page.
 */
public final class RetrieveEditor {
  public static final String PRESET = "preset";
  public static final String EDIT_JSON = "editJson";
  public static final String STAGES_TABLE = "stages";
  public static final String ADD_STAGE = "addStage";
  public static final String REMOVE_STAGE = "removeStage";
  public static final String MOVE_UP = "moveStageUp";
  public static final String MOVE_DOWN = "moveStageDown";
  public static final String OPTIONS_TABLE = "options";
  public static final String SET_CELL = "setCell";
  public static final String DROP_UNUSED = "dropUnused";

  public static final String TEXT_PRESET = "Preset";
  public static final String TEXT_EDIT_JSON = "Edit as JSON…";
  public static final String TEXT_STAGES =
      "Stages, in the order they are queued (editing one makes the configuration custom)";
  public static final String TEXT_STAGES_HINT = "positions: 0.5 middle, 0 first, -1 last (decimate/offset then unused)"
      + " · nearbyFrames: offset:imageQualityStatus, e.g. -1:3, 2:1";
  public static final String TEXT_ADD_STAGE = "Add";
  public static final String TEXT_REMOVE_STAGE = "Remove";
  public static final String TEXT_MOVE_UP = "Move up";
  public static final String TEXT_MOVE_DOWN = "Move down";
  public static final String TEXT_OPTIONS = "Options per retrieveType and transfer syntax (select a cell to edit it)";
  public static final String TEXT_SET_CELL = "Set cell";
  public static final String TEXT_DROP_UNUSED = "Drop unused rows";

  private static final String TABLES = "tables";
  private static final String JSON = "json";

  private final PreferencesModel model;
  /** Told after every change, so that the page shows the validation message and enables Apply. */
  private final Runnable edited;
  private final JComboBox<String> presetCombo = new JComboBox<>(PreferencesModel.PRESETS.toArray(String[]::new));
  private final JButton editJson = button(TEXT_EDIT_JSON, EDIT_JSON, this::openJson);
  private final StagesTableModel stagesModel;
  private final JTable stagesTable;
  private final JButton removeStage = button(TEXT_REMOVE_STAGE, REMOVE_STAGE, this::removeStage);
  private final JButton moveUp = button(TEXT_MOVE_UP, MOVE_UP, () -> moveStage(-1));
  private final JButton moveDown = button(TEXT_MOVE_DOWN, MOVE_DOWN, () -> moveStage(+1));
  private final OptionsTableModel optionsModel;
  private final JTable optionsTable;
  private final CellForm cellForm = new CellForm();
  private final JButton dropUnused = button(TEXT_DROP_UNUSED, DROP_UNUSED, this::dropUnused);
  private final JsonEditor jsonEditor = new JsonEditor(this::applyJson, this::closeJson);
  private final CardLayout cards = new CardLayout();
  private final JPanel cardPanel = new JPanel(cards);
  private final JPanel panel = new JPanel(new BorderLayout(4, 4));
  /** True while the editor itself updates components, so that their listeners do not edit the model. */
  private boolean refreshing;
  private boolean editingJson;

  public RetrieveEditor(PreferencesModel model, Runnable edited) {
    this.model = model;
    this.edited = edited;
    stagesModel = new StagesTableModel(model, this::stagesEdited);
    stagesTable = new JTable(stagesModel);
    optionsModel = new OptionsTableModel(model);
    optionsTable = new JTable(optionsModel);
    JPanel tables = new JPanel(new BorderLayout(4, 4));
    tables.add(buildStages(), BorderLayout.CENTER);
    tables.add(buildOptions(), BorderLayout.SOUTH);
    cardPanel.add(tables, TABLES);
    cardPanel.add(jsonEditor.panel(), JSON);
    panel.add(buildPresetRow(), BorderLayout.NORTH);
    panel.add(cardPanel, BorderLayout.CENTER);
  }

  public JPanel panel() {
    return panel;
  }

  /** True while "Edit as JSON…" is open: its text is not the node's until applied. */
  public boolean isEditingJson() {
    return editingJson;
  }

  /** Shows the selected node (after selection, reset, apply or a proposal), closing the JSON editor. */
  public void refresh() {
    // A cell still being typed in belongs to the node shown before; it must not land in this one.
    if (stagesTable.isEditing()) {
      stagesTable.getCellEditor().cancelCellEditing();
    }
    showCard(TABLES);
    refreshing = true;
    try {
      boolean hasNode = model.selectedIndex() >= 0;
      if (hasNode) {
        presetCombo.setSelectedItem(model.preset());
      }
      presetCombo.setEnabled(hasNode);
      stagesModel.reload();
      optionsModel.reload();
    } finally {
      refreshing = false;
    }
    updateButtons();
  }

  // ---- building ----

  private JPanel buildPresetRow() {
    presetCombo.setName(PRESET);
    presetCombo.addActionListener(e -> choosePreset());
    JPanel row = new JPanel(new FlowLayout(FlowLayout.LEADING));
    row.add(new JLabel(TEXT_PRESET));
    row.add(presetCombo);
    row.add(editJson);
    return row;
  }

  private JPanel buildStages() {
    stagesTable.setName(STAGES_TABLE);
    stagesTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    // A value typed and left by clicking elsewhere (Apply, say) is kept rather than lost.
    stagesTable.putClientProperty("terminateEditOnFocusLost", Boolean.TRUE);
    stagesTable.setDefaultRenderer(Object.class, new IgnoredCellRenderer());
    stagesTable.getColumnModel().getColumn(Field.REQUEST_TYPE.ordinal()).setCellEditor(requestTypeEditor());
    stagesTable.getSelectionModel().addListSelectionListener(e -> updateButtons());
    stagesTable.setPreferredScrollableViewportSize(new Dimension(640, stagesTable.getRowHeight() * 6));
    setColumnWidths(stagesTable, 105, 105, 85, 72, 52, 58, 85, 115);
    JPanel buttons = new JPanel(new GridLayout(0, 1, 0, 4));
    buttons.add(button(TEXT_ADD_STAGE, ADD_STAGE, this::addStage));
    buttons.add(removeStage);
    buttons.add(moveUp);
    buttons.add(moveDown);
    JPanel side = new JPanel(new BorderLayout());
    side.add(buttons, BorderLayout.NORTH);
    JLabel hint = new JLabel(TEXT_STAGES_HINT);
    hint.setFont(hint.getFont().deriveFont(hint.getFont().getSize2D() - 1));
    JPanel stages = new JPanel(new BorderLayout(4, 2));
    stages.setBorder(BorderFactory.createTitledBorder(TEXT_STAGES));
    stages.add(new JScrollPane(stagesTable), BorderLayout.CENTER);
    stages.add(side, BorderLayout.EAST);
    stages.add(hint, BorderLayout.SOUTH);
    return stages;
  }

  private JPanel buildOptions() {
    optionsTable.setName(OPTIONS_TABLE);
    optionsTable.setCellSelectionEnabled(true);
    optionsTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    optionsTable.getSelectionModel().addListSelectionListener(e -> showSelectedCell());
    optionsTable.getColumnModel().getSelectionModel().addListSelectionListener(e -> showSelectedCell());
    optionsTable.setPreferredScrollableViewportSize(new Dimension(640, optionsTable.getRowHeight() * 4));
    setColumnWidths(optionsTable, 170, 120, 120, 120, 120);
    optionsTable.setDefaultRenderer(Object.class, new SummaryRenderer());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING));
    buttons.add(dropUnused);
    buttons.add(button(TEXT_SET_CELL, SET_CELL, this::setCell));
    JPanel form = new JPanel(new BorderLayout());
    form.add(cellForm.panel(), BorderLayout.NORTH);
    form.add(buttons, BorderLayout.SOUTH);
    JPanel options = new JPanel(new BorderLayout(4, 4));
    options.setBorder(BorderFactory.createTitledBorder(TEXT_OPTIONS));
    options.add(new JScrollPane(optionsTable), BorderLayout.CENTER);
    options.add(form, BorderLayout.SOUTH);
    return options;
  }

  private static void setColumnWidths(JTable table, int... widths) {
    for (int i = 0; i < widths.length; i++) {
      table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
    }
  }

  private static DefaultCellEditor requestTypeEditor() {
    JComboBox<String> types = new JComboBox<>();
    for (RequestType type : RequestType.values()) {
      types.addItem(type.jsonName());
    }
    return new DefaultCellEditor(types);
  }

  private static JButton button(String text, String name, Runnable action) {
    JButton button = new JButton(text);
    button.setName(name);
    button.addActionListener(e -> action.run());
    return button;
  }

  // ---- preset and stages ----

  private void choosePreset() {
    if (!refreshing && model.selectedIndex() >= 0) {
      model.choosePreset((String) presetCombo.getSelectedItem());
      stagesModel.reload();
      optionsModel.reload();
      changed();
    }
  }

  private void addStage() {
    if (model.selectedIndex() >= 0) {
      model.addStage();
      reloadStagesSelecting(model.stages().size() - 1);
    }
  }

  private void removeStage() {
    int row = stagesTable.getSelectedRow();
    if (row >= 0) {
      model.removeStage(row);
      reloadStagesSelecting(Math.min(row, model.stages().size() - 1));
    }
  }

  private void moveStage(int delta) {
    int row = stagesTable.getSelectedRow();
    if (row >= 0) {
      reloadStagesSelecting(model.moveStage(row, delta));
    }
  }

  private void reloadStagesSelecting(int row) {
    stagesModel.reload();
    if (row >= 0) {
      stagesTable.setRowSelectionInterval(row, row);
    }
    stagesEdited();
  }

  /** A stage names retrieveTypes and the preset: both show elsewhere on the page. */
  private void stagesEdited() {
    refreshing = true;
    try {
      presetCombo.setSelectedItem(model.preset());
    } finally {
      refreshing = false;
    }
    optionsModel.reload();
    changed();
  }

  // ---- options ----

  private void showSelectedCell() {
    int row = optionsTable.getSelectedRow();
    int column = optionsTable.getSelectedColumn();
    if (!refreshing && row >= 0 && column > 0) {
      cellForm.show(model.cell(optionsModel.retrieveType(row), OptionsTableModel.column(column)));
    }
  }

  private void setCell() {
    int row = optionsTable.getSelectedRow();
    int column = optionsTable.getSelectedColumn();
    if (row >= 0 && column > 0) {
      cellForm.writeTo(model, optionsModel.retrieveType(row), OptionsTableModel.column(column));
      // Emptying an unused row's last cell removes the row.
      if (model.retrieveTypes().size() != optionsModel.getRowCount()) {
        optionsModel.reload();
      } else {
        optionsModel.fireTableRowsUpdated(row, row);
      }
      changed();
    }
  }

  private void dropUnused() {
    model.dropUnusedOptions();
    optionsModel.reload();
    changed();
  }

  // ---- JSON ----

  private void openJson() {
    if (model.selectedIndex() >= 0 && model.isSelectedValid()) {
      jsonEditor.open(model.configurationJson());
      showCard(JSON);
      changed();
    }
  }

  private void applyJson(String json) {
    model.editConfigurationJson(json);
    refresh();
    edited.run();
  }

  private void closeJson() {
    showCard(TABLES);
    changed();
  }

  private void showCard(String card) {
    editingJson = JSON.equals(card);
    cards.show(cardPanel, card);
  }

  private void changed() {
    updateButtons();
    edited.run();
  }

  private void updateButtons() {
    boolean hasNode = model.selectedIndex() >= 0;
    int row = stagesTable.getSelectedRow();
    removeStage.setEnabled(row >= 0);
    moveUp.setEnabled(row > 0);
    moveDown.setEnabled(row >= 0 && row < stagesTable.getRowCount() - 1);
    dropUnused.setEnabled(optionsModel.hasUnusedRows());
    editJson.setEnabled(hasNode && !editingJson && model.isSelectedValid());
    presetCombo.setEnabled(hasNode && !editingJson);
  }

  /** A summary is often wider than its column: the tooltip shows it whole. */
  private static final class SummaryRenderer extends DefaultTableCellRenderer {
    private static final long serialVersionUID = 1L;

    @Override
    public Component getTableCellRendererComponent(
        JTable table, Object value, boolean selected, boolean focused, int row, int column) {
      Component c = super.getTableCellRendererComponent(table, value, selected, focused, row, column);
      setToolTipText(value == null ? null : value.toString());
      return c;
    }
  }

  /** Greys decimate and offset where positions make them unused, so the table says what counts. */
  private final class IgnoredCellRenderer extends DefaultTableCellRenderer {
    private static final long serialVersionUID = 1L;

    @Override
    public Component getTableCellRendererComponent(
        JTable table, Object value, boolean selected, boolean focused, int row, int column) {
      Component c = super.getTableCellRendererComponent(table, value, selected, focused, row, column);
      if (!selected) {
        c.setForeground(stagesModel.isIgnored(row, column)
            ? UIManager.getColor("Label.disabledForeground") : table.getForeground());
      }
      return c;
    }
  }
}
