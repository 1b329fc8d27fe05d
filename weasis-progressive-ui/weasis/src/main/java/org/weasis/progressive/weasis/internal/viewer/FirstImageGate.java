package org.weasis.progressive.weasis.internal.viewer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.swing.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.gui.util.GuiExecutor;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.api.media.data.MediaSeriesGroup;
import org.weasis.core.ui.editor.image.ImageViewerPlugin;
import org.weasis.core.ui.editor.image.ViewCanvas;
import org.weasis.core.ui.editor.image.ViewerPlugin;
import org.weasis.dicom.explorer.DicomModel;

/**
 * Holds back a study's hand-overs while Weasis' viewer opens and paints the study's first image: the first
 * version of the series the viewer opens on goes to Weasis at once, the others wait until a view displays an
 * image of the study. Opening Weasis' first viewer takes its event thread about a second (far longer under
 * load), and the versions handed over meanwhile (each one a file written, read back by Weasis, and a thumbnail
 * decoded) took the CPU that event thread needed, on 2 cores, without anyone seeing them before the first view
 * painted. The versions that wait are not lost: first versions all wait, a better version of an image replaces
 * the one that waits (see the load's version queue).
 *
 * <p>The gate opens when a view shows a decoded image of the study, when no view holds a series of the study
 * once the event thread has handled the opening (Weasis set not to open a viewer, or the user closed it), or at
 * the latest {@value #HOLD_MS} ms after the first version went through (an image Weasis cannot display).
 */
public final class FirstImageGate {
  private static final Logger LOG = LoggerFactory.getLogger(FirstImageGate.class);
  /** The longest the gate holds hand-overs back after the first version went through. */
  static final long HOLD_MS = 3000;
  /** How often the views are checked, on the event thread. */
  private static final int POLL_MS = 15;
  /**
   * Checks in a row without a view of the study before the gate opens for want of a viewer: the viewer's
   * opening was posted to the event thread before the first version went through, but Weasis may finish it in
   * later events.
   */
  private static final int CHECKS_WITHOUT_VIEW = 10;

  private final Supplier<ViewState> views;
  private final long holdMs;
  private final String studyUid;
  private final long startNanos;
  private final CountDownLatch open = new CountDownLatch(1);
  private final AtomicBoolean firstPassed = new AtomicBoolean();
  /** The series threads that waited at the gate. */
  private final AtomicInteger waited = new AtomicInteger();
  private volatile long firstPassNanos;
  /** Event thread only. */
  private Timer watch;
  /** Event thread only: checks in a row that found no view holding the study. */
  private int checksWithoutView;

  /**
   * @param study the study's node in Weasis' model
   * @param startNanos when the study's command came, for the timing line
   */
  public FirstImageGate(DicomModel model, MediaSeriesGroup study, String studyUid, long startNanos) {
    this(() -> viewState(model, study), HOLD_MS, studyUid, startNanos);
  }

  /**
   * @param views what the open views do with the study, asked on the event thread
   * @param holdMs the longest the gate holds hand-overs back after the first version went through
   */
  FirstImageGate(Supplier<ViewState> views, long holdMs, String studyUid, long startNanos) {
    this.views = views;
    this.holdMs = holdMs;
    this.studyUid = studyUid;
    this.startNanos = startNanos;
  }

  /**
   * Returns when a hand-over of {@code series} may go to Weasis: at once when the gate is open, or for the first
   * hand-over of the series the viewer opens on ({@code viewerSeries}); else once the gate opens. An interrupt
   * ends the wait with the thread's interrupt flag set.
   */
  public void awaitTurn(boolean viewerSeries) {
    if (isOpen()) {
      return;
    }
    if (viewerSeries && firstPassed.compareAndSet(false, true)) {
      firstPassNanos = System.nanoTime();
      GuiExecutor.execute(this::startWatching);
      return;
    }
    waited.incrementAndGet();
    awaitOpen();
  }

  /**
   * Returns once the gate is open (see the class comment for when, at the latest). An interrupt ends the wait
   * with the thread's interrupt flag set.
   */
  public void awaitOpen() {
    try {
      // Bounded even before the first version went through: that series' versions may never come.
      while (!open.await(holdMs, TimeUnit.MILLISECONDS)) {
        if (!firstPassed.get()) {
          openNow("no first version of the viewer's series in " + holdMs + " ms");
        } else if (elapsedMs(firstPassNanos) >= holdMs) {
          openNow("held " + holdMs + " ms");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The viewer's series will hand nothing over (it loads the stock way, failed, was stopped, or was already
   * loading): the other series do not wait for it. Does nothing once its first version went through.
   */
  public void viewerSeriesEnded(String why) {
    if (!firstPassed.get()) {
      openNow(why);
    }
  }

  /** True once hand-overs go to Weasis without waiting. */
  public boolean isOpen() {
    return open.getCount() == 0;
  }

  /** On the event thread, after the opening of the viewer was posted there: checks the views until one shows the study. */
  private void startWatching() {
    if (isOpen()) {
      return;
    }
    watch = new Timer(POLL_MS, e -> check());
    watch.setInitialDelay(0);
    watch.start();
  }

  private void check() {
    if (isOpen()) {
      watch.stop();
      return;
    }
    ViewState state = views.get();
    if (state == ViewState.SHOWN) {
      openNow("first image shown");
    } else if (state == ViewState.NO_VIEW && ++checksWithoutView >= CHECKS_WITHOUT_VIEW) {
      openNow("no view holds the study");
    } else if (elapsedMs(firstPassNanos) >= holdMs) {
      openNow("held " + holdMs + " ms");
    }
    if (state != ViewState.NO_VIEW) {
      checksWithoutView = 0;
    }
    if (isOpen()) {
      watch.stop();
    }
  }

  private void openNow(String why) {
    if (open.getCount() > 0) {
      open.countDown();
      LOG.info("progressive timing study={} first-image-gate open={} why=\"{}\" series-waited={}", studyUid,
          elapsedMs(startNanos), why, waited.get());
    }
  }

  /** What the open 2D views do with the study. */
  enum ViewState {
    /** No view holds a series of the study. */
    NO_VIEW,
    /** A view holds a series of the study, and none displays a decoded image of it yet. */
    HELD,
    /** A view displays a decoded image of the study. */
    SHOWN
  }

  private static ViewState viewState(DicomModel model, MediaSeriesGroup study) {
    ViewState state = ViewState.NO_VIEW;
    for (ViewerPlugin<?> plugin : GuiUtils.getUICore().getViewerPlugins()) {
      if (plugin instanceof ImageViewerPlugin<?> viewer) {
        for (ViewCanvas<?> view : viewer.getImagePanels()) {
          if (view.getSeries() instanceof MediaSeriesGroup series
              && model.getParent(series, DicomModel.study) == study) {
            if (view.getImage() != null && view.getImageLayer().getDisplayImage() != null) {
              return ViewState.SHOWN;
            }
            state = ViewState.HELD;
          }
        }
      }
    }
    return state;
  }

  private static long elapsedMs(long since) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
  }
}
