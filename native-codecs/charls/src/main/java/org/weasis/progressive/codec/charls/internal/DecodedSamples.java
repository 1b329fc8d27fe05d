package org.weasis.progressive.codec.charls.internal;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

/**
 * Turns decoded samples (interleaved per pixel, the raw JPEG-LS bit patterns) into the {@link Raster} of
 * the image: only the stored bits, sign-extended when signed, in the container BitsAllocated names.
 */
final class DecodedSamples {
  private DecodedSamples() {}

  /** Only called when the precision fits a byte (the decoder checks it against BitsAllocated). */
  static Raster toRaster(byte[] samples, JlsHeader header, PixelDescription target) {
    keepStoredBits(samples, header, target);
    return new Raster(header.height(), header.width(), header.components(), ByteBuffer.wrap(samples));
  }

  static Raster toRaster(short[] samples, JlsHeader header, PixelDescription target) {
    keepStoredBits(samples, header, target);
    return new Raster(header.height(), header.width(), header.components(), ShortBuffer.wrap(samples));
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
