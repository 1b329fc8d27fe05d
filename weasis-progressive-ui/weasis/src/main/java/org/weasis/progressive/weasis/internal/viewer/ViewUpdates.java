package org.weasis.progressive.weasis.internal.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.swing.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.explorer.ObservableEvent;
import org.weasis.core.api.gui.util.GuiExecutor;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.api.media.data.SeriesEvent;
import org.weasis.core.ui.editor.image.ImageViewerPlugin;
import org.weasis.core.ui.editor.image.ViewCanvas;
import org.weasis.core.ui.editor.image.ViewerPlugin;
import org.weasis.dicom.codec.DicomImageElement;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.explorer.DicomModel;

/**
 * The work one series' versions give Weasis' event thread, done there in batches: the series thread queues
 * each new image and each better version and goes on at once, and one event-thread task takes everything
 * queued since the last one. Waiting for the event thread at each version (it also opens the viewer and
 * paints) had cost about 30 ms per version under load, and a stack's first versions flooded it with one task
 * each before the first image could be painted. A better version that comes while the previous one still
 * waits takes its place: the one overtaken is never shown.
 */
final class ViewUpdates {
  private static final Logger LOG = LoggerFactory.getLogger(ViewUpdates.class);
  /** How soon an image being decoded by another thread is tried again. */
  private static final int RETRY_MS = 5;

  private final DicomModel model;
  private final DicomSeries series;
  /** Decodes the new versions of shown images, off the event thread. */
  private final Executor background;
  /** Told on the event thread of each element that reads a better version from now on. */
  private final Consumer<DicomImageElement> swapped;
  private final Object lock = new Object();
  /** Guarded by lock. */
  private final List<DicomImageElement> added = new ArrayList<>();
  /** Guarded by lock. */
  private final Map<DicomImageElement, Swap> swaps = new LinkedHashMap<>();
  /** Guarded by lock: an event-thread task will take what is queued. */
  private boolean drainQueued;
  /** Guarded by lock: an event-thread task took a batch and is applying it. */
  private boolean applying;

  /**
   * A better version of an image: its file (null when the version was written in place, in the file the element
   * reads already: a frame of a multi-frame instance), and the quality line to show with it.
   */
  private record Swap(Path file, String quality) {}

  ViewUpdates(DicomModel model, DicomSeries series, Executor background,
      Consumer<DicomImageElement> swapped) {
    this.model = model;
    this.series = series;
    this.background = background;
    this.swapped = swapped;
  }

  /** A new image of the series: the views of the series still empty take it, the viewer is told. */
  void added(DicomImageElement element) {
    synchronized (lock) {
      added.add(element);
      requestDrain();
    }
  }

  /** {@code element} is to read {@code file} from now on, with {@code quality} as its quality line. */
  void replaced(DicomImageElement element, Path file, String quality) {
    synchronized (lock) {
      Swap overtaken = swaps.put(element, new Swap(file, quality));
      if (overtaken != null) {
        delete(overtaken.file());
      }
      requestDrain();
    }
  }

  /**
   * {@code element}'s file holds a better version now, written in place under the element's lock: the element
   * drops the pixels it decoded before and shows {@code quality}.
   */
  void rewritten(DicomImageElement element, String quality) {
    replaced(element, null, quality);
  }

  /**
   * Waits until everything queued so far is in Weasis' model: each element reads its last version. The views
   * showing one may repaint later: a 3036² image takes Weasis' event thread seconds on a busy machine.
   */
  void awaitApplied() throws InterruptedException {
    while (true) {
      synchronized (lock) {
        if (added.isEmpty() && swaps.isEmpty() && !drainQueued && !applying) {
          return;
        }
      }
      Thread.sleep(RETRY_MS);
    }
  }

  /** Guarded by lock. */
  private void requestDrain() {
    if (!drainQueued) {
      drainQueued = true;
      GuiExecutor.execute(this::drain);
    }
  }

  /** On the event thread: applies everything queued. */
  private void drain() {
    List<DicomImageElement> newImages;
    Map<DicomImageElement, Swap> better;
    synchronized (lock) {
      newImages = List.copyOf(added);
      better = new LinkedHashMap<>(swaps);
      added.clear();
      swaps.clear();
      drainQueued = false;
      applying = true;
    }
    try {
      apply(newImages, better);
    } finally {
      synchronized (lock) {
        applying = false;
      }
    }
  }

