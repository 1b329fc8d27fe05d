package org.weasis.progressive.weasis.internal.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.dcm4che3.img.util.LookupTableUtils;
import org.opencv.core.CvType;
import org.weasis.opencv.data.ImageCV;
import org.weasis.opencv.data.LookupTableCV;
import org.weasis.opencv.data.PlanarImage;
import org.weasis.opencv.op.lut.LutShape;

/**
 * Runs the per-pixel loops of Weasis' window/level rendering (weasis-core-img's {@link LookupTableCV}, loops in
 * Java whatever OpenCV is installed, and the window's lookup table built by dcm4che's {@link LookupTableUtils}) on
 * 512² images made up here, off the event thread, so that the JIT has compiled them before the first study. Why:
 * in a JFR recording of the first study, the event thread ran those loops (the modality lookup, short to short,
 * and the window's, short to byte) once for each of the first image's renders before the probe saw it (the view
 * given the image, resized after the docking, given the better version), interpreted or at C1's profiling tier,
 * while C2 compiled them on the other core.
 *
 * <p>Each pass renders both kinds of 16-bit image a viewer most often shows, as Weasis does when an image is set or
 * its window changes: the modality lookup where the image has a rescale, then a window lookup table built for
 * the pass and applied. The tables are the warm-up's own: Weasis' caches (its modality tables are kept in a
 * static map shared by the loading threads) are not touched.
 */
final class LookupWarmUp {
  /** Passes of a full warm-up: enough for C2 to compile the loops (about 150 ms of one core in all). */
  static final int PASSES = 40;
  private static final int SIZE = 512;
  private static final int DISPLAY_BITS = 8;

  /**
   * An image with its stored range, its modality lookup (null when it has no rescale) and the window it comes
   * with.
   */
  private record Kind(ImageCV image, LookupTableCV modality, int low, int high, double center, double width) {}

  private LookupWarmUp() {}

  /**
   * Renders {@code passes} passes; asks {@code busy} before each and stops when it says so. Returns how many passes
   * it rendered.
   */
  static int run(int passes, BooleanSupplier busy) {
    if (passes <= 0 || busy.getAsBoolean()) {
      return 0;
    }
    List<Kind> kinds = kinds();
    try {
      int done = 0;
      while (done < passes && (done == 0 || !busy.getAsBoolean())) {
        renderPass(kinds, done).forEach(PlanarImage::release);
        done++;
      }
      return done;
    } finally {
      kinds.forEach(k -> k.image().release());
    }
  }

  /**
   * One pass over both kinds, with the window of pass {@code pass} (the image's own at pass 0, higher and wider
   * at each next one): what Weasis would display of each, 8-bit grey; the caller releases them.
   */
  static List<PlanarImage> renderPass(int pass) {
    List<Kind> kinds = kinds();
    try {
      return renderPass(kinds, pass);
    } finally {
      kinds.forEach(k -> k.image().release());
    }
  }

  private static List<PlanarImage> renderPass(List<Kind> kinds, int pass) {
    List<PlanarImage> rendered = new ArrayList<>();
    for (Kind kind : kinds) {
      ImageCV values = kind.modality() == null ? kind.image() : kind.modality().lookup(kind.image().toMat());
      try {
        LookupTableCV window = LookupTableUtils.createVoiLut(LutShape.LINEAR, kind.width() + 2.0 * pass,
            kind.center() + pass, kind.low(), kind.high(), DISPLAY_BITS, false, false);
        rendered.add(window.lookup(values.toMat()));
      } finally {
        if (values != kind.image()) {
          values.release();
        }
      }
    }
    return rendered;
  }

  private static List<Kind> kinds() {
    // MR, CR: unsigned, 12 bits stored, no rescale.
    ImageCV unsigned = ramp(CvType.CV_16UC1, 0, 4095);
    // CT: signed 16 bits, rescaled by -1024 to Hounsfield units (clamped to the signed range).
    ImageCV signed = ramp(CvType.CV_16SC1, Short.MIN_VALUE, Short.MAX_VALUE);
    short[] hounsfield = new short[1 << 16];
    for (int i = 0; i < hounsfield.length; i++) {
      hounsfield[i] = (short) Math.max(Short.MIN_VALUE, Short.MIN_VALUE + i - 1024);
    }
    LookupTableCV modality = new LookupTableCV(hounsfield, Short.MIN_VALUE, false);
    return List.of(new Kind(unsigned, null, 0, 4095, 2048, 4096),
        new Kind(signed, modality, Short.MIN_VALUE, Short.MAX_VALUE - 1024, 40, 400));
  }

  /** A 512² image whose pixels go from {@code low} to {@code high}, row by row. */
  private static ImageCV ramp(int type, int low, int high) {
    short[] pixels = new short[SIZE * SIZE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (short) (low + (long) i * (high - low) / (pixels.length - 1));
    }
    ImageCV image = new ImageCV(SIZE, SIZE, type);
    image.put(0, 0, pixels);
    return image;
  }
}
