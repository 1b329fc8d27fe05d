package org.weasis.progressive.ui.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.Container;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JComponent;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.ProbeReport;
import org.weasis.progressive.ui.ProgressivePreferencesPanel;
import org.weasis.progressive.ui.internal.InMemoryNodeStore;

/** The page service hands a host a fresh panel on the store it was bound to. */
class PreferencesPageComponentTest {
  private final InMemoryNodeStore store =
      new InMemoryNodeStore().with(NodeConfig.of("Local demo server", "http://127.0.0.1:1/dicomweb"));
  private final NodeProbe probe = (settings, study, series) -> new ProbeReport(true, null, null, null, true,
      null, null, null, null, null, RetrieveConfiguration.single(), List.of());

  @Test
  void eachGetBuildsANewPanelListingTheStoredNodes() throws Exception {
    PreferencesPageComponent page = new PreferencesPageComponent(store, probe);
    AtomicReference<JComponent> first = new AtomicReference<>();
    AtomicReference<JComponent> second = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      first.set(page.get());
      second.set(page.get());
    });
    assertTrue(first.get() instanceof ProgressivePreferencesPanel, String.valueOf(first.get()));
    assertNotSame(first.get(), second.get());
    JTable nodes = find(first.get(), ProgressivePreferencesPanel.NODE_TABLE);
    assertEquals(1, nodes.getRowCount());
    boolean listed = false;
    for (int c = 0; c < nodes.getColumnCount(); c++) {
      listed |= "Local demo server".equals(String.valueOf(nodes.getValueAt(0, c)));
    }
    assertTrue(listed, "the stored node is not in the table");
  }

  private static JTable find(Container root, String name) {
    for (Component c : root.getComponents()) {
      if (c instanceof JTable table && name.equals(c.getName())) {
        return table;
      }
      if (c instanceof Container inner) {
        JTable found = find(inner, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
