package org.weasis.progressive.ui.internal;

import java.util.List;
import javax.swing.table.AbstractTableModel;
import org.weasis.progressive.api.RetrieveStage;

/**
 * The selected node's retrieveType × transfer-syntax table; each cell shows a compact summary. A row no
 * stage names says so: {@code default} is still the fallback of every row without options, any other is
 * unused until a stage names it again or its options are dropped.
 */
public final class OptionsTableModel extends AbstractTableModel {
  public static final String COLUMN_RETRIEVE_TYPE = "retrieveType";
  static final String FALLBACK = " (fallback)";
  static final String UNUSED = " (unused)";

  private final transient PreferencesModel model;
  private transient List<String> rows = List.of();

  public OptionsTableModel(PreferencesModel model) {
    this.model = model;
  }

  /** Reads the rows again from the selected node (after a preset switch or selection). */
  public void reload() {
    rows = model.selectedIndex() < 0 ? List.of() : model.retrieveTypes();
    // The columns never change; keeping them keeps their widths.
    fireTableDataChanged();
  }

  public String retrieveType(int row) {
    return rows.get(row);
  }

  /** The transfer-syntax column at a table column (column 0 is the retrieveType). */
  public static TransferSyntaxColumn column(int tableColumn) {
    return TransferSyntaxColumn.ALL.get(tableColumn - 1);
  }

  @Override
  public int getRowCount() {
    return rows.size();
  }

  @Override
  public int getColumnCount() {
    return TransferSyntaxColumn.ALL.size() + 1;
  }

  @Override
  public String getColumnName(int column) {
    return column == 0 ? COLUMN_RETRIEVE_TYPE : column(column).label();
  }

  @Override
  public Object getValueAt(int row, int column) {
    String retrieveType = rows.get(row);
    return column == 0 ? label(retrieveType) : model.cell(retrieveType, column(column)).summary();
  }

  /** True when a row is kept only for its options, so that "Drop unused" has something to drop. */
  public boolean hasUnusedRows() {
    return rows.stream().anyMatch(type -> !model.isUsed(type) && !RetrieveStage.DEFAULT_RETRIEVE_TYPE.equals(type));
  }

  private String label(String retrieveType) {
    if (model.isUsed(retrieveType)) {
      return retrieveType;
    }
    return retrieveType + (RetrieveStage.DEFAULT_RETRIEVE_TYPE.equals(retrieveType) ? FALLBACK : UNUSED);
  }
}
