package org.weasis.progressive.internal.osgi;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.weasis.progressive.internal.engine.Warmup;

/**
 * Starts the engine's warm-up when the bundle starts. The retrieval service is a delayed component, created
 * by its first user, which would be the first load: too late to prepare anything for it.
 */
@Component(immediate = true, service = {})
public final class WarmupComponent {
  @Activate
  void activate() {
    Warmup.inBackground();
  }
}
