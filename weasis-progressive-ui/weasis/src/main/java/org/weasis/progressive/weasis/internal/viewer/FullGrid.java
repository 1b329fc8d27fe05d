package org.weasis.progressive.weasis.internal.viewer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import org.weasis.progressive.api.decoder.Raster;

/**
 * Puts a decoded version on the image's full pixel grid, as little-endian bytes ready for an
 * uncompressed Pixel Data element. Weasis 4.7 takes an image's geometry from its raster size, so a
 * 759² preview of a 3036² image must be shown as 3036² pixels: otherwise pixel spacing, measurements
 * and the scout line would be 4× wrong and the final version would not replace it in place.
 */
public final class FullGrid {
  private FullGrid() {}

  /**
   * The samples of {@code raster} on a {@code rows}×{@code columns} grid: copied once when the sizes
   * match, else each full-grid pixel takes the reduced pixel that covers it (nearest neighbour, so no
   * sample value is invented and signed data stays exact).
   */
  public static byte[] pixelBytes(Raster raster, int rows, int columns) {
    if (rows < 1 || columns < 1) {
      throw new IllegalArgumentException("The full grid must be positive, got " + rows + "x" + columns);
    }
    int spp = raster.samplesPerPixel();
    boolean wide = raster.samples() instanceof ShortBuffer;
    byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(rows, columns), spp * (wide ? 2 : 1))];
    ByteBuffer target = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    if (raster.rows() == rows && raster.columns() == columns) {
      copyWhole(raster, target, wide);
    } else if (wide) {
      upscaleShorts((ShortBuffer) raster.samples(), raster, rows, columns, target.asShortBuffer());
    } else {
      upscaleBytes((ByteBuffer) raster.samples(), raster, rows, columns, out);
    }
    return out;
  }

  /**
   * As {@link #pixelBytes}, for a file written from memory outside the Java heap: 16-bit samples are put in
   * {@code reusable} when it is a direct buffer large enough (else in a new direct one), 8-bit ones in a heap
   * buffer. Returns the little-endian bytes from position 0 to the limit. A 3036² version then costs one copy
   * of its 18 MB instead of three (a zeroed array, the copy, and the copy the file stream makes of an array).
   */
  public static ByteBuffer pixels(Raster raster, int rows, int columns, ByteBuffer reusable) {
    if (!(raster.samples() instanceof ShortBuffer)) {
      return ByteBuffer.wrap(pixelBytes(raster, rows, columns));
    }
    if (rows < 1 || columns < 1) {
      throw new IllegalArgumentException("The full grid must be positive, got " + rows + "x" + columns);
    }
    int size = Math.multiplyExact(Math.multiplyExact(rows, columns), raster.samplesPerPixel() * 2);
    ByteBuffer target = reusable != null && reusable.isDirect() && reusable.capacity() >= size
        ? reusable.clear().limit(size) : ByteBuffer.allocateDirect(size);
    target.order(ByteOrder.LITTLE_ENDIAN);
    if (raster.rows() == rows && raster.columns() == columns) {
      copyWhole(raster, target, true);
    } else {
      upscaleShorts((ShortBuffer) raster.samples(), raster, rows, columns, target.asShortBuffer());
    }
    return target.position(0);
  }

  private static void copyWhole(Raster raster, ByteBuffer target, boolean wide) {
    if (wide) {
      target.asShortBuffer().put(((ShortBuffer) raster.samples()).duplicate().clear());
    } else {
      target.put(((ByteBuffer) raster.samples()).duplicate().clear());
    }
  }

  /** For each full-grid index, the index of the reduced sample that covers it. */
  static int[] sourceIndex(int full, int reduced) {
    int[] index = new int[full];
    for (int i = 0; i < full; i++) {
      index[i] = (int) ((long) i * reduced / full);
    }
    return index;
  }

  private static void upscaleShorts(
      ShortBuffer src, Raster raster, int rows, int columns, ShortBuffer dst) {
    int spp = raster.samplesPerPixel();
    int[] srcRow = sourceIndex(rows, raster.rows());
    int[] srcCol = sourceIndex(columns, raster.columns());
    // Each source row is read once in bulk and widened once into a line that the full rows it covers repeat:
    // a sample at a time through the buffer had cost 85 ms for a 3036² grid under load, on the event's way in.
    short[] source = new short[raster.columns() * spp];
    short[] line = new short[columns * spp];
    ShortBuffer in = src.duplicate().clear();
    int lastRow = -1;
    for (int y = 0; y < rows; y++) {
      if (srcRow[y] != lastRow) { // consecutive rows that map to one source row share the line
        lastRow = srcRow[y];
        in.get(lastRow * source.length, source);
        widen(source, srcCol, spp, line);
      }
      dst.put(line);
    }
  }

  private static void widen(short[] source, int[] srcCol, int spp, short[] line) {
    if (spp == 1) {
      for (int x = 0; x < srcCol.length; x++) {
        line[x] = source[srcCol[x]];
      }
      return;
    }
    for (int x = 0; x < srcCol.length; x++) {
      System.arraycopy(source, srcCol[x] * spp, line, x * spp, spp);
    }
  }

  private static void upscaleBytes(ByteBuffer src, Raster raster, int rows, int columns, byte[] out) {
    int spp = raster.samplesPerPixel();
    int[] srcRow = sourceIndex(rows, raster.rows());
    int[] srcCol = sourceIndex(columns, raster.columns());
    int lineLength = columns * spp;
    for (int y = 0; y < rows; y++) {
      int offset = y * lineLength;
      if (y > 0 && srcRow[y] == srcRow[y - 1]) {
        System.arraycopy(out, offset - lineLength, out, offset, lineLength);
        continue;
      }
      int base = srcRow[y] * raster.columns() * spp;
      for (int x = 0; x < columns; x++) {
        int s = base + srcCol[x] * spp;
        for (int c = 0; c < spp; c++) {
          out[offset + x * spp + c] = src.get(s + c);
        }
      }
    }
  }
}
