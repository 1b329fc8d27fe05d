package org.weasis.progressive.weasis.internal.viewer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.weasis.core.api.explorer.ObservableEvent;
import org.weasis.core.api.gui.util.GuiExecutor;
import org.weasis.core.api.media.data.MediaSeries;
import org.weasis.core.api.media.data.MediaSeriesGroup;
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
 * drawings. One file per version, written once; a replaced file is deleted. A multi-frame instance is one
 * file whose frames are overwritten in place ({@link MultiFrameFile}), its frames the elements Weasis' reader
 * makes of it. Called from one thread per series, in the order the versions came.
 */
public final class SeriesPresenter {
  private final DicomModel model;
  private final DicomSeries series;
  private final PluginOpeningStrategy opening;
  private final Path directory;
  /** Renders the series thumbnail, off the thread that hands the versions over. */
  private final Executor thumbnails;
  /** The image the thumbnail is to show next, while a rendering is queued; null when none is. */
  private final AtomicReference<DicomImageElement> thumbnailWanted = new AtomicReference<>();
  /** Our elements by SOPInstanceUID: the image a better version replaces. */
  private final Map<String, DicomImageElement> shown = new HashMap<>();
  /** Our multi-frame instances by SOPInstanceUID. */
  private final Map<String, MultiFrame> multiFrames = new HashMap<>();
  /**
   * The multi-frame instances whose file could not be made or read, with why: each later version of their frames
   * fails with that reason, so that the series counts the frames missing instead of dropping them unseen.
   */
  private final Map<String, String> unreadable = new HashMap<>();
  /** Every element we put in the series; series thread only. */
  private final Set<DicomImageElement> ours = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The full-grid pixels of the version being written, reused from version to version; series thread only. */
  private ByteBuffer pixelBuffer;
  /** The header written for each SOPInstanceUID, built once from the metadata. */
  private final Map<String, Attributes> headers = new HashMap<>();
  private boolean seriesTagsWritten;
  /** The image the series thumbnail was last rendered from. */
  private volatile DicomImageElement thumbnailSource;
  private final ViewUpdates updates;
  private final HandOverTiming timing = new HandOverTiming();

  /**
   * @param thumbnails where the series thumbnail is rendered: rendering decodes the image, which took as long
   *     as the rest of a hand-over, so it runs beside the versions that follow instead of before them
   * @param decodes where the better versions of the images the views show are decoded, off the event thread
   */
  public SeriesPresenter(DicomModel model, DicomSeries series, PluginOpeningStrategy opening, Path directory,
      Executor thumbnails, Executor decodes) {
    this.model = model;
    this.series = series;
    this.opening = opening;
    this.directory = directory;
    this.thumbnails = thumbnails;
    this.updates = new ViewUpdates(model, series, decodes, e -> {
      if (e == middle()) {
        renderThumbnail(e);
      }
    });
  }

