package org.weasis.progressive.ui.internal.osgi;

import java.util.Objects;
import java.util.function.Supplier;
import javax.swing.JComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
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
        PreferencesPageComponent.PAGE + "=" + PreferencesPageComponent.PREFERENCES,
        PreferencesPageComponent.TITLE + "=" + PreferencesPageComponent.PREFERENCES_TITLE})
public final class PreferencesPageComponent implements Supplier<JComponent> {
  /** Service property naming which page a supplier builds. */
  public static final String PAGE = "org.weasis.progressive.page";
  /** The value of {@link #PAGE} for the progressive-loading preferences. */
  public static final String PREFERENCES = "preferences";
  /** Service property with the page's title, for a host's list of pages. */
  public static final String TITLE = "org.weasis.progressive.page.title";
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
