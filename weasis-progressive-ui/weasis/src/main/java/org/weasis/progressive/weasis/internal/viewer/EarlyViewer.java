package org.weasis.progressive.weasis.internal.viewer;

import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.util.List;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.api.media.data.MediaSeriesGroup;
import org.weasis.core.api.media.data.Series;
import org.weasis.core.ui.editor.SeriesViewer;
import org.weasis.core.ui.editor.SeriesViewerFactory;
import org.weasis.core.ui.editor.ViewerOpenOptions;
import org.weasis.core.ui.editor.image.ImageViewerPlugin;
import org.weasis.core.ui.editor.image.ViewerPlugin;
import org.weasis.core.util.StringUtil;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.explorer.HangingProtocols.OpeningViewer;
import org.weasis.dicom.explorer.PluginOpeningStrategy;

/**
 * The 2D viewer one open docks while its study's queries are on the wire: Weasis' event thread has nothing else
 * to do then, and docking and first painting a viewer took it about 100 ms of the first image's path when it came
 * after the queries (JFR, "Opening studies in Weasis" in the README). It is docked only when Weasis shows no
 * viewer at all, its main window is up on one screen, and it opens viewers for loaded studies; otherwise Weasis'
 * own opening (which reuses a patient's viewer) goes on as before.
 *
 * <p>Docked empty and unnamed, it is {@linkplain #show shown} the open's first series and named after its
 * patient, as Weasis names a viewer it opens; an open that ends with nothing to show {@linkplain #release
 * releases} it (closed). Weasis' log says which: {@code progressive viewer early=shown series=UID} or
 * {@code progressive viewer early=closed}. Each open has its own: a second open at the same time finds a viewer
 * open and docks none. Everything here runs on the event thread, in the order the open posts it.
 */
public final class EarlyViewer {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyViewer.class);
  /** Weasis truncates a viewer's tab name to this many characters. */
  private static final int NAME_LENGTH = 25;

  private final DicomModel model;
  /** The viewer docked and not shown nor released yet (event thread only). */
  private ImageViewerPlugin<?> docked;

  private EarlyViewer(DicomModel model) {
    this.model = model;
  }

  /**
   * Docks an empty 2D viewer on the event thread, alongside the caller's queries (posted, never run on the
   * caller's thread, even when that is the event thread), unless Weasis is set to open no viewer for loaded
   * studies.
   */
  public static EarlyViewer dock(DicomModel model, OpeningViewer mode) {
    EarlyViewer early = new EarlyViewer(model);
    if (mode != OpeningViewer.NONE) {
      SwingUtilities.invokeLater(early::dockNow);
    }
    return early;
  }

  /**
   * Shows {@code series} of {@code patient}: in the viewer docked for this open, otherwise the way Weasis opens a
   * series ({@code opening}, which closes previous viewers when so set and reuses the patient's viewer). The
   * caller added the patient to {@code opening} already, so that a series' first image does not open a second
   * viewer meanwhile.
   */
  public void show(PluginOpeningStrategy opening, MediaSeriesGroup patient, Series<?> series) {
    SwingUtilities.invokeLater(() -> {
      ImageViewerPlugin<?> viewer = take();
      if (viewer != null && (!inTwoDimensions(series) || viewerOf(patient) != null)) {
        close(viewer); // a video, a report; or the patient has a viewer already: Weasis' own way
        viewer = null;
      }
      if (viewer != null && showIn(viewer, patient, series)) {
        LOG.info("progressive viewer early=shown series={}", series.getTagValue(series.getTagID()));
        return;
      }
      opening.prepareImport();
      opening.removePatient(patient);
      opening.openViewerPlugin(patient, model, series);
    });
  }

  /** The open has nothing to show: the viewer docked for it closes. */
  public void release() {
    SwingUtilities.invokeLater(() -> {
      ImageViewerPlugin<?> viewer = take();
      if (viewer != null) {
        close(viewer);
        LOG.info("progressive viewer early=closed");
      }
    });
  }

  private void dockNow() {
    if (!GuiUtils.getUICore().getViewerPlugins().isEmpty() || !oneScreenWindowUp()) {
      return;
    }
    SeriesViewerFactory factory = GuiUtils.getUICore().getViewerFactory(DicomMediaIO.SERIES_MIMETYPE);
    if (factory == null) {
      return;
    }
    SeriesViewer<?> viewer = factory.createSeriesViewer(ViewerOpenOptions.defaults(), model);
    if (!(viewer instanceof ImageViewerPlugin<?> plugin)) {
      if (viewer != null) {
        viewer.close();
      }
      return;
    }
    docked = plugin; // before the docking: a docking that fails half-way still gets closed
    try {
      plugin.showDockable(ViewerOpenOptions.defaults());
      plugin.setSelectedAndGetFocus();
    } catch (RuntimeException e) {
      LOG.warn("Cannot dock a viewer while the study is queried: {}", e.toString());
      docked = null;
      close(plugin);
    }
  }

  /**
   * Weasis docks viewers once its main window is up, and on several screens sets them up to go to another one:
   * neither is for an early viewer.
   */
  private static boolean oneScreenWindowUp() {
    Window window = GuiUtils.getUICore().getApplicationWindow();
    return window != null && window.isShowing()
        && GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices().length == 1;
  }

  /** The docked viewer if it is still open (the user may have closed it), and no longer docked for the open. */
  private ImageViewerPlugin<?> take() {
    ImageViewerPlugin<?> viewer = docked;
    docked = null;
    if (viewer == null || !GuiUtils.getUICore().getViewerPlugins().contains(viewer)) {
      return null;
    }
    return viewer;
  }

  /** True when the viewer shows the series, named after its patient; closed when that failed. */
  private static boolean showIn(ImageViewerPlugin<?> viewer, MediaSeriesGroup patient, Series<?> series) {
    try {
      name(viewer, patient);
      addSeries(viewer, series);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Cannot show series {} in the viewer docked while its study was queried: {}", series, e.toString());
      close(viewer);
      return false;
    }
  }

  private static boolean inTwoDimensions(Series<?> series) {
    return DicomMediaIO.SERIES_MIMETYPE.equals(series.getMimeType()) && !DicomModel.isHiddenModality(series);
  }

  /** A viewer Weasis opened for the patient meanwhile (another load of theirs). */
  private static ViewerPlugin<?> viewerOf(MediaSeriesGroup patient) {
    List<ViewerPlugin<?>> viewers = GuiUtils.getUICore().getViewerPlugins();
    synchronized (viewers) {
      return viewers.stream().filter(v -> patient.equals(v.getGroupID())).findFirst().orElse(null);
    }
  }

  /** As Weasis names a viewer it opens for a patient: the group, its name on the tab and its tooltip. */
  private static void name(ImageViewerPlugin<?> viewer, MediaSeriesGroup patient) {
    String title = patient.toString();
    viewer.setGroupID(patient);
    viewer.getDockable().setTitleToolTip(title);
    viewer.setPluginName(StringUtil.getTruncatedString(title, NAME_LENGTH, StringUtil.Suffix.THREE_PTS));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void addSeries(ImageViewerPlugin viewer, Series series) {
    viewer.selectLayoutPositionForAddingSeries(List.of(series));
    viewer.addSeries(series);
    viewer.setSelected(true);
  }

  /** Unselected first: Weasis' close leaves its 2D tools bound to the last viewer selected. */
  private static void close(ImageViewerPlugin<?> viewer) {
    viewer.setSelected(false);
    GuiUtils.getUICore().closeSeriesViewer(List.of(viewer));
  }
}
