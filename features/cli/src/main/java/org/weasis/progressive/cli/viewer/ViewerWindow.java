package org.weasis.progressive.cli.viewer;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GraphicsConfiguration;
import java.awt.Insets;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JRadioButton;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;

/**
 * The demo's window, so a newcomer sees progressive loading: the study's series with their progress, a
 * stack view whose shown image is the one the load fetches first, and the settings page with a reload, so
 * that a change of preset can be seen.
 */
public final class ViewerWindow {
  // Component names, for tests.
  public static final String SETTINGS = "settings";
  public static final String RELOAD = "reload";
  public static final String SETTINGS_DIALOG = "settingsDialog";
  public static final String CLOSE_SETTINGS = "closeSettings";
  /**
   * The names ProgressivePreferencesPanel gives its "Test node" fields (its STUDY_UID and SERIES_UID): the
   * page arrives as a plain JComponent from the framework, so the window knows it by names, not by type.
   */
  static final String PAGE_STUDY_UID = "studyUid";
  static final String PAGE_SERIES_UID = "seriesUid";

  private static final String WAITING_TIMING = "first image … · all final …";

  private final JFrame frame;
  private final StackView view;
  private final StudySource source;
  private final Supplier<JComponent> settingsPage;
  /** One per series of the source, in list order; touched on the event thread only. */
  private final List<SeriesEntry> entries = new ArrayList<>();
  private final JLabel settingsLabel = new JLabel(" ");
  private final JLabel statusLabel = new JLabel(" ");
  private final CountDownLatch closed = new CountDownLatch(1);
  private SeriesEntry selected;