  /**
   * Shows one version. Returns false when it was not handed to the viewer because the image is already there
   * from Weasis' own loader (a stock download is final).
   *
   * @throws IOException when the version cannot be shown: Weasis cannot read what we wrote, a write failed, or
   *     the multi-frame instance of the frame could not be made before (the message names the instance)
   */
  public boolean present(ImageEvent event, Attributes metadata) throws IOException {
    int frames = metadata.getInt(Tag.NumberOfFrames, 1);
    if (frames > 1) {
      return presentFrame(event, metadata, frames);
    }
    String sop = event.image().sopInstanceUid();
    DicomImageElement element = shown.get(sop);
    if (element == null && heldByWeasis(sop)) {
      return false;
    }
    timing.begin();
    PixelDescription pixels = event.image().pixels();
    Attributes header = headers.computeIfAbsent(sop, s -> InstanceFile.header(metadata, pixels));
    ByteBuffer bytes = fullGrid(event);
    Path file = Files.createTempFile(directory, "progressive_", ".dcm");
    try {
      InstanceFile.write(file, header, bytes, pixels.bitsAllocated());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    timing.mark(HandOverTiming.Step.WRITE);
    String quality = QualityText.of(event);
    boolean handed = element == null ? add(sop, file, quality) : replace(element, file, quality);
    if (handed) {
      timing.end();
    }
    return handed;
  }

  /**
   * A version of one frame of a multi-frame instance: the instance's file is made at its first version (see
   * {@link MultiFrameFile}) and Weasis' reader makes its elements, one per frame; each version is written over
   * its frame, under the lock Weasis holds while it decodes that frame's element, so no decode reads a frame
   * half written. A frame's element joins the series at its first version: frames without one are not shown.
   */
  private boolean presentFrame(ImageEvent event, Attributes metadata, int frames) throws IOException {
    String sop = event.image().sopInstanceUid();
    MultiFrame instance = multiFrames.get(sop);
    if (instance == null) {
      String reason = unreadable.get(sop);
      if (reason != null) {
        throw new IOException("frame " + event.image().frameNumber() + " of " + sop + " cannot be shown: "
            + reason);
      }
      if (heldByWeasis(sop)) {
        return false;
      }
    }
    int frame = event.image().frameNumber();
    if (frame > frames) {
      throw new IOException("frame " + frame + " of " + sop + " is past its NumberOfFrames " + frames);
    }
    timing.begin();
    ByteBuffer bytes = fullGrid(event);
    if (instance == null) {
      try {
        instance = openMultiFrame(sop, metadata, event.image().pixels(), frames);
      } catch (IOException | RuntimeException e) {
        unreadable.put(sop, "its multi-frame file could not be made: " + e); // its other frames would fail the same
        throw e;
      }
      multiFrames.put(sop, instance);
    }
    DicomImageElement element = instance.elements()[frame - 1];
    synchronized (element) { // the lock ViewUpdates swaps under and Weasis decodes under
      instance.file().writeFrame(frame, bytes);
    }
    timing.mark(HandOverTiming.Step.WRITE);
    String quality = QualityText.of(event);
    if (ours.contains(element)) {
      updates.rewritten(element, quality);
      timing.mark(HandOverTiming.Step.EDT);
    } else {
      show(element, quality);
    }
    timing.end();
    return true;
  }

  /**
   * Writes the multi-frame file of {@code sop} with no frame yet and has Weasis read it.
   *
   * @throws IOException when the file cannot be written, Weasis cannot read it, or Weasis makes another number of
   *     elements than the instance has frames
   */
  private MultiFrame openMultiFrame(String sop, Attributes metadata, PixelDescription pixels, int frames)
      throws IOException {
    MultiFrameFile written = MultiFrameFile.create(directory, InstanceFile.header(metadata, pixels), frames,
        Math.toIntExact(pixels.frameBytes()), pixels.bitsAllocated());
    Path file = written.path();
    DicomMediaIO reader = read(new MultiFrameReader(file), file, sop);
    DicomImageElement[] elements = reader.getMediaElement();
    if (elements.length != frames) {
      reader.close();
      Files.deleteIfExists(file);
      throw new IOException("Weasis made " + elements.length + " images of the " + frames + " frames of " + sop);
    }
    return new MultiFrame(written, elements);
  }

  /** The version's pixels on the image's full grid, in the series' reused buffer when they are 16-bit. */
  private ByteBuffer fullGrid(ImageEvent event) {
    PixelDescription pixels = event.image().pixels();
    ByteBuffer bytes = FullGrid.pixels(event.raster(), pixels.rows(), pixels.columns(), pixelBuffer);
    if (bytes.isDirect()) {
      pixelBuffer = bytes; // the next version's grid: one buffer per series, this thread only
    }
    timing.mark(HandOverTiming.Step.GRID);
    return bytes;
  }

  /** Where the hand-over time of this series' versions went. */
  public HandOverTiming timing() {
    return timing;
  }

  private boolean heldByWeasis(String sop) {
    return series.hasMediaContains(TagD.get(Tag.SOPInstanceUID), sop);
  }

  /** The first version: a new element, added the way Weasis' series loader adds a file. */
  private boolean add(String sop, Path file, String quality) throws IOException {
    DicomImageElement element = read(new DicomMediaIO(file), file, sop).getMediaElement()[0];
    shown.put(sop, element);
    show(element, quality);
    return true;
  }

  /**
   * {@code reader} of {@code file}, which we wrote and Weasis deletes when the series closes. The first file read gives
   * the patient, study and series their attributes.
   *
   * @throws IOException (the file deleted) when Weasis cannot read it
   */
  private DicomMediaIO read(DicomMediaIO reader, Path file, String sop) throws IOException {
    DicomImageElement[] images = reader.isReadableDicom() ? reader.getMediaElement() : null;
    timing.mark(HandOverTiming.Step.READ);
    if (images == null || images.length == 0) {
      reader.close();
      Files.deleteIfExists(file);
      throw new IOException("Weasis cannot read the image we wrote for " + sop);
    }
    reader.getFileCache().setOriginalTempFile(file); // Weasis deletes it when the series closes
    if (!seriesTagsWritten) {
      writeSeriesTags(reader);
      seriesTagsWritten = true;
    }
    return reader;
  }

  /** Puts a new element in the series, as Weasis' loader does, and has the views and the thumbnail show it. */
  private void show(DicomImageElement element, String quality) {
    element.setTag(QualityCorner.QUALITY, quality);
    ours.add(element);
    model.applySplittingRules(series, element);
    MediaSeriesGroup patient = model.getParent(series, DicomModel.patient);
    if (patient != null && opening != null) {
      opening.openViewerPlugin(patient, model, series);
    }
    updates.added(element);
    timing.mark(HandOverTiming.Step.MODEL);
    if (thumbnailSource == null || element == middle()) {
      renderThumbnail(element);
    }
    timing.mark(HandOverTiming.Step.THUMBNAIL);
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
   * A better version: the element reads the new file from now on (on the event thread, see
   * {@link ViewUpdates}); the views showing it take its pixels, and keep their display state (zoom,
   * window/level, slice). The series thumbnail follows once the element reads it.
   */
  private boolean replace(DicomImageElement element, Path file, String quality) throws IOException {
    if (!(element.getMediaReader() instanceof DicomMediaIO)) {
      Files.deleteIfExists(file);
      return false;
    }
    updates.replaced(element, file, quality);
    timing.mark(HandOverTiming.Step.EDT);
    return true;
  }

  /** Calls {@code onShown} with each frame of this series a 2D view starts showing, until closed. */
  public ShownImages followShownImages(java.util.function.Consumer<ShownImages.Frame> onShown) {
    return ShownImages.follow(series, onShown);
  }

  /**
   * The series ends: once Weasis holds every version handed over, its thumbnail shows the middle image, as Weasis' own thumbnails do (during the load
   * it showed the first image shown until the middle one came).
   */
  public void finish() {
    pixelBuffer = null; // up to 18 MB outside the heap: not kept once the series is loaded
    try {
      updates.awaitApplied();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    DicomImageElement middle = middle();
    if (middle != null && middle != thumbnailSource && ours.contains(middle)) {
      renderThumbnail(middle);
    }
  }

  /** The image Weasis' series thumbnail shows: the middle one of the series as sorted now. */
  private DicomImageElement middle() {
    return series.getMedia(MediaSeries.MEDIA_POSITION.MIDDLE, null, null);
  }

  /**
   * Has the series thumbnail show {@code element}'s current version. Renderings do not queue up: one
   * queued takes the image wanted last when it runs.
   */
  private void renderThumbnail(DicomImageElement element) {
    thumbnailSource = element;
    if (thumbnailWanted.getAndSet(element) == null) {
      thumbnails.execute(() -> ProgressiveThumbnail.render(series, thumbnailWanted.getAndSet(null)));
    }
  }

  /** A multi-frame instance we show: its file, and Weasis' element of each frame (index = frame number - 1). */
  private record MultiFrame(MultiFrameFile file, DicomImageElement[] elements) {}
}
