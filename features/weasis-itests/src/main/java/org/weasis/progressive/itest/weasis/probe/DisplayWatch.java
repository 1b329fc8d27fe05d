package org.weasis.progressive.itest.weasis.probe;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.Icon;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;
import org.dcm4che3.data.Tag;
import org.opencv.core.CvType;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.gui.util.ActionW;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.api.media.data.MediaSeries;
import org.weasis.core.api.media.data.SeriesThumbnail;
import org.weasis.core.api.media.data.TagW;
import org.weasis.core.ui.editor.image.ImageViewerPlugin;
import org.weasis.core.ui.editor.image.ViewCanvas;
import org.weasis.core.ui.editor.image.ViewerPlugin;
import org.weasis.dicom.codec.TagD;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.opencv.data.PlanarImage;

/**
 * What the user sees while a study loads, sampled on Weasis' event thread and written to its log, one line per
 * open 2D view and per series thumbnail and sample ({@code probe:watch SECONDS [SCROLL_TO]}):
 * <ul>
 *   <li>{@code probe view n=K series=UID sop=SOP display=WxH lit=F}: the view's displayed image (after window/level)
 *       and the share of its sampled pixels that are not black, and the binding's quality line of the image
 *       ({@code quality="759×759 of 3036×3036, sub-resolution"}, empty once final); {@code display=none} when the
 *       view has none;
 *   <li>{@code probe thumbnail n=K series=UID covered=F bar=V/M}: the share of the thumbnail's area its icon paints
 *       (an image fills it, the "no image" icon covers a fifth) and its progress bar, {@code bar=none} once the
 *       series is loaded.
 * </ul>
 * With {@code SCROLL_TO}, once a series of the study in the first view holds more than that many images, the
 * view is given that series and scrolled to that image (0-based), once, as a user would, and {@code probe scrolled series=UID index=I sop=SOP}
 * is logged; {@code probe:watch SECONDS SCROLL_TO SERIES_UID} does so with that series, at once.
 */
@Component(
    service = DisplayWatch.class,
    property = {"osgi.command.scope=probe", "osgi.command.function=watch"})
public final class DisplayWatch {
  private static final Logger LOG = LoggerFactory.getLogger(DisplayWatch.class);
  private static final long PERIOD_MS = 250;
  /** Rows and columns sampled of a displayed image (a 3036² one has 9 M pixels). */
  private static final int GRID = 64;
  private static final int SAMPLES_BEFORE_SCROLL = 4;

  public void watch(String seconds) {
    watch(seconds, "-1");
  }

  public void watch(String seconds, String scrollTo) {
    watch(seconds, scrollTo, null, SAMPLES_BEFORE_SCROLL);
  }

  /**
   * As {@code watch SECONDS SCROLL_TO}, but the view is given the series {@code seriesUid} as soon as it holds
   * more than {@code scrollTo} images (a user opening the series the moment it appears).
   */
  public void watch(String seconds, String scrollTo, String seriesUid) {
    watch(seconds, scrollTo, seriesUid, 0);
  }

