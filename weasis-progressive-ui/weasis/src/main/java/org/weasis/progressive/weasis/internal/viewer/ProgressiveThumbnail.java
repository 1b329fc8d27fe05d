package org.weasis.progressive.weasis.internal.viewer;

import java.awt.Dimension;
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
    if (!(series.getTagValue(TagW.Thumbnail) instanceof ProgressiveThumbnail thumbnail)) {
      return;
    }
    try {
      renderInto(thumbnail, element);
    } catch (RuntimeException e) {
      // The image itself was shown: a thumbnail that cannot be made keeps its former picture.
      LOG.debug("Cannot render the thumbnail of {}", element, e);
    }
  }

  private static void renderInto(ProgressiveThumbnail thumbnail, ImageElement element) {
    PlanarImage source = element.getImage();
    if (source == null) {
      return;
    }
    PlanarImage rendered = element.getRenderedImage(source);
    // At the size it is painted (Weasis scales its thumbnail files the same way when reading them).
    int size = thumbnail.getThumbnailSize();
    PlanarImage small = ImageIOHandler.buildThumbnail(rendered, new Dimension(size, size), true);
    if (rendered != source && rendered != small) {
      ImageConversion.releasePlanarImage(rendered);
    }
    if (small != null) {
      GuiExecutor.execute(() -> thumbnail.show(small));
    }
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
