package org.weasis.progressive.codec.charls.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import org.weasis.progressive.api.PixelDescription;
import org.weasis.progressive.api.Raster;
import org.weasis.progressive.codec.charls.internal.ffm.InterleaveMode;

/**
 * Copies CharLS's pixel buffer (planes when the scans are not interleaved, pixels otherwise; one byte per
 * sample up to 8 bits, else two in native order) into the {@link Raster} layout: interleaved samples in
 * the container BitsAllocated names, with only the stored bits, sign-extended when signed.
 */
final class DecodedSamples {
  private DecodedSamples() {}

  static Raster toRaster(
      MemorySegment decoded, JlsHeader header, InterleaveMode mode, PixelDescription target) {
    boolean planar = mode == InterleaveMode.NONE && header.components() > 1;
    if (target.bitsAllocated() == Byte.SIZE) {
      byte[] samples = bytes(decoded, header, planar);
      keepStoredBits(samples, header, target);
      return new Raster(header.height(), header.width(), header.components(), ByteBuffer.wrap(samples));
    }
    short[] samples = shorts(decoded, header, planar);
    keepStoredBits(samples, header, target);
    return new Raster(header.height(), header.width(), header.components(), ShortBuffer.wrap(samples));
  }

  /** Only called when the precision fits a byte (the decoder checks it against BitsAllocated). */
  private static byte[] bytes(MemorySegment decoded, JlsHeader header, boolean planar) {
    byte[] samples = new byte[count(header)];
    if (!planar) {
      MemorySegment.copy(decoded, ValueLayout.JAVA_BYTE, 0, samples, 0, samples.length);
      return samples;
    }
    int components = header.components();
    int pixels = samples.length / components;
    for (int c = 0; c < components; c++) {
      long plane = (long) c * pixels;
      for (int p = 0; p < pixels; p++) {
        samples[p * components + c] = decoded.get(ValueLayout.JAVA_BYTE, plane + p);
      }
    }
    return samples;
  }

  private static short[] shorts(MemorySegment decoded, JlsHeader header, boolean planar) {
    short[] samples = new short[count(header)];
    boolean wide = header.bitsPerSample() > Byte.SIZE;
    if (!planar && wide) {
      MemorySegment.copy(decoded, ValueLayout.JAVA_SHORT, 0, samples, 0, samples.length);
      return samples;
    }
    int components = planar ? header.components() : 1;
    int pixels = samples.length / components;
    for (int c = 0; c < components; c++) {
      long plane = (long) c * pixels;
      for (int p = 0; p < pixels; p++) {
        samples[p * components + c] = wide
            ? decoded.getAtIndex(ValueLayout.JAVA_SHORT, plane + p)
            : (short) (decoded.get(ValueLayout.JAVA_BYTE, plane + p) & 0xFF);
      }
    }
    return samples;
  }

  private static int count(JlsHeader header) {
    return Math.toIntExact(header.frameInfo().sampleCount());
  }

  /**
   * JPEG-LS stores the raw bit pattern of a sample; DICOM says only the low BitsStored bits count and
   * the top one is the sign when PixelRepresentation is 1.
   */
  private static void keepStoredBits(byte[] samples, JlsHeader header, PixelDescription target) {
    if (!needsStoredBits(header, target)) {
      return;
    }
    int shift = Integer.SIZE - target.bitsStored();
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (byte) storedValue(samples[i], shift, target.signed());
    }
  }

  private static void keepStoredBits(short[] samples, JlsHeader header, PixelDescription target) {
    if (!needsStoredBits(header, target)) {
      return;
    }
    int shift = Integer.SIZE - target.bitsStored();
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) storedValue(samples[i], shift, target.signed());
    }
  }

  /** Full-width containers, and unsigned values no wider than BitsStored, are already right. */
  private static boolean needsStoredBits(JlsHeader header, PixelDescription target) {
    if (target.bitsStored() == target.bitsAllocated()) {
      return false;
    }
    return target.signed() || header.bitsPerSample() > target.bitsStored();
  }

  private static int storedValue(int sample, int shift, boolean signed) {
    int high = sample << shift;
    return signed ? high >> shift : high >>> shift;
  }
}
