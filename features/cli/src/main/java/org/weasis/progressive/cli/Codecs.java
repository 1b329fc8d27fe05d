package org.weasis.progressive.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.weasis.progressive.api.FrameDecoder;
import org.weasis.progressive.codec.charls.internal.JpegLsFrameDecoder;
import org.weasis.progressive.codec.openjpeg.internal.OpenJpegDecoder;
import org.weasis.progressive.codec.openjpeg.internal.natives.OpenJpeg;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.internal.engine.ProgressiveEngine;

/**
 * The decoders the tool can use outside OSGi: what the codec bundles would register. JPEG 2000 needs
 * its native library (a warning says what to install otherwise); JPEG-LS decodes in Java.
 */
public final class Codecs {
  private Codecs() {}

  public static List<FrameDecoder> available(PrintStream warnings) {
    List<FrameDecoder> decoders = new ArrayList<>();
    decoders.add(new UncompressedDecoder());
    OpenJpeg.Availability openjpeg = OpenJpeg.load();
    if (openjpeg.available()) {
      decoders.add(OpenJpegDecoder.onCores(openjpeg.library())); // as the bundle registers it
    } else {
      warnings.println("warning: JPEG 2000/HTJ2K decoding unavailable: " + openjpeg.problem());
    }
    decoders.add(new JpegLsFrameDecoder());
    return decoders;
  }

  public static ProgressiveEngine engine(PrintStream warnings) {
    ProgressiveEngine engine = new ProgressiveEngine();
    available(warnings).forEach(engine::addDecoder);
    return engine;
  }
}
