package org.weasis.progressive.itest.weasis.probe;

import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.ui.editor.SeriesViewer;
import org.weasis.core.ui.editor.image.ImageViewerPlugin;
import org.weasis.core.ui.editor.image.ViewerPlugin;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.viewer2d.EventManager;

/**
 * The viewers Weasis has open and what a viewer leaves behind ({@code probe:viewers}), logged once the event thread
 * has run what was queued before the command (a {@code dicom:close} given just before it closes its viewers that
 * way): {@code probe viewers count=N names=[NAME, ...] titles=[TITLE, ...] model-viewer-listeners=M
 * selected-2d=TITLE|none}, where a name is the viewer's kind ("2D Viewer") and a title the name on its tab, M
 * counts the viewers among the DICOM model's listeners (each open 2D viewer is one; a viewer taken apart must not
 * stay one) and the last is the 2D viewer Weasis' event manager holds as selected.
 */
@Component(
    service = ViewerCount.class,
    property = {"osgi.command.scope=probe", "osgi.command.function=viewers"})
public final class ViewerCount {
  private static final Logger LOG = LoggerFactory.getLogger(ViewerCount.class);

  private final DicomModel dicomModel;

  @Activate
  public ViewerCount(@Reference DicomModel dicomModel) {
    this.dicomModel = dicomModel;
  }

  public void viewers() {
    SwingUtilities.invokeLater(this::log);
  }

  private void log() {
    List<String> names = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    List<ViewerPlugin<?>> plugins = GuiUtils.getUICore().getViewerPlugins();
    synchronized (plugins) {
      plugins.forEach(p -> {
        names.add(p.getName());
        titles.add(p.getPluginName());
      });
    }
    ImageViewerPlugin<?> selected = EventManager.getInstance().getSelectedView2dContainer();
    LOG.info("probe viewers count={} names={} titles={} model-viewer-listeners={} selected-2d={}", names.size(),
        names, titles, modelViewerListeners(), selected == null ? "none" : selected.getPluginName());
  }

  /** The DICOM model's listeners that are viewers; its listener list is private: read by reflection. */
  private long modelViewerListeners() {
    try {
      Field field = DicomModel.class.getDeclaredField("propertyChange");
      field.setAccessible(true);
      PropertyChangeSupport support = (PropertyChangeSupport) field.get(dicomModel);
      PropertyChangeListener[] listeners = support == null ? new PropertyChangeListener[0]
          : support.getPropertyChangeListeners();
      return java.util.Arrays.stream(listeners).filter(SeriesViewer.class::isInstance).count();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("DicomModel has no listener list to read", e);
    }
  }
}
