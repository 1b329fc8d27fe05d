package org.weasis.progressive.codec.openjpeg.internal;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.codec.openjpeg.internal.natives.OpenJpeg;

/**
 * Registers the OpenJPEG frame decoder only when libopenjp2 really loads, which a plain DS service
 * cannot express (it would be registered first and fail on first use); otherwise logs what to install.
 */
@Component(immediate = true, service = {}, configurationPid = OpenJpegRegistration.PID)
@Designate(ocd = OpenJpegRegistration.Config.class)
public final class OpenJpegRegistration {
  public static final String PID = "org.weasis.progressive.codec.openjpeg";
  private static final Logger LOG = LoggerFactory.getLogger(OpenJpegRegistration.class);

  /** A change re-registers the decoder (DS reactivates the component). */
  @ObjectClassDefinition(name = "OpenJPEG decoder", description = "JPEG 2000 and HTJ2K decoding with OpenJPEG")
  public @interface Config {
    /**
     * OpenJPEG worker threads per decode, for every decode. 0 (the default): the cores for a decode of
     * 1024² samples or more (a large final: 2 cut a 3036x3036 HTJ2K decode from ~165 to ~105 ms on a
     * 2-core machine), the caller's thread for smaller ones, which the engine already decodes several at
     * a time. 1 always decodes on the caller's thread.
     */
    @AttributeDefinition(name = "Threads per decode",
        description = "0: every core for a decode of 1024x1024 samples or more, the caller's thread for smaller"
            + " ones; 1: always the caller's thread; N: N threads for every decode", min = "0")
    int threads() default 0;
  }

  private ServiceRegistration<FrameDecoder> registration;

  @Activate
  void activate(BundleContext context, Config config) {
    OpenJpeg.Availability availability = OpenJpeg.load();
    if (!availability.available()) {
      LOG.warn("JPEG 2000 / HTJ2K decoding unavailable: {}", availability.problem());
      return;
    }
    OpenJpeg library = availability.library();
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put(FrameDecoder.TRANSFER_SYNTAX, OpenJpegDecoder.TRANSFER_SYNTAXES.toArray(String[]::new));
    properties.put(Constants.SERVICE_DESCRIPTION, "OpenJPEG " + library.version() + " (JPEG 2000, HTJ2K)");
    OpenJpegDecoder decoder = config.threads() > 0
        ? new OpenJpegDecoder(library, config.threads()) : OpenJpegDecoder.onCores(library);
    registration = context.registerService(FrameDecoder.class, decoder, properties);
    OpenJpegWarmup.inBackground(decoder);
    LOG.info("OpenJPEG {} from {} decodes {} ({} thread(s) per decode)", library.version(), library.source(),
        OpenJpegDecoder.TRANSFER_SYNTAXES, config.threads() > 0 ? config.threads() : "large finals on the cores");
  }

  @Deactivate
  void deactivate() {
    if (registration != null) {
      registration.unregister();
      registration = null;
    }
  }
}
