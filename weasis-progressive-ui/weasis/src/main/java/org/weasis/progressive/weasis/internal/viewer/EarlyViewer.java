package org.weasis.progressive.weasis.internal.viewer;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.explorer.model.DataExplorerModel;
import org.weasis.core.api.gui.util.GuiExecutor;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.api.media.data.MediaSeries;
import org.weasis.core.api.media.data.MediaSeriesGroup;
import org.weasis.core.api.media.data.Series;
import org.weasis.core.ui.editor.SeriesViewer;
import org.weasis.core.ui.editor.SeriesViewerFactory;
import org.weasis.core.ui.editor.ViewerOpenOptions;
import org.weasis.core.ui.editor.image.ImageViewerPlugin;
import org.weasis.core.util.StringUtil;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.explorer.HangingProtocols.OpeningViewer;
import org.weasis.dicom.explorer.PluginOpeningStrategy;

/**
 * The 2D viewer docked as soon as a study is asked for, while its queries are on the wire: the event thread
 * has nothing else to do then, and docking and first painting a viewer took it about 100 ms of the first
 * image's path when it came after the queries (JFR, "Opening studies in Weasis" in the README). It is docked
 * only when Weasis shows no viewer at all and opens viewers for loaded studies; otherwise Weasis' own opening
 * (which reuses a patient's viewer) goes on as before.
 *
 * <p>Docked empty and unnamed, it is taken by the first series {@linkplain #show shown}: named after its
 * patient, as Weasis names a viewer it opens. An open that ends with nothing to show {@linkplain #release
 * releases} it: closed if nobody took it. Everything here runs on the event thread, in order.
 */
public final class EarlyViewer {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyViewer.class);
  /** Weasis truncates a viewer's tab name to this many characters. */
  private static final int NAME_LENGTH = 25;

  private final DicomModel model;
  /** The viewer docked and not taken yet (event thread only). */
  private ImageViewerPlugin<?> waiting;

  public EarlyViewer(DicomModel model) {
    this.model = model;
  }

  /** Docks an empty 2D viewer when none is open, unless Weasis is set to open no viewer for loaded studies. */
  public void dock(OpeningViewer mode) {
    if (mode != OpeningViewer.NONE) {
      GuiExecutor.execute(this::dockNow);
    }
  }

  /**
   * Shows {@code series} of {@code patient}: in the docked viewer while nobody took it, otherwise the way Weasis
   * opens a series ({@code opening}, which reuses the patient's viewer). The caller added the patient to
   * {@code opening} already, so that a series' first image does not open a second viewer meanwhile.
   */
  public void show(PluginOpeningStrategy opening, MediaSeriesGroup patient, Series<?> series) {
    GuiExecutor.execute(() -> {
      ImageViewerPlugin<?> viewer = take();
      if (viewer != null && !inTwoDimensions(series)) { // a video, a report, a presentation state: not for it
        close(viewer);
        viewer = null;
      }
      if (viewer == null) {
        opening.removePatient(patient);
        opening.openViewerPlugin(patient, model, series);
        return;
      }
      name(viewer, patient);
      addSeries(viewer, series);
      LOG.debug("Series {} shown in the viewer docked early", series);
    });
  }

  /**
   * The open that docked a viewer has nothing to show: the viewer closes, unless a series is shown in it. It is
   * unselected first: Weasis' close leaves its 2D tools bound to the last viewer selected.
   */
  public void release() {
    GuiExecutor.execute(() -> {
      ImageViewerPlugin<?> viewer = take();
      if (viewer != null) {
        close(viewer);
      }
    });
  }

  private static void close(ImageViewerPlugin<?> viewer) {
    viewer.setSelected(false);
    GuiUtils.getUICore().closeSeriesViewer(List.of(viewer));
  }

  private void dockNow() {
    if (waiting != null || !GuiUtils.getUICore().getViewerPlugins().isEmpty()) {
      return;
    }
    SeriesViewerFactory factory = GuiUtils.getUICore().getViewerFactory(DicomMediaIO.SERIES_MIMETYPE);
    if (factory == null) {
      return;
    }
    SeriesViewer<?> viewer = factory.createSeriesViewer(ViewerOpenOptions.defaults(), model);
    if (!(viewer instanceof ImageViewerPlugin<?> plugin)) {
      viewer.close();
      return;
    }
    plugin.showDockable(ViewerOpenOptions.defaults());
    plugin.setSelectedAndGetFocus();
    waiting = plugin;
  }

  /** The docked viewer if it is still open, and no longer waiting. */
  private ImageViewerPlugin<?> take() {
    ImageViewerPlugin<?> viewer = waiting;
    waiting = null;
    if (viewer == null || !GuiUtils.getUICore().getViewerPlugins().contains(viewer)) {
      return null;
    }
    return viewer;
  }

  private static boolean inTwoDimensions(Series<?> series) {
    return DicomMediaIO.SERIES_MIMETYPE.equals(series.getMimeType()) && !DicomModel.isHiddenModality(series);
  }

  /** As Weasis names a viewer it opens for a patient: the group, its name on the tab and its tooltip. */
  private static void name(ImageViewerPlugin<?> viewer, MediaSeriesGroup patient) {
    String title = patient.toString();
    viewer.setGroupID(patient);
    viewer.getDockable().setTitleToolTip(title);
    viewer.setPluginName(StringUtil.getTruncatedString(title, NAME_LENGTH, StringUtil.Suffix.THREE_PTS));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void addSeries(ImageViewerPlugin viewer, MediaSeries series) {
    viewer.selectLayoutPositionForAddingSeries(List.of(series));
    viewer.addSeries(series);
    viewer.setSelected(true);
  }
}
