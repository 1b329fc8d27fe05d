package org.weasis.progressive.weasis.internal.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.explorer.ObservableEvent;
import org.weasis.core.api.gui.util.GuiExecutor;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.api.media.data.MediaSeries;
import org.weasis.core.api.media.data.MediaSeriesGroup;
import org.weasis.core.api.media.data.SeriesEvent;
import org.weasis.core.ui.editor.image.ViewerPlugin;
import org.weasis.core.ui.editor.image.ImageViewerPlugin;
import org.weasis.core.ui.editor.image.ViewCanvas;
import org.weasis.dicom.codec.DicomImageElement;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.codec.TagD;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.explorer.PluginOpeningStrategy;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.decoder.PixelDescription;

/**
 * Hands the versions of one series' images to Weasis: the first version of an image becomes a new
 * {@link DicomImageElement} of the series (as Weasis' own loader adds a downloaded file), each better
 * one replaces that element's file in place, so the views keep their zoom, window/level, slice and
 * drawings. One file per version, written once; a replaced file is deleted. Called from one thread per
 * series, in the order the versions came.
 */
public final class SeriesPresenter {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesPresenter.class);

  private final DicomModel model;
  private final DicomSeries series;
  private final PluginOpeningStrategy opening;
  private final Path directory;
  /** Our elements by SOPInstanceUID: the image a better version replaces. */
  private final Map<String, DicomImageElement> shown = new HashMap<>();
  /** The header written for each SOPInstanceUID, built once from the metadata. */
  private final Map<String, Attributes> headers = new HashMap<>();
  private boolean seriesTagsWritten;
  /** The image the series thumbnail was last rendered from. */
  private DicomImageElement thumbnailSource;

  public SeriesPresenter(
      DicomModel model, DicomSeries series, PluginOpeningStrategy opening, Path directory) {
    this.model = model;
    this.series = series;
    this.opening = opening;
    this.directory = directory;
  }

  /**
   * Shows one version. Returns false when it was not handed to the viewer: the image is already there
   * from Weasis' own loader (a stock download is final), or Weasis could not read what we wrote.
   */
  public boolean present(ImageEvent event, Attributes metadata) throws IOException {
    String sop = event.image().sopInstanceUid();
    DicomImageElement element = shown.get(sop);
    if (element == null && heldByWeasis(sop)) {
      return false;
    }
    PixelDescription pixels = event.image().pixels();
    Attributes header = headers.computeIfAbsent(sop, s -> InstanceFile.header(metadata, pixels));
    byte[] bytes = FullGrid.pixelBytes(event.raster(), pixels.rows(), pixels.columns());
    Path file = Files.createTempFile(directory, "progressive_", ".dcm");
    try {
      InstanceFile.write(file, header, bytes, pixels.bitsAllocated());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    String quality = QualityText.of(event);
    if (element == null) {
      return add(sop, file, quality);
    }
    return replace(element, file, quality);
  }

  private boolean heldByWeasis(String sop) {
    return series.hasMediaContains(TagD.get(Tag.SOPInstanceUID), sop);
  }

  /** The first version: a new element, added the way Weasis' series loader adds a file. */
  private boolean add(String sop, Path file, String quality) throws IOException {
    DicomMediaIO reader = new DicomMediaIO(file);
    DicomImageElement[] images = reader.isReadableDicom() ? reader.getMediaElement() : null;
    if (images == null || images.length == 0) {
      reader.close();
      Files.deleteIfExists(file);
      LOG.warn("Weasis cannot read the image we wrote for {}", sop);
      return false;
    }
    reader.getFileCache().setOriginalTempFile(file); // Weasis deletes it when the series closes
    if (!seriesTagsWritten) {
      writeSeriesTags(reader);
      seriesTagsWritten = true;
    }
    DicomImageElement element = images[0];
    element.setTag(QualityCorner.QUALITY, quality);
    shown.put(sop, element);
    model.applySplittingRules(series, element);
    MediaSeriesGroup patient = model.getParent(series, DicomModel.patient);
    if (patient != null && opening != null) {
      opening.openViewerPlugin(patient, model, series);
    }
    // A view that opened on this image without getting its pixels stays black until its image changes:
    // Weasis' viewer sets such a view up again on this event (queued after the viewer's opening).
    // A view opened on this series before it had any image (the viewer opens while the frames download)
    // is given the series again, now that it has one, as Weasis does for a view without images.
    GuiExecutor.execute(() -> {
      showInEmptyViews();
      model.firePropertyChange(new ObservableEvent(ObservableEvent.BasicAction.ADD,
          model, null, new SeriesEvent(SeriesEvent.Action.UPDATE_IMAGE, element, null)));
    });
    if (thumbnailSource == null || element == middle()) {
      renderThumbnail(element);
    }
    return true;
  }

  /** Copies the first instance's patient, study and series attributes, as Weasis' loader does. */
  private void writeSeriesTags(DicomMediaIO reader) {
    MediaSeriesGroup patient = model.getParent(series, DicomModel.patient);
    MediaSeriesGroup study = model.getParent(series, DicomModel.study);
    if (patient != null) {
      reader.writeMetaData(patient);
    }
    if (study != null) {
      reader.writeMetaData(study);
    }
    reader.writeMetaData(series);
    GuiExecutor.execute(() -> model.firePropertyChange(
        new ObservableEvent(ObservableEvent.BasicAction.UPDATE_PARENT, model, null, series)));
  }

  /**
   * A better version: the element reads the new file from now on. Its decoded image and cached header
   * are dropped first, the new pixels are decoded here (off the event thread), then the views showing it
   * take them as their source; their display state (zoom, window/level, slice) is theirs and stays.
   */
  private boolean replace(DicomImageElement element, Path file, String quality) throws IOException {
    if (!(element.getMediaReader() instanceof DicomMediaIO reader)) {
      Files.deleteIfExists(file);
      return false;
    }
    Path[] old = new Path[1];
    List<ViewCanvas<?>> views = new ArrayList<>();
    boolean[] swapped = new boolean[1];
    while (!swapped[0]) {
      if (!awaitNoLoad(element)) {
        deleteReplaced(file, null); // cancelled: the element keeps the version it shows
        return false;
      }
      GuiExecutor.invokeAndWait(() -> {
        // Holding the element's lock keeps any thread from starting a load while the source changes;
        // a load already running would read (or lose) the old file, and a failed read marks the
        // element unreadable for good.
        synchronized (element) {
          if (element.isLoading()) {
            return;
          }
          old[0] = reader.getFileCache().getOriginalTempFile();
          reader.replaceURI(file.toUri());
          reader.getFileCache().setOriginalTempFile(file);
          element.removeImageFromCache();
          element.resetImageAvailable();
          element.setTag(QualityCorner.QUALITY, quality);
          swapped[0] = true;
        }
        views.addAll(viewsShowing(element));
      });
    }
    if (!views.isEmpty()) {
      element.getImage(); // decode now, off the event thread, so the views refresh at once
    }
    GuiExecutor.invokeAndWait(() -> {
      for (ViewCanvas<?> view : views) {
        var layer = view.getImageLayer();
        layer.getDisplayOpManager().setFirstNode(layer.getSourceRenderedImage());
      }
      model.firePropertyChange(new ObservableEvent(ObservableEvent.BasicAction.ADD, model, null,
          new SeriesEvent(SeriesEvent.Action.UPDATE_IMAGE, element, null)));
    });
    deleteReplaced(old[0], file);
    if (element == middle()) {
      renderThumbnail(element);
    }
    return true;
  }

  /**
   * Waits, off the event thread, until no thread is decoding the element's current file; false when
   * interrupted.
   */
  private static boolean awaitNoLoad(DicomImageElement element) {
    while (element.isLoading()) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** On the event thread: the views of this series that show no image yet take its first one. */
  @SuppressWarnings("unchecked")
  private void showInEmptyViews() {
    for (ViewerPlugin<?> plugin : GuiUtils.getUICore().getViewerPlugins()) {
      if (plugin instanceof ImageViewerPlugin<?> viewer) {
        for (ViewCanvas<?> view : viewer.getImagePanels()) {
          if (view.getSeries() == series && view.getImage() == null) {
            ((ViewCanvas<DicomImageElement>) view).setSeries(series, null);
          }
        }
      }
    }
  }

  /** The views of the open viewers that show this element now (only those decode it at once). */
  private static List<ViewCanvas<?>> viewsShowing(DicomImageElement element) {
    List<ViewCanvas<?>> views = new ArrayList<>();
    for (ViewerPlugin<?> plugin : GuiUtils.getUICore().getViewerPlugins()) {
      if (plugin instanceof ImageViewerPlugin<?> viewer) {
        for (ViewCanvas<?> view : viewer.getImagePanels()) {
          if (view.getImage() == element) {
            views.add(view);
          }
        }
      }
    }
    return views;
  }

  /** Calls {@code onShown} with each image of this series a 2D view starts showing, until closed. */
  public ShownImages followShownImages(java.util.function.Consumer<String> onShown) {
    return ShownImages.follow(series, onShown);
  }

  /**
   * The series ends: its thumbnail shows the middle image, as Weasis' own thumbnails do (during the load
   * it showed the first image shown until the middle one came).
   */
  public void finish() {
    DicomImageElement middle = middle();
    if (middle != null && middle != thumbnailSource && shown.containsValue(middle)) {
      renderThumbnail(middle);
    }
  }

  /** The image Weasis' series thumbnail shows: the middle one of the series as sorted now. */
  private DicomImageElement middle() {
    return series.getMedia(MediaSeries.MEDIA_POSITION.MIDDLE, null, null);
  }

  private void renderThumbnail(DicomImageElement element) {
    thumbnailSource = element;
    ProgressiveThumbnail.render(series, element);
  }

  private static void deleteReplaced(Path old, Path now) {
    if (old != null && !old.equals(now)) {
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        LOG.debug("Cannot delete the replaced version {}", old, e);
      }
    }
  }
}
