package org.weasis.progressive.ui.internal;

import java.util.List;
import javax.swing.table.AbstractTableModel;

/** The selected node's retrieveType × transfer-syntax table; each cell shows a compact summary. */
public final class OptionsTableModel extends AbstractTableModel {
  public static final String COLUMN_RETRIEVE_TYPE = "retrieveType";

  private final transient PreferencesModel model;
  private transient List<String> rows = List.of();

  public OptionsTableModel(PreferencesModel model) {
    this.model = model;
  }

  /** Reads the rows again from the selected node (after a preset switch or selection). */
  public void reload() {
    rows = model.selectedIndex() < 0 ? List.of() : model.retrieveTypes();
    fireTableStructureChanged();
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
    return column == 0 ? retrieveType : model.cell(retrieveType, column(column)).summary();
  }
}
