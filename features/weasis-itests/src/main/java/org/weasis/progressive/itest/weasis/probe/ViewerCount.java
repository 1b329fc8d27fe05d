package org.weasis.progressive.itest.weasis.probe;

import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.ui.editor.image.ViewerPlugin;

/**
 * The viewers Weasis has open ({@code probe:viewers}), logged once the event thread has run what was queued
 * before the command (a {@code dicom:close} given just before it closes its viewers that way):
 * {@code probe viewers count=N names=[NAME, ...]}.
 */
@Component(
    service = ViewerCount.class,
    property = {"osgi.command.scope=probe", "osgi.command.function=viewers"})
public final class ViewerCount {
  private static final Logger LOG = LoggerFactory.getLogger(ViewerCount.class);

  public void viewers() {
    SwingUtilities.invokeLater(ViewerCount::log);
  }

  private static void log() {
    List<String> names = new ArrayList<>();
    List<ViewerPlugin<?>> plugins = GuiUtils.getUICore().getViewerPlugins();
    synchronized (plugins) {
      plugins.forEach(p -> names.add(p.getName()));
    }
    LOG.info("probe viewers count={} names={}", names.size(), names);
  }
}
