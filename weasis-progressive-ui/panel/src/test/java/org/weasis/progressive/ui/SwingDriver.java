package org.weasis.progressive.ui;

import java.awt.Component;
import java.awt.Container;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.swing.AbstractButton;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;

/** Drives a Swing tree without a display: finds components by name, clicks, types, and runs on the EDT. */
final class SwingDriver {
  private SwingDriver() {}

  static void click(Container root, String name) {
    find(root, name, AbstractButton.class).doClick();
  }

  static void type(Container root, String name, String text) {
    find(root, name, JTextComponent.class).setText(text);
  }

  /** Types into a table cell through the table's own editor, as a user double-clicking it would. */
  static void typeInCell(JTable table, int row, int column, String text) {
    if (!table.editCellAt(row, column)) {
      throw new AssertionError("cell " + row + "," + column + " of " + table.getName() + " is not editable");
    }
    ((JTextComponent) table.getEditorComponent()).setText(text);
    table.getCellEditor().stopCellEditing();
  }

  static <T extends Component> T find(Container root, String name, Class<T> type) {
    T found = findOrNull(root, name, type);
    if (found == null) {
      throw new AssertionError("no " + type.getSimpleName() + " named " + name);
    }
    return found;
  }

  private static <T extends Component> T findOrNull(Container root, String name, Class<T> type) {
    for (Component child : root.getComponents()) {
      if (name.equals(child.getName()) && type.isInstance(child)) {
        return type.cast(child);
      }
      if (child instanceof Container container) {
        T found = findOrNull(container, name, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  interface EdtAction {
    void run() throws Exception;
  }

  static void onEdt(EdtAction action) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      try {
        action.run();
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    if (failure.get() instanceof Exception e) {
      throw e;
    } else if (failure.get() instanceof Error e) {
      throw e;
    }
  }

  /** Waits on a deadline, checking on the EDT, for a worker's result to reach the panel. */
  static void awaitOnEdt(BooleanSupplier condition) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    AtomicReference<Boolean> met = new AtomicReference<>(false);
    while (Instant.now().isBefore(deadline)) {
      SwingUtilities.invokeAndWait(() -> met.set(condition.getAsBoolean()));
      if (met.get()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("condition not met within 10 s");
  }
}