  private void apply(List<DicomImageElement> newImages, Map<DicomImageElement, Swap> better) {
    if (!newImages.isEmpty()) {
      // A view opened on this series before it had any image (the viewer opens while the frames
      // download) is given the series again, now that it has one, as Weasis does for a view without
      // images; a view that opened on an image without its pixels is set up again by the event. A view
      // that now shows the image rendered it already: the event would render it a second time, on the event
      // thread, before the first paint.
      showInEmptyViews();
      newImages.stream().filter(ViewUpdates::shownWithoutPixels).forEach(this::fireUpdate);
    }
    List<Path> oldFiles = new ArrayList<>();
    List<DicomImageElement> shownNow = new ArrayList<>();
    List<DicomImageElement> done = new ArrayList<>();
    boolean retry = false;
    for (Map.Entry<DicomImageElement, Swap> e : better.entrySet()) {
      if (!swap(e.getKey(), e.getValue(), oldFiles)) {
        retry |= requeue(e.getKey(), e.getValue());
        continue;
      }
      done.add(e.getKey());
    }
    for (DicomImageElement element : done) {
      swapped.accept(element);
      if (viewsShowing(element).isEmpty()) {
        fireUpdate(element);
      } else {
        shownNow.add(element);
      }
    }
    if (retry) {
      Timer timer = new Timer(RETRY_MS, t -> drainLater());
      timer.setRepeats(false);
      timer.start();
    }
    if (!oldFiles.isEmpty() || !shownNow.isEmpty()) {
      background.execute(() -> {
        oldFiles.forEach(ViewUpdates::delete);
        shownNow.forEach(DicomImageElement::getImage); // decoded here, so the views refresh at once
        GuiExecutor.execute(() -> shownNow.forEach(this::refreshViews));
      });
    }
  }

  private void drainLater() {
    synchronized (lock) {
      if (drainQueued) {
        return;
      }
      drainQueued = true;
    }
    drain();
  }

  /**
   * Points the element at its new file, adding the file it read before to {@code oldFiles} (for a version
   * written in place, only drops the pixels decoded before; the reader's header, dropped with them, is read
   * again with its functional groups' LUTs, see {@link MultiFrameReader}); false when another thread is decoding the
   * element now (it is tried again shortly). Holding the element's lock
   * keeps any thread from starting a load while the source changes; a load already running would read (or
   * lose) the old file, and a failed read marks the element unreadable for good. The presenter queues
   * only elements read by a {@link DicomMediaIO}.
   */
  private static boolean swap(DicomImageElement element, Swap swap, List<Path> oldFiles) {
    DicomMediaIO reader = (DicomMediaIO) element.getMediaReader();
    if (element.isLoading()) {
      return false; // checked first so that the event thread does not wait for the decode's lock
    }
    synchronized (element) {
      if (element.isLoading()) {
        return false;
      }
      if (swap.file() != null) {
        Path old = reader.getFileCache().getOriginalTempFile();
        reader.replaceURI(swap.file().toUri());
        reader.getFileCache().setOriginalTempFile(swap.file());
        if (old != null && !old.equals(swap.file())) {
          oldFiles.add(old);
        }
      }
      element.removeImageFromCache();
      element.resetImageAvailable();
      element.setTag(QualityCorner.QUALITY, swap.quality());
      return true;
    }
  }

  /** Queues a swap again unless a better version came meanwhile; true when queued. */
  private boolean requeue(DicomImageElement element, Swap swap) {
    synchronized (lock) {
      if (swaps.containsKey(element)) {
        delete(swap.file());
        return false;
      }
      swaps.put(element, swap);
      return true;
    }
  }

  /** On the event thread: the views showing {@code element} take its new pixels; their display state stays. */
  private void refreshViews(DicomImageElement element) {
    for (ViewCanvas<?> view : viewsShowing(element)) {
      var layer = view.getImageLayer();
      layer.getDisplayOpManager().setFirstNode(layer.getSourceRenderedImage());
    }
    fireUpdate(element);
  }

  private void fireUpdate(DicomImageElement element) {
    model.firePropertyChange(new ObservableEvent(ObservableEvent.BasicAction.ADD, model, null,
        new SeriesEvent(SeriesEvent.Action.UPDATE_IMAGE, element, null)));
  }

  /** On the event thread: the views of this series that show no image yet take its first one. */
  @SuppressWarnings("unchecked")
  private void showInEmptyViews() {
    for (ViewCanvas<?> view : views()) {
      if (view.getSeries() == series && view.getImage() == null) {
        ((ViewCanvas<DicomImageElement>) view).setSeries(series, null);
      }
    }
  }

  /** True when a view shows {@code element} without having rendered it (it opened before the pixels came). */
  private static boolean shownWithoutPixels(DicomImageElement element) {
    return viewsShowing(element).stream().anyMatch(v -> v.getImageLayer().getDisplayImage() == null);
  }

  /** The views of the open viewers that show this element now (only those decode it at once). */
  private static List<ViewCanvas<?>> viewsShowing(DicomImageElement element) {
    return views().stream().filter(v -> v.getImage() == element).toList();
  }

  private static List<ViewCanvas<?>> views() {
    List<ViewCanvas<?>> views = new ArrayList<>();
    for (ViewerPlugin<?> plugin : GuiUtils.getUICore().getViewerPlugins()) {
      if (plugin instanceof ImageViewerPlugin<?> viewer) {
        views.addAll(viewer.getImagePanels());
      }
    }
    return views;
  }

  private static void delete(Path file) {
    if (file == null) {
      return; // a version written in place: nothing to delete
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("Cannot delete the replaced version {}", file, e);
    }
  }
}
