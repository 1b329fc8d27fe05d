package org.weasis.progressive.ui.internal;

import javax.swing.table.AbstractTableModel;
import org.weasis.progressive.api.NodeConfig;

/** The node list as a table whose first column is the progressive-loading checkbox. */
public final class NodeTableModel extends AbstractTableModel {
  public static final String COLUMN_ENABLED = "Progressive";
  public static final String COLUMN_NAME = "Node";
  public static final String COLUMN_URL = "Base URL";
  public static final int ENABLED = 0;
  private static final String[] COLUMNS = {COLUMN_ENABLED, COLUMN_NAME, COLUMN_URL};

  private final transient PreferencesModel model;

  public NodeTableModel(PreferencesModel model) {
    this.model = model;
  }

  @Override
  public int getRowCount() {
    return model.size();
  }

  @Override
  public int getColumnCount() {
    return COLUMNS.length;
  }

  @Override
  public String getColumnName(int column) {
    return COLUMNS[column];
  }

  @Override
  public Class<?> getColumnClass(int column) {
    return column == ENABLED ? Boolean.class : String.class;
  }

  @Override
  public boolean isCellEditable(int row, int column) {
    return column == ENABLED;
  }

  @Override
  public Object getValueAt(int row, int column) {
    NodeConfig node = model.node(row);
    return switch (column) {
      case ENABLED -> node.progressive();
      case 1 -> node.name();
      default -> node.baseUrl();
    };
  }

  @Override
  public void setValueAt(Object value, int row, int column) {
    if (column == ENABLED && !value.equals(model.node(row).progressive())) {
      model.toggleProgressive(row);
      fireTableRowsUpdated(row, row);
    }
  }
}
