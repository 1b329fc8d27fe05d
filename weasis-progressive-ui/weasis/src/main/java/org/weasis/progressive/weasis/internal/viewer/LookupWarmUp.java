package org.weasis.progressive.weasis.internal.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.dcm4che3.img.DicomImageAdapter;
import org.dcm4che3.img.DicomImageReadParam;
import org.dcm4che3.img.ImageRendering;
import org.dcm4che3.img.stream.ImageDescriptor;
import org.opencv.core.CvType;
import org.weasis.opencv.data.ImageCV;
import org.weasis.opencv.data.PlanarImage;

/**
 * Runs Weasis' window/level rendering of a DICOM image (dcm4che's {@code ImageRendering} over weasis-core-img's
 * lookup tables, per-pixel loops in Java whatever OpenCV is installed) on 512² images made up here, off the event
 * thread, so that the JIT has compiled it before the first study. Why: in a JFR recording of the first study, the
 * event thread ran those loops (the modality lookup, short to short, and the window's, short to byte) once for
 * each of the first image's renders before the probe saw it (the view given the image, resized after the docking,
 * given the better version), interpreted or at C1's profiling tier, while C2 compiled them on the other core.
 *
 * <p>Each pass renders both kinds of 16-bit image a viewer most often shows, as Weasis does when an image is set or
 * its window changes: a new {@link DicomImageAdapter} (which reads the image's minimum and maximum), then the
 * rendering with a window that differs from pass to pass, so that each pass builds its lookup table, as a user
 * dragging the window does.
 */
final class LookupWarmUp {
  /** Passes of a full warm-up: enough for C2 to compile the loops (about 100 ms of one core once compiled). */
  static final int PASSES = 40;
  private static final int SIZE = 512;

  /** An image and what Weasis reads of its header: its rows of pixels and the window it comes with. */
  private record Kind(PlanarImage image, ImageDescriptor descriptor, double center, double width) {}

  private LookupWarmUp() {}

  /**
   * Renders {@code passes} passes; asks {@code busy} before each and stops when it says so. Returns how many passes
   * it rendered.
   */
  static int run(int passes, BooleanSupplier busy) {
    List<Kind> kinds = kinds();
    int done = 0;
    while (done < passes && !busy.getAsBoolean()) {
      for (PlanarImage rendered : renderPass(kinds, done)) {
        rendered.release();
      }
      done++;
    }
    return done;
  }

  /** One pass over both kinds: what Weasis would display of each (8-bit grey); the caller releases them. */
  static List<PlanarImage> renderPass(int pass) {
    return renderPass(kinds(), pass);
  }

  private static List<PlanarImage> renderPass(List<Kind> kinds, int pass) {
    List<PlanarImage> rendered = new ArrayList<>();
    for (Kind kind : kinds) {
      DicomImageAdapter adapter = new DicomImageAdapter(kind.image(), kind.descriptor(), 0);
      DicomImageReadParam param = new DicomImageReadParam();
      param.setWindowCenter(kind.center() + pass);
      param.setWindowWidth(kind.width() + 2.0 * pass);
      rendered.add(Objects.requireNonNull(ImageRendering.getVoiLutImage(kind.image(), adapter, param),
          "Weasis rendered no image"));
    }
    return rendered;
  }

  private static List<Kind> kinds() {
    return List.of(
        kind(CvType.CV_16UC1, 12, 0, 0, 2048, 4096), // MR, CR: unsigned, 12 bits stored, no rescale
        kind(CvType.CV_16SC1, 16, 1, -1024, 40, 400)); // CT: signed, rescaled to Hounsfield units
  }

  private static Kind kind(int type, int bitsStored, int pixelRepresentation, int intercept, double center,
      double width) {
    Attributes header = new Attributes();
    header.setInt(Tag.Rows, VR.US, SIZE);
    header.setInt(Tag.Columns, VR.US, SIZE);
    header.setInt(Tag.SamplesPerPixel, VR.US, 1);
    header.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    header.setInt(Tag.BitsAllocated, VR.US, 16);
    header.setInt(Tag.BitsStored, VR.US, bitsStored);
    header.setInt(Tag.HighBit, VR.US, bitsStored - 1);
    header.setInt(Tag.PixelRepresentation, VR.US, pixelRepresentation);
    header.setString(Tag.RescaleSlope, VR.DS, "1");
    header.setString(Tag.RescaleIntercept, VR.DS, Integer.toString(intercept));
    header.setString(Tag.WindowCenter, VR.DS, Double.toString(center));
    header.setString(Tag.WindowWidth, VR.DS, Double.toString(width));
    ImageCV image = new ImageCV(SIZE, SIZE, type);
    short[] pixels = new short[SIZE * SIZE];
    int max = (1 << bitsStored) - 1;
    for (int i = 0; i < pixels.length; i++) {
      // A ramp over the stored range, signed values below zero for the signed kind.
      int value = (int) ((long) i * max / (pixels.length - 1));
      pixels[i] = (short) (pixelRepresentation == 1 ? value - (1 << (bitsStored - 1)) : value);
    }
    image.put(0, 0, pixels);
    return new Kind(image, new ImageDescriptor(header), center, width);
  }
}
