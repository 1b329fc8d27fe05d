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
import org.weasis.progressive.api.FrameDecoder;
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
     * OpenJPEG worker threads per decode. 1 decodes on the caller's thread, which is best when the
     * engine already decodes several frames at once; 2 cut a 3036x3036 HTJ2K decode from ~165 to
     * ~105 ms on a 2-core machine.
     */
    @AttributeDefinition(name = "Threads per decode",
        description = "1 decodes on the caller's thread (best when several frames decode at once)", min = "1")
    int threads() default 1;
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
    int threads = Math.max(1, config.threads());
    registration = context.registerService(FrameDecoder.class, new OpenJpegDecoder(library, threads), properties);
    LOG.info("OpenJPEG {} from {} decodes {} ({} thread(s) per decode)", library.version(), library.source(),
        OpenJpegDecoder.TRANSFER_SYNTAXES, threads);
  }

  @Deactivate
  void deactivate() {
    if (registration != null) {
      registration.unregister();
      registration = null;
    }
  }
}
