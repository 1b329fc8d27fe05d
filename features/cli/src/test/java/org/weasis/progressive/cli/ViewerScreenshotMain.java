package org.weasis.progressive.cli;

import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.cli.viewer.ViewerWindow;
import org.weasis.progressive.netshape.LinkProfile;

/**
 * Run in a child JVM on a virtual display by ViewerWindowXvfbTest: the demo as {@code ./progressive demo}
 * runs it — our bundles in Felix, the node in their NodeStore — on the default study (100 × 512² and one
 * 3036² image, over an unshaped link for time), with the real viewer window. Writes a capture of the loaded stack, opens Settings, captures the preferences panel, switches the
 * node to the sequential preset with the panel's own controls and checks the reload uses it.
 *
 * <p>Prints one line {@code RESULT key=value|...} and exits 0, or exits 1 with the reason on stderr.
 */
public final class ViewerScreenshotMain {
  static final String RESULT = "RESULT ";
  /** The default demo study (generated once per build into target/demo-data). */
  static final int IMAGES = DemoCommand.STACK_IMAGES;
  // Names of the ui bundle's panel components (public constants of ProgressivePreferencesPanel, which lives
  // in the framework: the host reaches the page through JDK types only).
  private static final String NODE_TABLE = "nodes";
  private static final String PRESET = "preset";
  private static final String APPLY = "apply";

  private ViewerScreenshotMain() {}

  public static void main(String[] args) throws Exception {
    Path png = Path.of(args[0]);
    Path settingsPng = Path.of(args[1]);
    Path data = Path.of(args[2]);
    ViewerWindow window = null;
    DemoSession.Options options = new DemoSession.Options("htj2k", LinkProfile.parse("local"), IMAGES,
        DemoCommand.STACK_SIZE, DemoCommand.SINGLE_SIZE,
        data, DemoCommand.demoConfiguration("htj2k"), null);
    try (DemoSession session = DemoSession.start(options, System.out)) {
      window = ViewerWindow.open("Weasis progressive viewer test", session, session.settingsPage());
      System.out.println("stack " + summary(window, 0));
      System.out.println("image " + summary(window, 1));
      String badge = awaitText(window::badgeText, "FULL_RESOLUTION", 20_000);
      String progress = window.progressText(0);
      String scrolled = scrollWithTheWheel(window);
      String stats = captureAndMeasure(window, png);
      String listed = openSettingsAndCapture(settingsPng);
      String reloaded = switchToSequentialAndClose(window);
      System.out.println(RESULT + "badge=" + badge + "|progress=" + progress + "|scrolled=" + scrolled
          + "|timing=" + window.timingText() + "|settingsNode=" + listed + "|reloaded=" + reloaded + "|" + stats);
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      System.exit(1);
    } finally {
      if (window != null) {
        window.close();
      }
    }
    System.exit(0);
  }

  private static LoadSummary summary(ViewerWindow window, int series) throws Exception {
    return window.completion(series).toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  /** Polls {@code text} until it contains {@code wanted}; the last value is returned either way. */
  private static String awaitText(Supplier<String> text, String wanted, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    String value = text.get();
    while (!value.contains(wanted) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      value = text.get();
    }
    return value;
  }

  /** Turns the real mouse wheel three notches down over the image, then back; returns the badge in between. */
  private static String scrollWithTheWheel(ViewerWindow window) throws Exception {
    Robot robot = new Robot();
    Rectangle area = window.imageAreaOnScreen();
    robot.mouseMove(area.x + area.width / 2, area.y + area.height / 2);
    robot.waitForIdle();
    robot.mouseWheel(3);
    robot.waitForIdle();
    String scrolled = awaitText(window::badgeText, "image 4/" + IMAGES, 5_000);
    robot.mouseWheel(-3);
    robot.waitForIdle();
    awaitText(window::badgeText, "image 1/" + IMAGES, 5_000);
    return scrolled;
  }

  /**
   * Clicks Settings (the dialog is modal, so the click is queued rather than awaited), waits for the
   * preferences panel, captures it and returns the node table's first row.
   */
  private static String openSettingsAndCapture(Path png) throws Exception {
    SwingUtilities.invokeLater(() -> find(frame(), ViewerWindow.SETTINGS, AbstractButton.class).doClick());
    Window dialog = awaitDialog(10_000);
    JTable nodes = onEdt(() -> find(dialog, NODE_TABLE, JTable.class));
    String row = onEdt(() -> {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < nodes.getColumnCount(); c++) {
        cells.add(String.valueOf(nodes.getValueAt(0, c)));
      }
      return nodes.getRowCount() + " row(s): " + String.join(", ", cells);
    });
    String probeSeries = onEdt(() -> find(dialog, "seriesUid", JTextField.class).getText());
    Robot robot = new Robot();
    robot.waitForIdle();
    robot.delay(300);
    Rectangle bounds = onEdt(() -> new Rectangle(dialog.getLocationOnScreen(), dialog.getSize()));
    ImageIO.write(robot.createScreenCapture(bounds), "png", png.toFile());
    return row + "; Test node series " + probeSeries;
  }