  private ViewerWindow(String title, StudySource source, Supplier<JComponent> settingsPage) {
    this.source = source;
    this.settingsPage = settingsPage;
    frame = new JFrame(title);
    view = new StackView(this::shownIndexChanged);
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    frame.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosed(WindowEvent e) {
        entries.forEach(SeriesEntry::cancel);
        closed.countDown();
      }
    });
    frame.getContentPane().add(sidePanel(), BorderLayout.WEST);
    frame.getContentPane().add(view, BorderLayout.CENTER);
    frame.pack();
    frame.setLocation(0, 0);
  }

  /**
   * Creates and shows the window, and starts loading every series of {@code source}; the first one is shown.
   *
   * @param settingsPage builds the preferences panel the Settings button shows, or null for no button
   */
  public static ViewerWindow open(String title, StudySource source, Supplier<JComponent> settingsPage) {
    ViewerWindow window = onEdt(() -> new ViewerWindow(title, source, settingsPage));
    onEdt(() -> {
      window.frame.setVisible(true);
      window.view.requestFocusInWindow();
      window.entries.forEach(window::startLoad);
      window.select(window.entries.getFirst());
      return null;
    });
    return window;
  }

  public String badgeText() {
    return onEdt(view::badgeText);
  }

  public String timingText() {
    return onEdt(view::timingText);
  }

  /** The stored settings the shown series was loaded with, as the window states them. */
  public String settingsText() {
    return onEdt(settingsLabel::getText);
  }

  /** The text of series {@code index}'s progress bar ("n / N final"). */
  public String progressText(int index) {
    return onEdt(() -> entries.get(index).progress.getString());
  }

  /** Completes when the current load of series {@code index} ends. */
  public CompletionStage<LoadSummary> completion(int index) {
    return onEdt(() -> {
      LoadHandle handle = entries.get(index).handle;
      return handle == null ? CompletableFuture.<LoadSummary>failedFuture(
          new IllegalStateException(statusLabel.getText())) : handle.completion();
    });
  }

  /** Shows series {@code index} in the stack view, as a click on its name does. */
  public void selectSeries(int index) {
    onEdt(() -> {
      entries.get(index).button.doClick();
      return null;
    });
  }

  /** Where the image is drawn, in screen coordinates (empty before the shown image arrives). */
  public Rectangle imageAreaOnScreen() {
    return onEdt(() -> {
      Rectangle area = view.imageArea();
      Point origin = view.getLocationOnScreen();
      area.translate(origin.x, origin.y);
      return area;
    });
  }

  /** The window's content in screen coordinates. */
  public Rectangle contentOnScreen() {
    return onEdt(() -> {
      JComponent content = (JComponent) frame.getContentPane();
      return new Rectangle(content.getLocationOnScreen(), content.getSize());
    });
  }

  /** Waits until the user closes the window. */
  public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
    return closed.await(timeout, unit);
  }

  public void close() {
    onEdt(() -> {
      frame.dispose();
      return null;
    });
  }

  // ---- building ----

  private JPanel sidePanel() {
    JPanel panel = new JPanel();
    panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
    panel.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
    panel.setPreferredSize(new Dimension(240, 0));
    panel.add(left(new JLabel("Series")));
    ButtonGroup group = new ButtonGroup();
    List<String> labels = source.seriesLabels();
    for (int i = 0; i < labels.size(); i++) {
      SeriesEntry entry = new SeriesEntry(i, labels.get(i));
      entries.add(entry);
      group.add(entry.button);
      panel.add(Box.createVerticalStrut(8));
      panel.add(left(entry.button));
      panel.add(left(entry.caption));
      panel.add(left(entry.progress));
    }
    panel.add(Box.createVerticalGlue());
    settingsLabel.setName("settingsSummary");
    panel.add(left(settingsLabel));
    statusLabel.setForeground(new Color(0xB00020));
    panel.add(left(statusLabel));
    panel.add(left(buttons()));
    return panel;
  }

  private JPanel buttons() {
    JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 4));
    JButton settings = new JButton("Settings…");
    settings.setName(SETTINGS);
    settings.setEnabled(settingsPage != null);
    settings.addActionListener(e -> showSettings());
    JButton reload = new JButton("Reload");
    reload.setName(RELOAD);
    reload.setToolTipText("Load the shown series again with the stored settings");
    reload.addActionListener(e -> reload(selected));
    row.add(settings);
    row.add(Box.createHorizontalStrut(6));
    row.add(reload);
    row.setMaximumSize(new Dimension(Integer.MAX_VALUE, row.getPreferredSize().height));
    return row;
  }

  private static <T extends JComponent> T left(T component) {
    component.setAlignmentX(Component.LEFT_ALIGNMENT);
    return component;
  }

  // ---- behaviour (event thread) ----

  private void select(SeriesEntry entry) {
    selected = entry;
    entry.button.setSelected(true);
    view.showSeries(entry.images, entry.shownIndex, entry.timing);
    showSettingsSummary(entry);
    entry.prioritize();
  }

  private void shownIndexChanged(int index) {
    if (selected != null) {
      selected.shownIndex = index;
      selected.prioritize();
    }
  }

  /** Starts (or restarts) a series' load with the settings stored now; a failure is shown, not thrown. */
  private void startLoad(SeriesEntry entry) {
    entry.cancel();
    entry.reset();
    if (entry == selected) {
      view.showSeries(entry.images, entry.shownIndex, entry.timing);
    }
    try {
      entry.settings = source.settings();
      entry.handle = source.load(entry.number, entry.settings, new EdtListener(entry, entry.generation));
      entry.prioritize();
      statusLabel.setText(" ");
    } catch (RuntimeException e) {
      entry.caption.setText("not loaded");
      statusLabel.setText("<html>" + e.getMessage() + "</html>");
    }
    if (entry == selected) {
      showSettingsSummary(entry);
    }
  }

  private void reload(SeriesEntry entry) {
    if (entry != null) {
      startLoad(entry);
    }
  }

  /** The settings page in a dialog; when it closes after a change of the stored settings, the shown series reloads. */
  private void showSettings() {
    JComponent page;
    try {
      page = settingsPage.get();
    } catch (RuntimeException e) {
      statusLabel.setText("<html>The settings page failed: " + e.getMessage() + "</html>");
      return;
    }
    offerShownSeries(page);
    JDialog dialog = new JDialog(frame, "Progressive loading settings", Dialog.ModalityType.DOCUMENT_MODAL);
    dialog.setName(SETTINGS_DIALOG);
    dialog.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    JButton close = new JButton("Close");
    close.setName(CLOSE_SETTINGS);
    close.addActionListener(e -> dialog.dispose());
    JPanel south = new JPanel(new FlowLayout(FlowLayout.RIGHT));
    south.add(new JLabel("Apply stores the settings; the shown series reloads when they changed."));
    south.add(close);
    dialog.getContentPane().add(new JScrollPane(page), BorderLayout.CENTER);
    dialog.getContentPane().add(south, BorderLayout.SOUTH);
    dialog.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosed(WindowEvent e) {
        settingsClosed();
      }
    });
    dialog.pack();
    dialog.setSize(fitOnScreen(dialog.getSize()));
    dialog.setLocationRelativeTo(frame);
    dialog.setVisible(true);
  }

  /**
   * Fills the page's empty "Test node" study and series fields (found by the names the panel gives them)
   * with the shown series, so that probing the node works without copying UIDs around.
   */
  private void offerShownSeries(JComponent page) {
    if (selected == null) {
      return;
    }
    List<String> uids = source.seriesUids(selected.number);
    fillIfEmpty(page, PAGE_STUDY_UID, uids.get(0));
    fillIfEmpty(page, PAGE_SERIES_UID, uids.get(1));
  }

  private static void fillIfEmpty(Container parent, String name, String text) {
    for (Component c : parent.getComponents()) {
      if (c instanceof JTextField field && name.equals(field.getName())) {
        if (field.getText().isBlank()) {
          field.setText(text);
        }
      } else if (c instanceof Container child) {
        fillIfEmpty(child, name, text);
      }
    }
  }

  /** {@code size}, or less so that it fits the screen the window is on (the page scrolls then). */
  private Dimension fitOnScreen(Dimension size) {
    GraphicsConfiguration gc = frame.getGraphicsConfiguration();
    Rectangle screen = gc.getBounds();
    Insets insets = Toolkit.getDefaultToolkit().getScreenInsets(gc);
    int width = screen.width - insets.left - insets.right - 40;
    int height = screen.height - insets.top - insets.bottom - 40;
    // Room for the vertical scroll bar the page gets when it is cut in height.
    int bar = size.height > height ? new JScrollPane().getVerticalScrollBar().getPreferredSize().width + 2 : 0;
    return new Dimension(Math.min(size.width + bar, width), Math.min(size.height, height));
  }

  private void settingsClosed() {
    SeriesEntry entry = selected;
    if (entry == null) {
      return;
    }
    try {
      StudySource.Settings now = source.settings();
      if (entry.settings == null || !now.value().equals(entry.settings.value())) {
        startLoad(entry);
      }
    } catch (RuntimeException e) {
      statusLabel.setText("<html>" + e.getMessage() + "</html>");
    }
  }

  private void showSettingsSummary(SeriesEntry entry) {
    settingsLabel.setText(entry.settings == null ? " " : "<html>" + entry.settings.summary() + "</html>");
  }

  private void showSeries(SeriesEntry entry, List<ImageRef> refs) {
    entry.images = new StackView.Shown[refs.size()];
    entry.finals = new boolean[refs.size()];
    entry.progress.setMaximum(refs.size());
    entry.updateProgress();
    if (!refs.isEmpty()) {
      ImageRef first = refs.getFirst();
      entry.caption.setText(refs.size() + (refs.size() == 1 ? " image, " : " images, ")
          + first.pixels().columns() + "x" + first.pixels().rows());
    }
    if (entry == selected) {
      view.showSeries(entry.images, entry.shownIndex, entry.timing);
      entry.prioritize();
    }
  }

  private void showImage(SeriesEntry entry, ImageEvent e, StackView.Shown shown) {
    if (entry.firstImageMs < 0) {
      entry.firstImageMs = e.elapsedMs();
      entry.timing = "first image " + entry.firstImageMs + " ms · all final …";
      if (entry == selected) {
        view.setTiming(entry.timing);
      }
    }
    int i = e.imageIndex();
    if (i >= 0 && i < entry.images.length) {
      entry.images[i] = shown;
      if (e.status().isFinal()) {
        entry.finals[i] = true;
        entry.updateProgress();
      }
      if (entry == selected) {
        view.imageArrived(i);
      }
    }
  }

  private void showSummary(SeriesEntry entry, LoadSummary s) {
    String fin = s.finalMs() < 0 ? "never" : s.finalMs() + " ms";
    String failed = s.failedImages() > 0 ? " · " + s.failedImages() + " failed" : "";
    entry.timing = "first image " + s.firstImageMs() + " ms · all final " + fin + failed;
    if (entry == selected) {
      view.setTiming(entry.timing);
    }
  }

  /** Runs on the event thread and returns the result, from any thread. */
  private static <T> T onEdt(Supplier<T> task) {
    if (SwingUtilities.isEventDispatchThread()) {
      return task.get();
    }
    AtomicReference<T> result = new AtomicReference<>();
    try {
      SwingUtilities.invokeAndWait(() -> result.set(task.get()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the event thread", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
    return result.get();
  }

  /** One series in the list: its widgets, what arrived of it, and its current load. */
  private final class SeriesEntry {
    final int number;
    final JRadioButton button;
    final JLabel caption = new JLabel("waiting for the series");
    final JProgressBar progress = new JProgressBar();
    StackView.Shown[] images = new StackView.Shown[0];
    boolean[] finals = new boolean[0];
    int shownIndex;
    String timing = WAITING_TIMING;
    long firstImageMs = -1;
    StudySource.Settings settings;
    LoadHandle handle;
    /** Bumped by each (re)load: events of a cancelled load carry an older number and are dropped. */
    int generation;

    SeriesEntry(int number, String label) {
      this.number = number;
      button = new JRadioButton(label);
      button.setName("series-" + number);
      button.addActionListener(e -> select(this));
      progress.setName("progress-" + number);
      progress.setStringPainted(true);
      progress.setString("0 / 0 final");
      progress.setMaximumSize(new Dimension(Integer.MAX_VALUE, progress.getPreferredSize().height));
    }

    void reset() {
      generation++;
      images = new StackView.Shown[0];
      finals = new boolean[0];
      timing = WAITING_TIMING;
      firstImageMs = -1;
      caption.setText("waiting for the series");
      progress.setValue(0);
      progress.setString("0 / 0 final");
    }

    void cancel() {
      if (handle != null) {
        handle.cancel();
        handle = null;
      }
    }

    void prioritize() {
      if (handle != null) {
        handle.prioritize(shownIndex);
      }
    }

    void updateProgress() {
      int done = 0;
      for (boolean f : finals) {
        done += f ? 1 : 0;
      }
      progress.setValue(done);
      progress.setString(done + " / " + finals.length + " final");
    }
  }

  /** Renders rasters on the engine's thread (keeping only the 8-bit image) and updates the UI on the EDT. */
  private final class EdtListener implements LoadListener {
    private final SeriesEntry entry;
    private final int generation;

    EdtListener(SeriesEntry entry, int generation) {
      this.entry = entry;
      this.generation = generation;
    }

    @Override
    public void onSeries(List<ImageRef> images) {
      List<ImageRef> refs = List.copyOf(images);
      later(() -> showSeries(entry, refs));
    }

    @Override
    public void onImage(ImageEvent event) {
      var pixels = event.image().pixels();
      StackView.Shown shown = new StackView.Shown(event.status(), GreyImage.render(event.raster(), pixels),
          pixels.columns(), pixels.rows());
      ImageEvent light = withoutRaster(event);
      later(() -> showImage(entry, light, shown));
    }

    @Override
    public void onError(ErrorEvent event) {
      // The summary reports failed images; a stage error alone is retried by a later stage.
    }

    @Override
    public void onComplete(LoadSummary summary) {
      later(() -> showSummary(entry, summary));
    }

    /** Runs on the event thread unless the series was reloaded since this load started. */
    private void later(Runnable update) {
      SwingUtilities.invokeLater(() -> {
        if (entry.generation == generation) {
          update.run();
        }
      });
    }

    private static ImageEvent withoutRaster(ImageEvent e) {
      return new ImageEvent(e.imageIndex(), e.image(), e.status(), e.rows(), e.columns(), e.decodeLevel(),
          e.bytesReceived(), e.totalBytes(), e.stageId(), e.elapsedMs(), e.sourceIndex(), null);
    }
  }
}
