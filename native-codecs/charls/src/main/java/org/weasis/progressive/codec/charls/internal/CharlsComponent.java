package org.weasis.progressive.codec.charls.internal;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.decoder.FrameDecoder;

/**
 * Registers the JPEG-LS {@link FrameDecoder}: decoding is Java, so the bundle needs no native library (the
 * CharLS encoder the tools and tests use lives in the test-support module).
 */
@Component(immediate = true)
public final class CharlsComponent {
  private static final Logger LOG = LoggerFactory.getLogger(CharlsComponent.class);

  private ServiceRegistration<FrameDecoder> registration;

  @Activate
  void activate(BundleContext context) {
    JpegLsFrameDecoder decoder = new JpegLsFrameDecoder();
    registration = register(context, decoder);
    JlsWarmup.inBackground(decoder);
  }

  @Deactivate
  void deactivate() {
    if (registration != null) {
      registration.unregister();
      registration = null;
    }
  }

  /** Registers a decoder for both JPEG-LS transfer syntaxes. */
  static ServiceRegistration<FrameDecoder> register(BundleContext context, JpegLsFrameDecoder decoder) {
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put(FrameDecoder.TRANSFER_SYNTAX,
        JpegLsFrameDecoder.TRANSFER_SYNTAXES.stream().sorted().toArray(String[]::new));
    ServiceRegistration<FrameDecoder> registered =
        context.registerService(FrameDecoder.class, decoder, properties);
    LOG.info("JPEG-LS decoder registered (Java)");
    return registered;
  }
}