  /** Chooses the sequential preset for the demo node, applies, closes: the window reloads the stack with it. */
  @SuppressWarnings("unchecked")
  private static String switchToSequentialAndClose(ViewerWindow window) throws Exception {
    Window dialog = awaitDialog(1_000);
    onEdt(() -> {
      find(dialog, NODE_TABLE, JTable.class).setRowSelectionInterval(0, 0);
      find(dialog, PRESET, JComboBox.class).setSelectedItem("sequential");
      find(dialog, APPLY, AbstractButton.class).doClick();
      find(dialog, ViewerWindow.CLOSE_SETTINGS, AbstractButton.class).doClick();
      return null;
    });
    String settings = awaitText(window::settingsText, "sequential preset", 5_000);
    LoadSummary summary = summary(window, 0);
    String badge = awaitText(window::badgeText, "FULL_RESOLUTION", 10_000);
    String stages = String.join("+", new java.util.TreeSet<>(summary.bytesPerStage().keySet()));
    return settings.replaceAll("<[^>]+>", "") + " / " + summary.finalImages() + " final / stages " + stages
        + " / " + badge;
  }

  private static Window awaitDialog(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      Window found = onEdt(() -> {
        for (Window w : Window.getWindows()) {
          if (w.isShowing() && ViewerWindow.SETTINGS_DIALOG.equals(w.getName())) {
            return w;
          }
        }
        return null;
      });
      if (found != null) {
        return found;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the settings dialog did not open in " + timeoutMs + " ms");
  }

  private static Window frame() {
    for (Window w : Window.getWindows()) {
      if (w.isShowing() && w instanceof javax.swing.JFrame) {
        return w;
      }
    }
    throw new AssertionError("no viewer frame is showing");
  }

  private static <T> T find(Container root, String name, Class<T> type) {
    T found = findOrNull(root, name, type);
    if (found == null) {
      throw new AssertionError("no " + type.getSimpleName() + " named '" + name + "' in " + root.getName());
    }
    return found;
  }

  private static <T> T findOrNull(Container root, String name, Class<T> type) {
    for (Component c : root.getComponents()) {
      if (type.isInstance(c) && name.equals(c.getName())) {
        return type.cast(c);
      }
      if (c instanceof Container inner) {
        T found = findOrNull(inner, name, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static <T> T onEdt(Supplier<T> task) {
    AtomicReference<T> result = new AtomicReference<>();
    try {
      SwingUtilities.invokeAndWait(() -> result.set(task.get()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
    return result.get();
  }

  /** Captures the window from the screen, writes it as PNG and measures the image area inside it. */
  private static String captureAndMeasure(ViewerWindow window, Path png) throws Exception {
    Robot robot = new Robot();
    robot.waitForIdle();
    robot.delay(300);
    robot.waitForIdle();
    Rectangle content = window.contentOnScreen();
    Rectangle area = window.imageAreaOnScreen();
    BufferedImage shot = robot.createScreenCapture(content);
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(shot, "png", png.toFile());
    if (area.isEmpty()) {
      throw new AssertionError("the shown image has no area on screen");
    }
    area.translate(-content.x, -content.y);
    return measure(shot, area.intersection(new Rectangle(0, 0, shot.getWidth(), shot.getHeight())));
  }

  /** Grey-level min, max and mean inside {@code area}, and the fraction of pixels that are not black. */
  static String measure(BufferedImage shot, Rectangle area) {
    int min = 255;
    int max = 0;
    long sum = 0;
    long lit = 0;
    for (int y = area.y; y < area.y + area.height; y++) {
      for (int x = area.x; x < area.x + area.width; x++) {
        int rgb = shot.getRGB(x, y);
        int grey = (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
        min = Math.min(min, grey);
        max = Math.max(max, grey);
        sum += grey;
        lit += (rgb & 0xFFFFFF) != 0 ? 1 : 0;
      }
    }
    long n = (long) area.width * area.height;
    return String.format(Locale.ROOT, "area=%dx%d|min=%d|max=%d|mean=%.1f|nonBackground=%.3f", area.width,
        area.height, min, max, (double) sum / n, (double) lit / n);
  }
}
