package org.weasis.progressive.cli.viewer;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import org.weasis.progressive.api.PixelDescription;
import org.weasis.progressive.api.Raster;

/** Turns a decoded grey raster into an 8-bit image once, so the view keeps small images, not raw samples. */
final class GreyImage {
  private GreyImage() {}

  /** An 8-bit grey image of the raster, windowed with the metadata's window or the raster's range. */
  static BufferedImage render(Raster raster, PixelDescription pixels) {
    double[] values = modalityValues(raster, pixels);
    double[] window = window(values, pixels);
    double low = window[0] - window[1] / 2;
    double scale = 255.0 / Math.max(window[1], 1e-9);
    boolean inverted = "MONOCHROME1".equals(pixels.photometricInterpretation());
    byte[] grey = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      int g = (int) Math.round(Math.clamp((values[i] - low) * scale, 0, 255));
      grey[i] = (byte) (inverted ? 255 - g : g);
    }
    BufferedImage image = new BufferedImage(raster.columns(), raster.rows(), BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setDataElements(0, 0, raster.columns(), raster.rows(), grey);
    return image;
  }

  /** The first sample of each pixel after the modality rescale. */
  private static double[] modalityValues(Raster raster, PixelDescription pixels) {
    int count = raster.rows() * raster.columns();
    int step = raster.samplesPerPixel();
    double[] values = new double[count];
    boolean signed = pixels.signed();
    if (raster.samples() instanceof ShortBuffer s) {
      for (int i = 0; i < count; i++) {
        short v = s.get(i * step);
        values[i] = (signed ? v : v & 0xFFFF) * pixels.rescaleSlope() + pixels.rescaleIntercept();
      }
    } else {
      ByteBuffer b = (ByteBuffer) raster.samples();
      for (int i = 0; i < count; i++) {
        byte v = b.get(i * step);
        values[i] = (signed ? v : v & 0xFF) * pixels.rescaleSlope() + pixels.rescaleIntercept();
      }
    }
    return values;
  }

  /** {centre, width}: the metadata's window when present, else the values' min to max. */
  private static double[] window(double[] values, PixelDescription pixels) {
    if (pixels.windowCenter() != null && pixels.windowWidth() != null && pixels.windowWidth() > 0) {
      return new double[] {pixels.windowCenter(), pixels.windowWidth()};
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new double[] {(min + max) / 2, Math.max(max - min, 1)};
  }
}
