package org.weasis.progressive.weasis.internal.viewer;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.awt.dnd.DragSource;
import java.awt.image.BufferedImage;
import java.awt.image.VolatileImage;
import java.beans.PropertyChangeListener;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.swing.Icon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.explorer.model.DataExplorerModel;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.ui.docking.DockableTool;
import org.weasis.core.ui.editor.SeriesViewer;
import org.weasis.core.ui.editor.SeriesViewerFactory;
import org.weasis.core.ui.editor.ViewerOpenOptions;
import org.weasis.core.ui.editor.image.ImageViewerPlugin;
import org.weasis.core.ui.editor.image.ViewCanvas;
import org.weasis.core.ui.util.Toolbar;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.explorer.wado.DownloadManager;

/**
 * Pays, once Weasis is up and idle, what the first opening of its 2D viewer costs in a fresh JVM, so that the
 * user's first study does not: measured in the SDK's Weasis, the first viewer took 1-1.3 s of the event thread
 * (loading and initialising the viewer's classes, its tool bars and tools, their SVG icons, the first paint of
 * each) against a few hundred ms for the next one. It builds the viewer the DICOM factory would open, lays it out
 * and paints it, its tool bars and its tools into an off-screen image (never on screen), then takes it apart the
 * way closing a viewer does: it is never registered as a viewer plugin nor docked, and the listener its factory
 * adds to the DICOM model is removed again.
 *
 * <p>Each step is one task on the event thread ({@link EventThreadSteps}), so that a user's event waits at most for
 * one step. Before each step the warm-up gives up when a study is loading or a viewer is open ({@code busy}): the
 * user's load goes first, and whatever was built is taken apart at once.
 */
