package org.weasis.progressive.weasis.internal.pref;

import java.util.Hashtable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.weasis.core.api.gui.Insertable;
import org.weasis.core.api.gui.PreferencesPageFactory;
import org.weasis.core.api.gui.util.AbstractItemDialogPage;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.NodeStore;

/** Adds the "Progressive loading" page under DICOM in Weasis' preferences. */
@Component(service = PreferencesPageFactory.class)
public class ProgressivePrefFactory implements PreferencesPageFactory {
  private final NodeStore store;
  private final NodeProbe probe;

  @Activate
  public ProgressivePrefFactory(@Reference NodeStore store, @Reference NodeProbe probe) {
    this.store = store;
    this.probe = probe;
  }

  @Override
  public AbstractItemDialogPage createInstance(Hashtable<String, Object> properties) {
    return new ProgressivePrefView(new WeasisNodeStore(WeasisNodeList::load, store), probe);
  }

  @Override
  public boolean isComponentCreatedByThisFactory(Insertable component) {
    return component instanceof ProgressivePrefView;
  }
}
