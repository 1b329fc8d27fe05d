package org.weasis.progressive.ui.internal.osgi;

import java.util.Objects;
import java.util.function.Supplier;
import javax.swing.JComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.weasis.progressive.api.ProgressiveConstants;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.ui.ProgressivePreferencesPanel;

/**
 * The preferences panel as a service whose type is the JDK's {@link Supplier}, so a host — the demo viewer,
 * or a Weasis {@code PreferencesPageFactory} that wraps it — finds the page by its properties and needs
 * no package of this bundle to use it.
 */
@Component(
    service = Supplier.class,
    property = {
        ProgressiveConstants.PAGE + "=" + ProgressiveConstants.PREFERENCES_PAGE,
        ProgressiveConstants.PAGE_TITLE + "=" + PreferencesPageComponent.PREFERENCES_TITLE})
public final class PreferencesPageComponent implements Supplier<JComponent> {
  /** The value of {@link ProgressiveConstants#PAGE_TITLE} for this page. */
  public static final String PREFERENCES_TITLE = "Progressive loading";

  private final NodeStore store;
  private final NodeProbe probe;

  @Activate
  public PreferencesPageComponent(@Reference(name = "nodeStore") NodeStore store,
      @Reference(name = "nodeProbe") NodeProbe probe) {
    this.store = Objects.requireNonNull(store, "store");
    this.probe = Objects.requireNonNull(probe, "probe");
  }

  /** A new panel, loaded from the store; call on the event thread like any Swing constructor. */
  @Override
  public JComponent get() {
    return new ProgressivePreferencesPanel(store, probe);
  }
}
