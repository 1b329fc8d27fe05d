package org.weasis.progressive.ui.internal;

import java.util.List;
import javax.swing.table.AbstractTableModel;
import org.weasis.progressive.ui.internal.StageRow.Field;

/**
 * The selected node's stages, one row each, edited in place; each edit goes to the model as typed so that
 * a bad value stays visible next to the message naming it.
 */
public final class StagesTableModel extends AbstractTableModel {
  private static final long serialVersionUID = 1L;
  private static final Field[] FIELDS = Field.values();

  private final transient PreferencesModel model;
  private final transient Runnable edited;
  private transient List<StageRow> rows = List.of();

  /** @param edited told after each edit, so that the page refreshes what depends on the stages */
  public StagesTableModel(PreferencesModel model, Runnable edited) {
    this.model = model;
    this.edited = edited;
  }

  /** Reads the stages again from the selected node. */
  public void reload() {
    rows = model.selectedIndex() < 0 ? List.of() : model.stages();
    fireTableDataChanged();
  }

  public static Field field(int column) {
    return FIELDS[column];
  }

  /** True for decimate and offset of a stage with positions: Cornerstone3D ignores them then. */
  public boolean isIgnored(int row, int column) {
    Field f = field(column);
    return (f == Field.DECIMATE || f == Field.OFFSET) && rows.get(row).hasPositions();
  }

  @Override
  public int getRowCount() {
    return rows.size();
  }

  @Override
  public int getColumnCount() {
    return FIELDS.length;
  }

  @Override
  public String getColumnName(int column) {
    return field(column).key();
  }

  @Override
  public boolean isCellEditable(int row, int column) {
    return true;
  }

  @Override
  public Object getValueAt(int row, int column) {
    return rows.get(row).get(field(column));
  }

  @Override
  public void setValueAt(Object value, int row, int column) {
    String text = value == null ? "" : value.toString();
    if (!text.equals(getValueAt(row, column))) {
      model.editStage(row, field(column), text);
      rows = model.stages();
      fireTableRowsUpdated(row, row);
      edited.run();
    }
  }
}
