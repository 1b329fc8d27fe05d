package org.weasis.progressive.internal.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

/**
 * Decodes little-endian uncompressed frames without a native codec, so that servers that send raw
 * pixels (or raw thumbnails on an alternate path) need nothing else; reduced levels are taken by
 * nearest decimation, which is exact at that level.
 */
@Component(
    property = {
      FrameDecoder.TRANSFER_SYNTAX + "=" + TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
      FrameDecoder.TRANSFER_SYNTAX + "=" + TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
    })
public final class UncompressedDecoder implements FrameDecoder {
  private static final Set<String> TRANSFER_SYNTAXES =
      Set.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

  /** Levels past this give a 1x1 image for any DICOM size (Rows is 16 bits); caps the shift. */
  private static final int MAX_SHIFT = 30;

  @Override
  public Set<String> transferSyntaxes() {
    return TRANSFER_SYNTAXES;
  }

  @Override
  public boolean supportsReducedResolution() {
    return true;
  }

  @Override
  public boolean supportsPartialData() {
    return false;
  }

  @Override
  public int decodableLevel(ByteBuffer data, DecodeRequest request) throws DecodeException {
    requireSupported(request);
    Layout full = Layout.full(request.target());
    int level = request.decodeLevel();
    if (data.remaining() >= full.bytes()) {
      return 0;
    }
    return level > 0 && data.remaining() == full.reduced(level).bytes() ? level : -1;
  }

  @Override
  public DecodedFrame decode(ByteBuffer data, DecodeRequest request) throws DecodeException {
    requireSupported(request);
    PixelDescription pixels = request.target();
    ByteBuffer bytes = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    Layout full = Layout.full(pixels);
    int level = request.decodeLevel();
    Layout reduced = full.reduced(level);
    if (bytes.remaining() >= full.bytes()) {
      int step = 1 << Math.min(level, MAX_SHIFT);
      return new DecodedFrame(read(bytes, full, reduced, step, pixels), level, true);
    }
    if (level > 0 && bytes.remaining() == reduced.bytes()) {
      // A thumbnail served already reduced: its samples are the ones decimation would pick.
      return new DecodedFrame(read(bytes, reduced, reduced, 1, pixels), level, true);
    }
    throw sizeMismatch(request, full, reduced, bytes.remaining());
  }

  private static void requireSupported(DecodeRequest request) throws DecodeException {
    if (!TRANSFER_SYNTAXES.contains(request.transferSyntaxUid())) {
      throw new DecodeException(
          request.transferSyntaxUid(),
          "not an uncompressed little-endian transfer syntax; this decoder handles "
              + TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN + " and "
              + TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
  }

  /**
   * Reads every {@code step}-th row and column of data laid out as {@code source} into an interleaved
   * raster the size of {@code out}, keeping only the stored bits.
   */
  private static Raster read(
      ByteBuffer bytes, Layout source, Layout out, int step, PixelDescription pixels) {
    if (pixels.bitsAllocated() == 8) {
      byte[] samples = readBytes(bytes, source, out, step);
      keepStoredBits(samples, pixels);
      return new Raster(out.rows(), out.columns(), out.samples(), ByteBuffer.wrap(samples));
    }
    short[] samples = readShorts(bytes.asShortBuffer(), source, out, step);
    keepStoredBits(samples, pixels);
    return new Raster(out.rows(), out.columns(), out.samples(), ShortBuffer.wrap(samples));
  }

  private static byte[] readBytes(ByteBuffer in, Layout source, Layout out, int step) {
    byte[] samples = new byte[out.count()];
    if (step == 1 && !source.planar()) {
      in.get(0, samples);
      return samples;
    }
    int i = 0;
    for (int r = 0; r < out.rows(); r++) {
      for (int c = 0; c < out.columns(); c++) {
        for (int s = 0; s < out.samples(); s++) {
          samples[i++] = in.get(source.index(r * step, c * step, s));
        }
      }
    }
    return samples;
  }

  private static short[] readShorts(ShortBuffer in, Layout source, Layout out, int step) {
    short[] samples = new short[out.count()];
    if (step == 1 && !source.planar()) {
      in.get(0, samples);
      return samples;
    }
    int i = 0;
    for (int r = 0; r < out.rows(); r++) {
      for (int c = 0; c < out.columns(); c++) {
        for (int s = 0; s < out.samples(); s++) {
          samples[i++] = in.get(source.index(r * step, c * step, s));
        }
      }
    }
    return samples;
  }

  /** Drops the bits above BitsStored (overlays, garbage) and sign-extends signed values. */
  private static void keepStoredBits(byte[] samples, PixelDescription pixels) {
    if (pixels.bitsStored() == Byte.SIZE) {
      return;
    }
    int shift = Integer.SIZE - pixels.bitsStored();
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (byte) storedValue(samples[i], shift, pixels.signed());
    }
  }

  private static void keepStoredBits(short[] samples, PixelDescription pixels) {
    if (pixels.bitsStored() == Short.SIZE) {
      return;
    }
    int shift = Integer.SIZE - pixels.bitsStored();
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) storedValue(samples[i], shift, pixels.signed());
    }
  }

  /** The low {@code 32 - shift} bits of a sample, sign-extended when signed. */
  private static int storedValue(int sample, int shift, boolean signed) {
    int high = sample << shift;
    return signed ? high >> shift : high >>> shift;
  }

  private static DecodeException sizeMismatch(
      DecodeRequest request, Layout full, Layout reduced, int actual) {
    String expected = full.describe();
    if (request.decodeLevel() > 0) {
      expected += " (or " + reduced.describe() + " already at level " + request.decodeLevel() + ")";
    }
    return new DecodeException(
        request.transferSyntaxUid(),
        "expected " + expected + ", got " + actual + " bytes");
  }

  /** How the samples of one frame sit in memory. */
  private record Layout(int rows, int columns, int samples, int bytesPerSample, boolean planar) {

    static Layout full(PixelDescription pixels) {
      return new Layout(
          pixels.rows(),
          pixels.columns(),
          pixels.samplesPerPixel(),
          pixels.bitsAllocated() / Byte.SIZE,
          pixels.samplesPerPixel() > 1 && pixels.planarConfiguration() == 1);
    }

    /** This frame at a decode level, as a server would store it already reduced. */
    Layout reduced(int level) {
      int shift = Math.min(level, MAX_SHIFT);
      return new Layout(
          DecodeRequest.reducedSize(rows, shift),
          DecodeRequest.reducedSize(columns, shift),
          samples,
          bytesPerSample,
          planar);
    }

    /** Samples in the frame; only called once the data is known to hold them. */
    int count() {
      return Math.toIntExact((long) rows * columns * samples);
    }

    long bytes() {
      return (long) rows * columns * samples * bytesPerSample;
    }

    int index(int row, int column, int sample) {
      return planar
          ? (sample * rows + row) * columns + column
          : (row * columns + column) * samples + sample;
    }

    String describe() {
      return rows + " x " + columns + " x " + samples + " x " + bytesPerSample + " = " + bytes()
          + " bytes";
    }
  }
}
