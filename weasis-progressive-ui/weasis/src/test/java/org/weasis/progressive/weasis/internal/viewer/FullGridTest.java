package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.decoder.Raster;

class FullGridTest {

  private static Raster shorts(int rows, int columns, short... values) {
    return new Raster(rows, columns, 1, ShortBuffer.wrap(values));
  }

  private static short[] asShorts(byte[] littleEndian) {
    short[] out = new short[littleEndian.length / 2];
    ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  @Test
  void aFullSizeVersionIsCopiedSampleForSampleAsLittleEndianBytes() {
    byte[] bytes = FullGrid.pixelBytes(shorts(2, 2, (short) 1, (short) 0x1234, (short) -5, (short) 0x7FFF), 2, 2);

    assertArrayEquals(new byte[] {1, 0, 0x34, 0x12, (byte) 0xFB, (byte) 0xFF, (byte) 0xFF, 0x7F}, bytes);
  }

  @Test
  void aHalfSizeVersionFillsTheFullGridWithEachReducedPixelCoveringItsTwoByTwoBlock() {
    short[] full = asShorts(FullGrid.pixelBytes(shorts(2, 2, (short) 1, (short) 2, (short) 3, (short) -4), 4, 4));

    assertArrayEquals(new short[] {
        1, 1, 2, 2,
        1, 1, 2, 2,
        3, 3, -4, -4,
        3, 3, -4, -4}, full);
  }

  @Test
  void aReducedSizeThatDoesNotDivideTheFullSizeMapsEachFullPixelToTheReducedPixelCoveringIt() {
    // ceil(5 / 2) = 3 columns at level 1: full columns 0-1 → 0, 2-3 → 1, 4 → 2
    assertArrayEquals(new int[] {0, 0, 1, 1, 2}, FullGrid.sourceIndex(5, 3));
    short[] full = asShorts(FullGrid.pixelBytes(shorts(1, 3, (short) 7, (short) 8, (short) 9), 1, 5));
    assertArrayEquals(new short[] {7, 7, 8, 8, 9}, full);
  }

  @Test
  void eightBitColourKeepsItsInterleavedSamplesWhenUpscaled() {
    Raster rgb = new Raster(1, 1, 3, ByteBuffer.wrap(new byte[] {10, 20, (byte) 200}));

    byte[] full = FullGrid.pixelBytes(rgb, 2, 2);

    assertArrayEquals(new byte[] {10, 20, (byte) 200, 10, 20, (byte) 200, 10, 20, (byte) 200, 10, 20, (byte) 200},
        full);
  }

  @Test
  void theFullGridOfA759VersionOfA3036ImageHasTheFullImagesByteCount() {
    short[] reduced = new short[759 * 759];
    reduced[759 * 759 - 1] = 42;

    byte[] full = FullGrid.pixelBytes(shorts(759, 759, reduced), 3036, 3036);

    assertEquals(3036 * 3036 * 2, full.length);
    assertEquals(42, asShorts(full)[3036 * 3036 - 1], "the last full pixel comes from the last reduced one");
  }

  @Test
  void anEmptyFullGridIsRefusedWithItsSize() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FullGrid.pixelBytes(shorts(1, 1, (short) 1), 0, 4));
    assertEquals("The full grid must be positive, got 0x4", e.getMessage());
  }

  @Test
  void sixteenBitPixelsForAFileFromMemoryAreTheSameBytesInAReusedDirectBuffer() {
    Raster half = shorts(2, 2, (short) 1, (short) 2, (short) 3, (short) -4);
    Raster whole = shorts(2, 2, (short) 5, (short) 6, (short) 7, (short) 8);
    ByteBuffer reusable = ByteBuffer.allocateDirect(64);

    ByteBuffer upscaled = FullGrid.pixels(half, 4, 4, reusable);
    byte[] upscaledBytes = new byte[upscaled.remaining()];
    upscaled.get(upscaledBytes);
    ByteBuffer copied = FullGrid.pixels(whole, 2, 2, reusable);
    byte[] copiedBytes = new byte[copied.remaining()];
    copied.get(copiedBytes);

    assertArrayEquals(FullGrid.pixelBytes(half, 4, 4), upscaledBytes);
    assertArrayEquals(FullGrid.pixelBytes(whole, 2, 2), copiedBytes);
    assertSame(reusable, copied, "a buffer large enough is reused");
    assertNotSame(reusable, FullGrid.pixels(half, 8, 8, reusable), "one too small is not");
  }
}