  private void watch(String seconds, String scrollTo, String seriesUid, int samplesBefore) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(seconds));
    int target = Integer.parseInt(scrollTo);
    Thread.ofPlatform().name("probe-watch").daemon().start(() -> run(end, target, seriesUid, samplesBefore));
  }

  private void run(long end, int scrollTo, String seriesUid, int samplesBefore) {
    AtomicBoolean scrolled = new AtomicBoolean(scrollTo < 0);
    int[] viewSamples = new int[1];
    try {
      for (int n = 0; System.nanoTime() < end; n++) {
        int sample = n;
        SwingUtilities.invokeAndWait(() -> {
          // The view opened by the load is watched for a second before the scroll takes it elsewhere.
          viewSamples[0] += views().isEmpty() ? 0 : 1;
          if (!scrolled.get() && viewSamples[0] > samplesBefore) {
            scrolled.set(scroll(scrollTo, seriesUid));
          }
          logViews(sample);
          logThumbnails(sample);
        });
        Thread.sleep(PERIOD_MS);
      }
      LOG.info("probe watch done");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (InvocationTargetException | RuntimeException e) {
      LOG.error("probe watch failed", e);
    }
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

  /**
   * Once a series of the study shown in the first view (the one of {@code seriesUid}, or any when null) holds
   * more than {@code index} images: opens it in that view (as dropping its thumbnail there would) and scrolls
   * to the image, as dragging the slider would.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean scroll(int index, String seriesUid) {
    for (ViewCanvas view : views()) {
      MediaSeries<?> shown = view.getSeries();
      if (shown == null) {
        continue;
      }
      for (MediaSeries<?> series : studySeries(shown)) {
        if (series.size(null) > index && (seriesUid == null || seriesUid.equals(uid(series)))) {
          if (series != shown) {
            view.setSeries(series);
          }
          ((ViewCanvas<?>) view).getEventManager().getAction(ActionW.SCROLL_SERIES)
              .ifPresent(s -> s.setSliderValue(index + 1));
          view.getJComponent().repaint(); // the view was given its series directly, not by its container
          LOG.info("probe scrolled series={} index={} sop={}", uid(series), index, sop(view));
          return true;
        }
      }
      return false;
    }
    return false;
  }

  /** The series of the study {@code series} belongs to. */
  private static List<MediaSeries<?>> studySeries(MediaSeries<?> series) {
    List<MediaSeries<?>> all = new ArrayList<>();
    if (series.getTagValue(TagW.ExplorerModel) instanceof DicomModel model) {
      for (var group : model.getChildren(model.getParent(series, DicomModel.study))) {
        if (group instanceof MediaSeries<?> s) {
          all.add(s);
        }
      }
    }
    return all;
  }

  private static void logViews(int n) {
    for (ViewCanvas<?> view : views()) {
      MediaSeries<?> series = view.getSeries();
      if (series == null) {
        continue;
      }
      PlanarImage display = view.getImageLayer().getDisplayImage();
      if (display == null || display.width() <= 0) {
        LOG.info("probe view n={} series={} sop={} display=none", n, uid(series), sop(view));
      } else {
        LOG.info("probe view n={} series={} sop={} display={}x{} lit={} quality=\"{}\"", n, uid(series), sop(view),
            display.width(), display.height(), String.format("%.3f", lit(display)), quality(view));
      }
    }
  }

  private static void logThumbnails(int n) {
    for (ViewCanvas<?> view : views()) {
      // The thumbnails of the study the first view shows.
      if (view.getSeries() == null) {
        continue;
      }
      for (MediaSeries<?> s : studySeries(view.getSeries())) {
        if (s.getTagValue(TagW.Thumbnail) instanceof SeriesThumbnail t) {
          JProgressBar bar = t.getProgressBar();
          LOG.info("probe thumbnail n={} series={} covered={} bar={}", n, uid(s),
              String.format("%.3f", covered(t)), bar == null ? "none" : bar.getValue() + "/" + bar.getMaximum());
        }
      }
      return;
    }
  }

  /** Share of the sampled pixels of an 8- or 16-bit displayed image that are above zero. */
  private static double lit(PlanarImage image) {
    int channels = CvType.channels(image.type());
    boolean wide = CvType.ELEM_SIZE(image.type()) / channels == 2;
    int lit = 0;
    int count = 0;
    for (int gy = 0; gy < GRID; gy++) {
      int y = (int) ((long) gy * image.height() / GRID);
      for (int gx = 0; gx < GRID; gx++) {
        int x = (int) ((long) gx * image.width() / GRID);
        boolean on;
        if (wide) {
          short[] v = new short[channels];
          image.get(y, x, v);
          on = v[0] != 0;
        } else {
          byte[] v = new byte[channels];
          image.get(y, x, v);
          on = v[0] != 0;
        }
        lit += on ? 1 : 0;
        count++;
      }
    }
    return (double) lit / count;
  }

  /** Share of the thumbnail's square that its icon paints. */
  private static double covered(SeriesThumbnail thumbnail) {
    Icon icon = thumbnail.getIcon();
    if (icon == null || icon.getIconWidth() <= 0) {
      return 0;
    }
    int w = icon.getIconWidth();
    int h = icon.getIconHeight();
    BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = canvas.createGraphics();
    try {
      icon.paintIcon(thumbnail, g, 0, 0);
    } finally {
      g.dispose();
    }
    int painted = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        painted += (canvas.getRGB(x, y) >>> 24) != 0 ? 1 : 0;
      }
    }
    return (double) painted / ((long) w * h);
  }

  /** The binding's quality line of the view's image (the tag its corner information prints), "" when none. */
  private static String quality(ViewCanvas<?> view) {
    if (view.getImage() == null) {
      return "";
    }
    var tags = view.getImage().getTagEntrySetIterator();
    while (tags.hasNext()) {
      var tag = tags.next();
      if ("ProgressiveQuality".equals(tag.getKey().getKeyword()) && tag.getValue() != null) {
        return tag.getValue().toString();
      }
    }
    return "";
  }

  private static String uid(MediaSeries<?> series) {
    return TagD.getTagValue(series, Tag.SeriesInstanceUID, String.class);
  }

  private static String sop(ViewCanvas<?> view) {
    return view.getImage() == null ? "none" : TagD.getTagValue(view.getImage(), Tag.SOPInstanceUID, String.class);
  }
}
