package org.weasis.progressive.weasis.internal.viewer;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import javax.swing.Timer;
import org.dcm4che3.data.Tag;
import org.weasis.core.api.gui.util.GuiExecutor;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.api.media.data.MediaSeries;
import org.weasis.core.ui.editor.image.ImageViewerPlugin;
import org.weasis.core.ui.editor.image.ViewCanvas;
import org.weasis.core.ui.editor.image.ViewerPlugin;
import org.weasis.dicom.codec.TagD;

/**
 * Follows which images of a series the open 2D views show, so that the engine fetches the next version of
 * the image the user looks at before the others. Weasis fires no event when a view scrolls to another image
 * of its series, so the views are polled on the event thread five times a second: one pass over the open
 * views, a few references each.
 */
public final class ShownImages implements AutoCloseable {
  private static final int PERIOD_MS = 200;

  private final MediaSeries<?> series;
  private final Consumer<Frame> onShown;
  private final Timer timer;
  /** The frames shown at the last poll; event thread only. */
  private Set<Frame> shown = Set.of();

  /** An image of the series: a frame of an instance (1 for a single-frame instance). */
  public record Frame(String sopInstanceUid, int frameNumber) {}

  private ShownImages(MediaSeries<?> series, Consumer<Frame> onShown) {
    this.series = series;
    this.onShown = onShown;
    this.timer = new Timer(PERIOD_MS, e -> poll());
  }

  /**
   * Calls {@code onShown} (on the event thread) with each frame of {@code series} that a view starts showing,
   * until closed.
   */
  public static ShownImages follow(MediaSeries<?> series, Consumer<Frame> onShown) {
    ShownImages images = new ShownImages(series, onShown);
    images.timer.start();
    return images;
  }

  private void poll() {
    Set<Frame> now = new HashSet<>();
    for (ViewerPlugin<?> plugin : GuiUtils.getUICore().getViewerPlugins()) {
      if (plugin instanceof ImageViewerPlugin<?> viewer) {
        for (ViewCanvas<?> view : viewer.getImagePanels()) {
          if (view.getSeries() == series && view.getImage() != null) {
            String sop = TagD.getTagValue(view.getImage(), Tag.SOPInstanceUID, String.class);
            if (sop != null) {
              // Weasis keys the element of a multi-frame instance's frame by its index from 0.
              now.add(new Frame(sop, view.getImage().getKey() instanceof Integer index ? index + 1 : 1));
            }
          }
        }
      }
    }
    for (Frame frame : now) {
      if (!shown.contains(frame)) {
        onShown.accept(frame);
      }
    }
    shown = now;
  }

  @Override
  public void close() {
    GuiExecutor.execute(timer::stop);
  }
}
