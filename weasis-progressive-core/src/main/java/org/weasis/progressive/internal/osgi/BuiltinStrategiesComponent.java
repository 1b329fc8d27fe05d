package org.weasis.progressive.internal.osgi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.internal.schedule.BuiltinStrategies;

/**
 * Registers the core's strategies as {@link SeriesLoadingStrategy} services ({@code strategy.name}), so a
 * host can list them: the very instances the engine falls back on, not copies of them.
 */
@Component(immediate = true, service = {})
public final class BuiltinStrategiesComponent {
  private final List<ServiceRegistration<SeriesLoadingStrategy>> registrations = new ArrayList<>();

  @Activate
  void activate(BundleContext context) {
    for (SeriesLoadingStrategy strategy : BuiltinStrategies.BY_NAME.values()) {
      Hashtable<String, Object> properties = new Hashtable<>();
      properties.put(SeriesLoadingStrategy.NAME, strategy.name());
      registrations.add(context.registerService(SeriesLoadingStrategy.class, strategy, properties));
    }
  }

  @Deactivate
  void deactivate() {
    registrations.forEach(ServiceRegistration::unregister);
    registrations.clear();
  }
}
