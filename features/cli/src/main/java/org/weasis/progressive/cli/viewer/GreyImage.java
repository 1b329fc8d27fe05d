package org.weasis.progressive.cli.viewer;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

/** Turns a decoded grey raster into an 8-bit image once, so the view keeps small images, not raw samples. */
final class GreyImage {
  private GreyImage() {}

  /** An 8-bit grey image of the raster, windowed with the metadata's window or the raster's range. */
  static BufferedImage render(Raster raster, PixelDescription pixels) {
    Samples samples = new Samples(raster, pixels);
    double[] window = window(samples, pixels);
    double low = window[0] - window[1] / 2;
    double scale = 255.0 / Math.max(window[1], 1e-9);
    boolean inverted = "MONOCHROME1".equals(pixels.photometricInterpretation());
    byte[] grey = new byte[samples.count()];
    for (int i = 0; i < grey.length; i++) {
      int g = (int) Math.round(Math.clamp((samples.value(i) - low) * scale, 0, 255));
      grey[i] = (byte) (inverted ? 255 - g : g);
    }
    BufferedImage image = new BufferedImage(raster.columns(), raster.rows(), BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setDataElements(0, 0, raster.columns(), raster.rows(), grey);
    return image;
  }

  /** {centre, width}: the metadata's window when present, else the values' min to max. */
  private static double[] window(Samples samples, PixelDescription pixels) {
    if (pixels.windowCenter() != null && pixels.windowWidth() != null && pixels.windowWidth() > 0) {
      return new double[] {pixels.windowCenter(), pixels.windowWidth()};
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < samples.count(); i++) {
      double v = samples.value(i);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new double[] {(min + max) / 2, Math.max(max - min, 1)};
  }

  /** The first sample of each pixel after the modality rescale, read in place from the raster's buffer. */
  private record Samples(Raster raster, PixelDescription pixels) {
    int count() {
      return raster.rows() * raster.columns();
    }

    double value(int pixel) {
      int i = pixel * raster.samplesPerPixel();
      int stored;
      if (raster.samples() instanceof ShortBuffer s) {
        stored = pixels.signed() ? s.get(i) : s.get(i) & 0xFFFF;
      } else {
        byte b = ((ByteBuffer) raster.samples()).get(i);
        stored = pixels.signed() ? b : b & 0xFF;
      }
      return stored * pixels.rescaleSlope() + pixels.rescaleIntercept();
    }
  }
}
