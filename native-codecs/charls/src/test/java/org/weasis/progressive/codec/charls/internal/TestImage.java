package org.weasis.progressive.codec.charls.internal;

import java.util.SplittableRandom;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

/**
 * A synthetic image whose samples cover the whole range of their bit depth: smooth gradients (what
 * JPEG-LS predicts well), noise (what it does not) and the extreme values in the corners.
 *
 * @param pixels its description, as a request's target
 * @param samples the values, interleaved per pixel, signed when the description says so
 */
record TestImage(PixelDescription pixels, int[] samples) {

  static TestImage generate(long seed, int columns, int rows, int components, int bitsStored, boolean signed) {
    int allocated = bitsStored <= 8 ? 8 : 16;
    PixelDescription pixels = new PixelDescription(rows, columns, components, allocated, bitsStored, signed,
        components == 1 ? "MONOCHROME2" : "RGB", 0, 1, 0, null, null);
    int min = signed ? -(1 << (bitsStored - 1)) : 0;
    int max = signed ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1;
    SplittableRandom random = new SplittableRandom(seed);
    int[] samples = new int[rows * columns * components];
    int noise = Math.max(1, (max - min) / 64);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        for (int s = 0; s < components; s++) {
          double wave = 0.5 + 0.25 * Math.sin(r / 17.0 + s) + 0.25 * Math.cos(c / 23.0 - s);
          int value = min + (int) (wave * (max - min)) + random.nextInt(-noise, noise + 1);
          samples[(r * columns + c) * components + s] = Math.clamp(value, min, max);
        }
      }
    }
    samples[0] = min;
    samples[samples.length - 1] = max;
    return new TestImage(pixels, samples);
  }

  /**
   * Flat blocks at three levels with a sample off by one here and there: long runs (J up to its top
   * order on wide images) and run interruptions of both types.
   */
  static TestImage blocks(long seed, int columns, int rows, int components, int bitsStored) {
    int allocated = bitsStored <= 8 ? 8 : 16;
    PixelDescription pixels = new PixelDescription(rows, columns, components, allocated, bitsStored, false,
        components == 1 ? "MONOCHROME2" : "RGB", 0, 1, 0, null, null);
    int max = (1 << bitsStored) - 1;
    int[] levels = {0, max / 3, max};
    SplittableRandom random = new SplittableRandom(seed);
    int[] samples = new int[rows * columns * components];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        for (int s = 0; s < components; s++) {
          int value = levels[(r / 6 + c / 9 + s) % levels.length];
          if (random.nextInt(40) == 0) {
            value = Math.clamp(value + random.nextInt(-1, 2), 0, max);
          }
          samples[(r * columns + c) * components + s] = value;
        }
      }
    }
    return new TestImage(pixels, samples);
  }

  int columns() {
    return pixels.columns();
  }

  int rows() {
    return pixels.rows();
  }

  int components() {
    return pixels.samplesPerPixel();
  }

  int bitsStored() {
    return pixels.bitsStored();
  }

  /** The samples as a 16-bit DICOM frame holds them (sign-extended two's complement). */
  short[] shorts() {
    short[] out = new short[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = (short) samples[i];
    }
    return out;
  }

  byte[] bytes() {
    byte[] out = new byte[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = (byte) samples[i];
    }
    return out;
  }

  /** The largest difference to a decoded raster of the same size (-1 when the sizes differ). */
  int maxError(Raster raster) {
    if (raster.rows() != rows() || raster.columns() != columns() || raster.samplesPerPixel() != components()) {
      return -1;
    }
    int worst = 0;
    for (int r = 0; r < rows(); r++) {
      for (int c = 0; c < columns(); c++) {
        for (int s = 0; s < components(); s++) {
          int expected = samples[(r * columns() + c) * components() + s];
          worst = Math.max(worst, Math.abs(raster.sample(r, c, s, pixels.signed()) - expected));
        }
      }
    }
    return worst;
  }

  @Override
  public String toString() {
    return columns() + "x" + rows() + "x" + components() + " " + bitsStored() + "-bit "
        + (pixels.signed() ? "signed" : "unsigned");
  }
}
