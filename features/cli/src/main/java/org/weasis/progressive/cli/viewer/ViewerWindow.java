package org.weasis.progressive.cli.viewer;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;

/**
 * The demo's window, so a newcomer sees progressive loading: a series list with its progress, and a stack
 * view whose shown image is the one the load fetches first.
 */
public final class ViewerWindow {
  private final JFrame frame;
  private final StackView view;
  private final JLabel seriesLabel = new JLabel("waiting for the series");
  private final JProgressBar progress = new JProgressBar();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile LoadHandle handle;
  private boolean[] finalImages = new boolean[0];
  private long firstImageMs = -1;

  private ViewerWindow(String title) {
    frame = new JFrame(title);
    view = new StackView(this::prioritize);
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    frame.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosed(WindowEvent e) {
        closed.countDown();
      }
    });
    frame.getContentPane().add(seriesPanel(), BorderLayout.WEST);
    frame.getContentPane().add(view, BorderLayout.CENTER);
    frame.pack();
    frame.setLocation(0, 0);
  }

  /** Creates and shows the window on the event thread. */
  public static ViewerWindow open(String title) {
    ViewerWindow window = onEdt(() -> new ViewerWindow(title));
    onEdt(() -> {
      window.frame.setVisible(true);
      window.view.requestFocusInWindow();
      return null;
    });
    return window;
  }

  /** The listener to load with: it hands each delivery to the event thread. */
  public LoadListener listener() {
    return new EdtListener();
  }

  /** The running load, prioritized at the shown image from now on. */
  public void attach(LoadHandle loadHandle) {
    handle = loadHandle;
    loadHandle.prioritize(onEdt(view::index));
  }

  public String badgeText() {
    return onEdt(view::badgeText);
  }

  public String timingText() {
    return onEdt(view::timingText);
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

  private JPanel seriesPanel() {
    JPanel panel = new JPanel();
    panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
    panel.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
    panel.setPreferredSize(new Dimension(220, 0));
    panel.add(new JLabel("Series"));
    panel.add(Box.createVerticalStrut(6));
    panel.add(seriesLabel);
    progress.setStringPainted(true);
    progress.setString("0 / 0 final");
    progress.setAlignmentX(0);
    progress.setMaximumSize(new Dimension(Integer.MAX_VALUE, progress.getPreferredSize().height));
    panel.add(progress);
    return panel;
  }

  private void prioritize(int index) {
    LoadHandle h = handle;
    if (h != null) {
      h.prioritize(index);
    }
  }

  private void showSeries(List<ImageRef> refs) {
    finalImages = new boolean[refs.size()];
    progress.setMaximum(refs.size());
    updateProgress();
    if (!refs.isEmpty()) {
      ImageRef first = refs.get(0);
      seriesLabel.setText(refs.size() + " images, " + first.pixels().columns() + "x" + first.pixels().rows());
    }
    view.setImageCount(refs.size());
  }

  private void showImage(ImageEvent e, StackView.Shown shown) {
    if (firstImageMs < 0) {
      firstImageMs = e.elapsedMs();
      view.setTiming("first image " + firstImageMs + " ms · all final …");
    }
    if (e.status().isFinal() && e.imageIndex() < finalImages.length) {
      finalImages[e.imageIndex()] = true;
      updateProgress();
    }
    view.setImage(e.imageIndex(), shown);
  }

  private void showSummary(LoadSummary s) {
    String fin = s.finalMs() < 0 ? "never" : s.finalMs() + " ms";
    String failed = s.failedImages() > 0 ? " · " + s.failedImages() + " failed" : "";
    view.setTiming("first image " + s.firstImageMs() + " ms · all final " + fin + failed);
  }

  private void updateProgress() {
    int done = 0;
    for (boolean f : finalImages) {
      done += f ? 1 : 0;
    }
    progress.setValue(done);
    progress.setString(done + " / " + finalImages.length + " final");
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

  /** Renders rasters on the engine's thread (keeping only the 8-bit image) and updates the UI on the EDT. */
  private final class EdtListener implements LoadListener {
    @Override
    public void onSeries(List<ImageRef> images) {
      List<ImageRef> refs = List.copyOf(images);
      SwingUtilities.invokeLater(() -> showSeries(refs));
    }

    @Override
    public void onImage(ImageEvent event) {
      var pixels = event.image().pixels();
      StackView.Shown shown = new StackView.Shown(event.status(), GreyImage.render(event.raster(), pixels),
          pixels.columns(), pixels.rows());
      ImageEvent light = withoutRaster(event);
      SwingUtilities.invokeLater(() -> showImage(light, shown));
    }

    @Override
    public void onError(ErrorEvent event) {
      // The summary reports failed images; a stage error alone is retried by a later stage.
    }

    @Override
    public void onComplete(LoadSummary summary) {
      SwingUtilities.invokeLater(() -> showSummary(summary));
    }

    private static ImageEvent withoutRaster(ImageEvent e) {
      return new ImageEvent(e.imageIndex(), e.image(), e.status(), e.rows(), e.columns(), e.decodeLevel(),
          e.bytesReceived(), e.totalBytes(), e.stageId(), e.elapsedMs(), e.sourceIndex(), null);
    }
  }
}
