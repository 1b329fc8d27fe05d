package org.weasis.progressive.api.decoder;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Objects;

/**
 * Decoded pixels: samples interleaved per pixel (RGBRGB for colour), rows top to bottom. 8-bit data is a
 * {@link ByteBuffer}, 9 to 16-bit data a {@link ShortBuffer}; read signedness from the
 * {@link PixelDescription}.
 */
public record Raster(int rows, int columns, int samplesPerPixel, Buffer samples) {
  public Raster {
    Objects.requireNonNull(samples, "samples");
    if (!(samples instanceof ByteBuffer) && !(samples instanceof ShortBuffer)) {
      throw new IllegalArgumentException("samples must be a ByteBuffer or a ShortBuffer");
    }
    long expected = (long) rows * columns * samplesPerPixel;
    if (samples.capacity() != expected) {
      throw new IllegalArgumentException(
          "samples hold " + samples.capacity() + " values, " + rows + "x" + columns + "x"
              + samplesPerPixel + " needs " + expected);
    }
  }

  /** The sample at (row, column, sample), unsigned unless {@code signed}. */
  public int sample(int row, int column, int sample, boolean signed) {
    int i = (row * columns + column) * samplesPerPixel + sample;
    if (samples instanceof ShortBuffer s) {
      short v = s.get(i);
      return signed ? v : v & 0xFFFF;
    }
    byte v = ((ByteBuffer) samples).get(i);
    return signed ? v : v & 0xFF;
  }
}