public final class ViewerWarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(ViewerWarmUp.class);
  /** The viewer's size when the main window has none yet. */
  private static final Dimension FALLBACK = new Dimension(1280, 960);
  /** How long to wait for Weasis to be up. */
  private static final long WINDOW_WAIT_MS = TimeUnit.MINUTES.toMillis(2);
  private static final long WINDOW_POLL_MS = 100;

  private final DataExplorerModel model;
  private final BooleanSupplier busy;
  private final long start = System.nanoTime();
  private SeriesViewer<?> viewer;

  private ViewerWarmUp(DataExplorerModel model, BooleanSupplier busy) {
    this.model = model;
    this.busy = busy;
  }

  /**
   * Waits (on the calling thread, not the event thread) until Weasis is up, its bundles started ({@code started})
   * and its main window showing, then warms the viewer on the event thread, step by step; {@code busy} says a load
   * started or a viewer is open: then it stops.
   */
  public static void runWhenUp(DataExplorerModel model, BooleanSupplier started, BooleanSupplier busy)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WINDOW_WAIT_MS);
    while (!(started.getAsBoolean() && windowShowing())) {
      if (System.nanoTime() > deadline) {
        LOG.info("progressive warm-up viewer=skipped reason=not-up");
        return;
      }
      Thread.sleep(WINDOW_POLL_MS);
    }
    new ViewerWarmUp(model, busy).start();
  }

  /** True when no study is loading and no viewer is open: the warm-up runs only then. */
  public static boolean idle() {
    return GuiUtils.getUICore().getViewerPlugins().isEmpty()
        && DownloadManager.getTasks().isEmpty();
  }

  private static boolean windowShowing() {
    Window window = GuiUtils.getUICore().getApplicationWindow();
    return window != null && window.isShowing();
  }

  /** The steps, each on the event thread after the previous one, and what ends them. */
  private void start() {
    new EventThreadSteps(List.of(new EventThreadSteps.Step("build", this::build),
        new EventThreadSteps.Step("paint-viewer", this::paintViewer),
        new EventThreadSteps.Step("paint-toolbars", this::paintToolbars),
        new EventThreadSteps.Step("paint-tools", this::paintTools),
        new EventThreadSteps.Step("title-icons", this::paintTitleIcons),
        new EventThreadSteps.Step("drag-cursors", ViewerWarmUp::loadDragCursors)), busy, this::takeApart,
        new EventThreadSteps.Outcome() {
          @Override
          public void done(String times) {
            LOG.info("progressive warm-up viewer=done ms={} steps={}", elapsedMs(), times);
            warmRendering(viewerSize());
          }

          @Override
          public void stopped(String before) {
            LOG.info("progressive warm-up viewer=stopped before={} ms={}", before, elapsedMs());
          }

          @Override
          public void ended(String step, RuntimeException error) {
            if (error != null) {
              LOG.warn("progressive warm-up viewer=failed step={}", step, error);
            }
          }
        }).start();
  }

  /**
   * Then the rasteriser, off the event thread (see {@link RenderingWarmUp}): the viewer's one paint above ran it
   * too little for the JIT's optimising tier, which compiled it during the first study's first paint instead.
   * Then, on the same thread, Weasis' window/level rendering (see {@link LookupWarmUp}), which the empty viewer's
   * paint never runs.
   */
  private void warmRendering(Dimension size) {
    // Lowest priority, as the codecs' warm-ups: on systems that honour it, a user browsing meanwhile goes first.
    Thread.ofPlatform().daemon().priority(Thread.MIN_PRIORITY).name("weasis-progressive warm-up (rendering)")
        .start(() -> renderShapes(size));
  }

  private void renderShapes(Dimension size) {
    long begin = System.nanoTime();
    try {
      int shapes = RenderingWarmUp.run(size.width, size.height, RenderingWarmUp.SHAPES, busy);
      LOG.info("progressive warm-up rendering={} shapes={} ms={}", shapes < RenderingWarmUp.SHAPES ? "stopped" : "done",
          shapes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
      if (shapes == RenderingWarmUp.SHAPES) {
        warmLookups();
      }
    } catch (RuntimeException e) {
      LOG.warn("progressive warm-up rendering=failed", e);
    }
  }

  private void warmLookups() {
    long begin = System.nanoTime();
    try {
      int passes = LookupWarmUp.run(LookupWarmUp.PASSES, busy);
      LOG.info("progressive warm-up lookups={} passes={} ms={}", passes < LookupWarmUp.PASSES ? "stopped" : "done",
          passes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    } catch (RuntimeException | LinkageError e) { // another Weasis' imaging libraries than those we built on
      LOG.warn("progressive warm-up lookups=failed", e);
    }
  }

  private boolean build() {
    SeriesViewerFactory factory = GuiUtils.getUICore().getViewerFactory(DicomMediaIO.SERIES_MIMETYPE);
    if (factory == null) {
      LOG.info("progressive warm-up viewer=skipped reason=no-viewer-factory");
      return false;
    }
    viewer = factory.createSeriesViewer(ViewerOpenOptions.defaults(), model);
    if (!(viewer instanceof ImageViewerPlugin<?>)) {
      LOG.info("progressive warm-up viewer=skipped reason=not-an-image-viewer");
      return false;
    }
    return true;
  }

  private boolean paintViewer() {
    paint(((ImageViewerPlugin<?>) viewer), viewerSize());
    return true;
  }

  private boolean paintToolbars() {
    for (Toolbar bar : viewer.getSeriesViewerUI().getToolBars()) {
      paintAtPreferredSize(bar.getComponent());
    }
    return true;
  }

  private boolean paintTools() {
    for (DockableTool tool : viewer.getSeriesViewerUI().getTools()) {
      paintAtPreferredSize(tool.getToolComponent());
    }
    return true;
  }

  /**
   * The icons of the viewer's and its tools' dock titles, which only docking shows: a JFR recording of the first
   * study had the event thread parse their SVG files (FlatLaf keeps each parsed file, by its address) while it
   * laid out the docked titles, between the docking and the first image.
   */
  private boolean paintTitleIcons() {
    paintIcon(((ImageViewerPlugin<?>) viewer).getDockable().getTitleIcon());
    for (DockableTool tool : viewer.getSeriesViewerUI().getTools()) {
      paintIcon(tool.getDockable().getTitleIcon());
    }
    return true;
  }

  /**
   * AWT's drag cursors, which a series thumbnail's drag listeners load (the {@link DragSource} class): a JFR
   * recording of the first study had the event thread load them from X11 while it made the study's first
   * thumbnail, before the first image.
   */
  private static boolean loadDragCursors() {
    try {
      DragSource.getDefaultDragSource();
    } catch (RuntimeException | LinkageError e) { // a cursor the display cannot make: Swing will say so itself
      LOG.warn("progressive warm-up drag-cursors=failed", e);
    }
    return true;
  }

  private static void paintIcon(Icon icon) {
    if (icon == null || icon.getIconWidth() <= 0 || icon.getIconHeight() <= 0) {
      return;
    }
    BufferedImage image = new BufferedImage(icon.getIconWidth(), icon.getIconHeight(), BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      icon.paintIcon(null, g, 0, 0);
    } finally {
      g.dispose();
    }
  }

  private static void paintAtPreferredSize(Component part) {
    Dimension size = part.getPreferredSize();
    paint(part, new Dimension(Math.clamp(size.width, 1, FALLBACK.width), Math.clamp(size.height, 1,
        FALLBACK.height)));
  }

  /**
   * Undoes what building the viewer did, as closing a viewer does (its factory's listener on the model, its
   * views), without the docking: the viewer was never docked. Its static tool bars and tools stay: they are
   * Weasis' own, made once for every 2D viewer.
   */
  private void takeApart() {
    if (viewer == null) {
      return;
    }
    if (viewer instanceof PropertyChangeListener listener) {
      model.removePropertyChangeListener(listener);
    }
    if (viewer instanceof ImageViewerPlugin<?> plugin) {
      for (ViewCanvas<?> view : plugin.getImagePanels()) {
        view.disposeView();
      }
    }
    viewer = null;
  }

  private static Dimension viewerSize() {
    Window window = GuiUtils.getUICore().getApplicationWindow();
    Dimension size = window == null ? null : window.getSize();
    return size == null || size.width <= 0 || size.height <= 0 ? FALLBACK : size;
  }

  /** Lays {@code component} out at {@code size} and paints it into an image the screen's pipeline renders. */
  private static void paint(Component component, Dimension size) {
    component.setSize(size);
    layOut(component);
    GraphicsConfiguration config = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
        .getDefaultConfiguration();
    VolatileImage image = config.createCompatibleVolatileImage(size.width, size.height);
    Graphics2D g = image.createGraphics();
    try {
      component.paint(g);
    } finally {
      g.dispose();
      image.flush();
    }
  }

  /** Lays out a tree that has no window (validate() does nothing there). */
  private static void layOut(Component component) {
    if (component instanceof Container container) {
      container.doLayout();
      for (Component child : container.getComponents()) {
        layOut(child);
      }
    }
  }

  private long elapsedMs() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
