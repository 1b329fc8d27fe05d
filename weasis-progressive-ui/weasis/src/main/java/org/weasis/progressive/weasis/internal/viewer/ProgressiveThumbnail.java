package org.weasis.progressive.weasis.internal.viewer;

import java.awt.Dimension;
import java.lang.reflect.InvocationTargetException;
import java.util.function.UnaryOperator;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.gui.util.GuiExecutor;
import org.weasis.core.api.image.OpManager;
import org.weasis.core.api.media.data.ImageElement;
import org.weasis.core.api.media.data.MediaElement;
import org.weasis.core.api.media.data.MediaSeries;
import org.weasis.core.api.media.data.SeriesThumbnail;
import org.weasis.core.api.media.data.TagW;
import org.weasis.core.api.media.data.Thumbnail;
import org.weasis.dicom.codec.HiddenSeriesManager;
import org.weasis.dicom.explorer.main.SeriesPane;
import org.weasis.opencv.data.ImageCV;
import org.weasis.opencv.data.PlanarImage;
import org.weasis.opencv.op.ImageConversion;
import org.weasis.opencv.op.ImageIOHandler;

/**
 * The series thumbnail of a series our engine loads: it shows the version of the series' image that was
 * handed to the viewer last, rendered the way Weasis renders its thumbnails, and is redrawn as that image
 * refines. Weasis' own thumbnail reads its image once on a thumbnail thread, writes it to a JPEG file and
 * paints it from that file afterwards: it would keep the first, blurred version, and the file costs a
 * decode per paint. This one keeps the small rendered image in memory instead.
 */
public final class ProgressiveThumbnail extends SeriesThumbnail {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressiveThumbnail.class);

  /** The rendered thumbnail; replaced and released on the event thread only, where it is painted. */
  private PlanarImage image;

  private ProgressiveThumbnail(MediaSeries<? extends MediaElement> series) {
    super(series, getThumbnailSizeFromPreferences(), HiddenSeriesManager::getRelatedIcons);
  }

  /**
   * Makes the series' thumbnail one of ours, on the event thread, before Weasis' explorer shows the
   * series (it takes the thumbnail the series holds). A thumbnail the explorer already shows (a series
   * Weasis began loading itself) is swapped in its series pane.
   */
  public static void install(MediaSeries<? extends MediaElement> series) {
    GuiExecutor.execute(() -> {
      Object held = series.getTagValue(TagW.Thumbnail);
      if (held instanceof ProgressiveThumbnail) {
        return;
      }
      series.setTag(TagW.Thumbnail, new ProgressiveThumbnail(series));
      if (held instanceof Thumbnail old) {
        if (old.getParent() instanceof SeriesPane pane) {
          pane.updateThumbnail();
        }
        old.dispose();
      }
    });
  }

  /**
   * Renders {@code element}'s current image as the series' thumbnail. Runs off the event thread: the image
   * is decoded (or taken from Weasis' cache) here.
   */
  static void render(MediaSeries<? extends MediaElement> series, ImageElement element) {
    ProgressiveThumbnail thumbnail = ours(series);
    if (thumbnail == null) {
      // Installed by a task the event thread has not run yet (it may be docking the viewer): a series whose one
      // version came meanwhile kept Weasis' empty icon for good.
      awaitEventThread();
      thumbnail = ours(series);
    }
    if (thumbnail == null) {
      return;
    }
    try {
      renderInto(thumbnail, element);
    } catch (RuntimeException e) {
      // The image itself was shown: a thumbnail that cannot be made keeps its former picture.
      LOG.debug("Cannot render the thumbnail of {}", element, e);
    }
  }

  private static ProgressiveThumbnail ours(MediaSeries<? extends MediaElement> series) {
    return series.getTagValue(TagW.Thumbnail) instanceof ProgressiveThumbnail thumbnail ? thumbnail : null;
  }

  /** Returns once the event thread has run what was queued before; at once on the event thread. */
  private static void awaitEventThread() {
    if (SwingUtilities.isEventDispatchThread()) {
      return;
    }
    try {
      SwingUtilities.invokeAndWait(() -> { });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("an empty task failed", e.getCause());
    }
  }

  private static void renderInto(ProgressiveThumbnail thumbnail, ImageElement element) {
    PlanarImage rendered = thumbnailOf(element, thumbnail.getThumbnailSize());
    if (rendered != null) {
      GuiExecutor.execute(() -> thumbnail.show(rendered));
    }
  }

  /**
   * {@code element}'s current image, rendered with its window/level into at most {@code size}×{@code size}
   * pixels (see {@link #scaledThenRendered}). Null when the element has no image.
   */
  static PlanarImage thumbnailOf(ImageElement element, int size) {
    PlanarImage source = element.getImage();
    return source == null ? null : scaledThenRendered(source, size, element::getRenderedImage);
  }

  /**
   * {@code source} scaled to at most {@code size}×{@code size}, then rendered by {@code render}: a new image the
   * caller releases, never {@code source} (Weasis' cached image). Scaled before it is rendered, unlike Weasis'
   * own thumbnails: the window/level lookup then runs over the thumbnail's pixels instead of the image's. For a
   * 3036² image that lookup had kept a core busy for about 240 ms while the viewer docked and painted its first
   * image (a JFR recording of the side by side).
   */
  static PlanarImage scaledThenRendered(PlanarImage source, int size, UnaryOperator<PlanarImage> render) {
    PlanarImage small = ImageIOHandler.buildThumbnail(source, new Dimension(size, size), true);
    PlanarImage rendered = null;
    try {
      rendered = small == null ? null : render.apply(small);
    } finally {
      if (small != null && small != source && rendered != small) {
        ImageConversion.releasePlanarImage(small); // also when the rendering failed: native memory
      }
    }
    if (rendered == source) { // already thumbnail-sized and shown as it is: a copy, released with the thumbnail
      rendered = ImageCV.fromMat(source.toMat().clone());
    }
    return rendered;
  }

  private void show(PlanarImage next) {
    PlanarImage old = image;
    image = next;
    if (old != null) {
      ImageConversion.releasePlanarImage(old);
    }
    repaint();
  }

  /** Weasis asks for the image at each paint: ours, never a file read (null shows the series' icon). */
  @Override
  protected PlanarImage getImage(MediaElement media, boolean keepMediaCache, OpManager opManager) {
    return image;
  }

  @Override
  public void dispose() {
    super.dispose();
    GuiExecutor.execute(() -> {
      if (image != null) {
        ImageConversion.releasePlanarImage(image);
        image = null;
      }
    });
  }
}
