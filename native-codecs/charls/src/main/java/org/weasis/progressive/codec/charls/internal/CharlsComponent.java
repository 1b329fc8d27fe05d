package org.weasis.progressive.codec.charls.internal;

import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.FrameDecoder;
import org.weasis.progressive.codec.charls.internal.ffm.CharlsBindings;
import org.weasis.progressive.codec.charls.internal.ffm.CharlsLibrary;

/**
 * Registers the JPEG-LS {@link FrameDecoder} only when CharLS loads: a declarative service would be
 * visible before its activation could fail, and the engine would pick a decoder that cannot decode.
 */
@Component(immediate = true)
public final class CharlsComponent {
  private static final Logger LOG = LoggerFactory.getLogger(CharlsComponent.class);

  private ServiceRegistration<FrameDecoder> registration;

  @Activate
  void activate(BundleContext context) {
    registration = register(context, CharlsLibrary.bindings()).orElse(null);
  }

  @Deactivate
  void deactivate() {
    if (registration != null) {
      registration.unregister();
      registration = null;
    }
  }

  /** Registers a decoder on {@code bindings}, or logs why JPEG-LS frames will not decode. */
  static Optional<ServiceRegistration<FrameDecoder>> register(
      BundleContext context, Optional<CharlsBindings> bindings) {
    if (bindings.isEmpty()) {
      LOG.warn("No JPEG-LS decoder registered: {}", CharlsLibrary.failure());
      return Optional.empty();
    }
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put(FrameDecoder.TRANSFER_SYNTAX,
        CharlsDecoder.TRANSFER_SYNTAXES.stream().sorted().toArray(String[]::new));
    return Optional.of(
        context.registerService(FrameDecoder.class, new CharlsDecoder(bindings.get()), properties));
  }
}
