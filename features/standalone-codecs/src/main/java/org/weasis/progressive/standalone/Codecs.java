package org.weasis.progressive.standalone;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.codec.charls.internal.JlsWarmup;
import org.weasis.progressive.codec.charls.internal.JpegLsFrameDecoder;
import org.weasis.progressive.codec.openjpeg.internal.OpenJpegDecoder;
import org.weasis.progressive.codec.openjpeg.internal.OpenJpegWarmup;
import org.weasis.progressive.codec.openjpeg.internal.natives.OpenJpeg;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.internal.engine.Warmup;

/**
 * The decoders the tools and tests use outside OSGi: what the codec bundles would register. JPEG 2000 needs
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

  /**
   * Starts what the bundles start when they activate: the core's warm-up and each codec's, on daemon
   * threads; returns them.
   */
  public static List<Thread> warmUp(List<FrameDecoder> decoders) {
    List<Thread> threads = new ArrayList<>();
    threads.add(Warmup.inBackground());
    for (FrameDecoder decoder : decoders) {
      if (decoder instanceof OpenJpegDecoder openjpeg) {
        threads.add(OpenJpegWarmup.inBackground(openjpeg));
      } else if (decoder instanceof JpegLsFrameDecoder jls) {
        threads.add(JlsWarmup.inBackground(jls));
      }
    }
    return threads;
  }

  public static ProgressiveEngine engine(PrintStream warnings) {
    return engine(available(warnings));
  }

  public static ProgressiveEngine engine(List<FrameDecoder> decoders) {
    ProgressiveEngine engine = new ProgressiveEngine();
    decoders.forEach(engine::addDecoder);
    return engine;
  }
}
