package org.weasis.progressive.weasis.it;

import java.awt.Component;
import java.awt.Container;
import java.awt.Frame;
import java.awt.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.AbstractButton;
import javax.swing.JTable;
import javax.swing.JViewport;
import org.weasis.core.api.gui.util.AbstractItemDialogPage;
import javax.swing.SwingUtilities;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.ui.pref.PreferenceDialog;

/**
 * A test-only bundle the real-Weasis test installs: its gogo command {@code prefsdriver:open [NODE]} opens
 * Weasis' own preferences dialog on the "Progressive loading" page, logs the nodes the page lists, turns
 * progressive on for NODE through the page's table and Apply button, waits until the test has taken its
 * screenshot (a file appears), and closes the dialog as a user would.
 */
public final class PrefsDriver implements BundleActivator {
  private static final Logger LOG = LoggerFactory.getLogger(PrefsDriver.class);
  static final String PAGE_TITLE = "Progressive loading";
  /** The test creates this file in user.home once it has its screenshot. */
  static final String GO_FILE = "prefsdriver-go";
  /** Argument of {@code open}: keep the size Weasis gives its dialog (else it is made large for screenshots). */
  static final String WEASIS_SIZE = "--weasis-size";

  @Override
  public void start(BundleContext context) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put("osgi.command.scope", "prefsdriver");
    properties.put("osgi.command.function", new String[] {"open"});
    context.registerService(Object.class, this, properties);
  }

  @Override
  public void stop(BundleContext context) {
    // The service goes with the bundle.
  }

  /** Runs in its own thread: launcher commands must not hold up Weasis' start. */
  public void open(String... args) {
    String node = null;
    boolean weasisSize = false;
    for (String arg : args) {
      if (WEASIS_SIZE.equals(arg)) {
        weasisSize = true;
      } else {
        node = arg;
      }
    }
    String enable = node;
    boolean packed = weasisSize;
    Thread thread = new Thread(() -> {
      try {
        drive(enable, packed);
      } catch (Exception e) {
        LOG.error("prefsdriver failed", e);
      }
    }, "prefsdriver");
    thread.setDaemon(true);
    thread.start();
  }

  private void drive(String node, boolean weasisSize) throws Exception {
    Frame frame = awaitMainFrame();
    AtomicReference<PreferenceDialog> dialog = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      dialog.set(new PreferenceDialog(frame));
      dialog.get().showPage(PAGE_TITLE);
      if (!weasisSize) {
        dialog.get().setSize(1280, 860); // the whole page in the screenshot; Weasis packs it smaller
      }
    });
    SwingUtilities.invokeLater(() -> dialog.get().setVisible(true)); // modal: blocks this EDT event, not us
    await(() -> dialog.get().isShowing(), "the preferences dialog shows");
    AtomicReference<JTable> table = new AtomicReference<>();
    await(() -> {
      table.set(find(dialog.get(), "nodes", JTable.class));
      return table.get() != null && table.get().isShowing();
    }, "the page's node table shows");
    SwingUtilities.invokeAndWait(() -> logRows(table.get()));
    SwingUtilities.invokeAndWait(() -> logPageWidth(table.get()));
    if (node != null) {
      SwingUtilities.invokeAndWait(() -> enable(dialog.get(), table.get(), node));
    }
    LOG.info("prefsdriver ready");
    Path go = Path.of(System.getProperty("user.home"), GO_FILE);
    await(() -> Files.exists(go), "the test's screenshot");
    Files.delete(go);
    SwingUtilities.invokeAndWait(() -> dialog.get().dispose());
    LOG.info("prefsdriver closed");
  }

  private static void logRows(JTable table) {
    for (int row = 0; row < table.getRowCount(); row++) {
      LOG.info("prefsdriver node name={} url={} progressive={}", table.getValueAt(row, 1), table.getValueAt(row, 2),
          table.getValueAt(row, 0));
    }
  }

  /** The page's width against the width Weasis' dialog gives it (its page area scrolls beyond that). */
  private static void logPageWidth(JTable table) {
    for (Container c = table.getParent(); c != null; c = c.getParent()) {
      if (c instanceof JViewport viewport && viewport.getView() instanceof AbstractItemDialogPage page) {
        LOG.info("prefsdriver page width={} visible={} dialog={}", page.getWidth(), viewport.getExtentSize().width,
            SwingUtilities.getWindowAncestor(page).getWidth());
        return;
      }
    }
    LOG.error("prefsdriver: the page is in no scrolled page area");
  }

  private static void enable(PreferenceDialog dialog, JTable table, String node) {
    for (int row = 0; row < table.getRowCount(); row++) {
      if (node.equals(table.getValueAt(row, 1))) {
        table.setRowSelectionInterval(row, row);
        table.setValueAt(true, row, 0);
        find(dialog, "apply", AbstractButton.class).doClick();
        LOG.info("prefsdriver enabled name={} progressive={}", node, table.getValueAt(row, 0));
        return;
      }
    }
    LOG.error("prefsdriver: no node named {} on the page", node);
  }

  private static Frame awaitMainFrame() throws InterruptedException {
    AtomicReference<Frame> found = new AtomicReference<>();
    await(() -> {
      for (Frame frame : Frame.getFrames()) {
        if (frame.isShowing()) {
          found.set(frame);
          return true;
        }
      }
      return false;
    }, "Weasis' main window");
    return found.get();
  }

  private static <T extends Component> T find(Container root, String name, Class<T> type) {
    for (Component child : root.getComponents()) {
      if (name.equals(child.getName()) && type.isInstance(child)) {
        return type.cast(child);
      }
      if (child instanceof Container container) {
        T found = find(container, name, type);
        if (found != null) {
          return found;
        }
      }
    }
    if (root instanceof Window window) {
      for (Window owned : window.getOwnedWindows()) {
        T found = find(owned, name, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check check, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (Exception e) {
        // not there yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("prefsdriver gave up waiting for " + what);
  }
}
