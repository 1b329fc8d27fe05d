package org.weasis.progressive.api.decoder;

import java.util.Objects;

/**
 * What a viewer needs to display the pixels of a frame, from the instance metadata.
 *
 * @param rows full-resolution height
 * @param columns full-resolution width
 * @param samplesPerPixel 1 (grey) or 3 (colour)
 * @param bitsAllocated 8 or 16
 * @param bitsStored significant bits of a sample
 * @param signed pixel representation 1
 * @param photometricInterpretation for example MONOCHROME2 or RGB
 * @param planarConfiguration 0 = interleaved samples (RGBRGB), 1 = planes (RR..GG..BB..)
 * @param rescaleSlope modality rescale slope (1 when absent)
 * @param rescaleIntercept modality rescale intercept (0 when absent)
 * @param windowCenter first window centre, or null
 * @param windowWidth first window width, or null
 */
public record PixelDescription(
    int rows,
    int columns,
    int samplesPerPixel,
    int bitsAllocated,
    int bitsStored,
    boolean signed,
    String photometricInterpretation,
    int planarConfiguration,
    double rescaleSlope,
    double rescaleIntercept,
    Double windowCenter,
    Double windowWidth) {

  public PixelDescription {
    if (rows < 1 || columns < 1) {
      throw new IllegalArgumentException("Rows and Columns must be positive, got " + rows + "x" + columns);
    }
    if (samplesPerPixel != 1 && samplesPerPixel != 3) {
      throw new IllegalArgumentException("SamplesPerPixel must be 1 or 3, got " + samplesPerPixel);
    }
    if (bitsAllocated != 8 && bitsAllocated != 16) {
      throw new IllegalArgumentException("BitsAllocated must be 8 or 16, got " + bitsAllocated);
    }
    if (bitsStored < 1 || bitsStored > bitsAllocated) {
      throw new IllegalArgumentException(
          "BitsStored must be 1.." + bitsAllocated + ", got " + bitsStored);
    }
    Objects.requireNonNull(photometricInterpretation, "photometricInterpretation");
  }

  /** A grey image with no rescale or window, for tests and tools. */
  public static PixelDescription grey(int rows, int columns, int bitsStored, boolean signed) {
    int allocated = bitsStored <= 8 ? 8 : 16;
    return new PixelDescription(
        rows, columns, 1, allocated, bitsStored, signed, "MONOCHROME2", 0, 1, 0, null, null);
  }

  /** Bytes of one uncompressed frame. */
  public long frameBytes() {
    return (long) rows * columns * samplesPerPixel * (bitsAllocated / 8);
  }
}
