package org.weasis.progressive.testsupport.charls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import org.weasis.progressive.testsupport.charls.ffm.CharlsBindings;
import org.weasis.progressive.testsupport.charls.ffm.CharlsException;
import org.weasis.progressive.testsupport.charls.ffm.CharlsLibrary;
import org.weasis.progressive.testsupport.charls.ffm.FrameInfo;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;
import org.weasis.progressive.testsupport.charls.ffm.NativeEncoder;

/**
 * Encodes pixels to JPEG-LS with CharLS, to make thumbnails and test data.
 *
 * <p>Samples are interleaved per pixel (RGBRGB) whatever the interleave mode asked for, and only their
 * low {@code bitsPerSample} bits are kept: signed values are stored as their two's-complement pattern.
 */
public final class CharlsEncoder {
  private final CharlsBindings charls;

  public CharlsEncoder(CharlsBindings charls) {
    this.charls = Objects.requireNonNull(charls, "charls");
  }

  /** An encoder on the library this bundle loads; fails with what to install when there is none. */
  public static CharlsEncoder create() {
    return new CharlsEncoder(CharlsLibrary.bindings()
        .orElseThrow(() -> new IllegalStateException(CharlsLibrary.failure())));
  }

  /** Encodes with the components' scans interleaved by sample (colour) or a single scan (grey). */
  public byte[] encode(short[] samples, int width, int height, int bitsPerSample, int components, int near)
      throws CharlsException {
    return encode(samples, width, height, bitsPerSample, components, near, defaultMode(components));
  }

  public byte[] encode(short[] samples, int width, int height, int bitsPerSample, int components, int near,
      InterleaveMode mode) throws CharlsException {
    FrameInfo frame = frame(samples.length, width, height, bitsPerSample, components);
    return encode(i -> samples[i], frame, near, mode);
  }

  public byte[] encode(byte[] samples, int width, int height, int bitsPerSample, int components, int near)
      throws CharlsException {
    return encode(samples, width, height, bitsPerSample, components, near, defaultMode(components));
  }

  public byte[] encode(byte[] samples, int width, int height, int bitsPerSample, int components, int near,
      InterleaveMode mode) throws CharlsException {
    if (bitsPerSample > Byte.SIZE) {
      throw new IllegalArgumentException("byte samples hold at most 8 bits, got bitsPerSample " + bitsPerSample);
    }
    FrameInfo frame = frame(samples.length, width, height, bitsPerSample, components);
    return encode(i -> samples[i], frame, near, mode);
  }

  private static InterleaveMode defaultMode(int components) {
    return components == 1 ? InterleaveMode.NONE : InterleaveMode.SAMPLE;
  }

  private static FrameInfo frame(int length, int width, int height, int bitsPerSample, int components) {
    FrameInfo frame = new FrameInfo(width, height, bitsPerSample, components);
    if (width < 1 || height < 1 || components < 1 || frame.sampleCount() != length) {
      throw new IllegalArgumentException(length + " samples do not make a " + width + "x" + height + "x"
          + components + " image");
    }
    return frame;
  }

  private byte[] encode(IntUnaryOperator sample, FrameInfo frame, int near, InterleaveMode mode)
      throws CharlsException {
    requireNearFits(near, frame.bitsPerSample());
    try (Arena arena = Arena.ofConfined();
        NativeEncoder encoder = NativeEncoder.create(charls)) {
      encoder.setFrameInfo(frame);
      encoder.setNearLossless(near);
      encoder.setInterleaveMode(mode);
      MemorySegment destination = arena.allocate(encoder.estimatedDestinationSize());
      encoder.setDestination(destination);
      encoder.encode(nativeSamples(sample, frame, mode, arena));
      return destination.asSlice(0, encoder.bytesWritten()).toArray(ValueLayout.JAVA_BYTE);
    }
  }

  /**
   * CharLS 2.4 accepts NEAR up to 255 at first, then asserts it is at most MAXVAL/2 while encoding, and
   * Debian's build aborts the JVM on a failed assertion.
   */
  private static void requireNearFits(int near, int bitsPerSample) {
    int max = Math.min(255, ((1 << bitsPerSample) - 1) / 2);
    if (near < 0 || near > max) {
      throw new IllegalArgumentException("NEAR must be 0.." + max + " for " + bitsPerSample + "-bit samples, got "
          + near);
    }
  }

  /** CharLS reads one plane per component for mode NONE, pixel-interleaved samples otherwise. */
  private static MemorySegment nativeSamples(
      IntUnaryOperator sample, FrameInfo frame, InterleaveMode mode, Arena arena) {
    int count = Math.toIntExact(frame.sampleCount());
    int components = frame.components();
    int pixels = count / components;
    boolean planar = mode == InterleaveMode.NONE && components > 1;
    int mask = (1 << frame.bitsPerSample()) - 1;
    boolean wide = frame.bytesPerSample() == Short.BYTES;
    MemorySegment segment = arena.allocate((long) count * frame.bytesPerSample(), Short.BYTES);
    for (int i = 0; i < count; i++) {
      long at = planar ? (long) (i % components) * pixels + i / components : i;
      int value = sample.applyAsInt(i) & mask;
      if (wide) {
        segment.setAtIndex(ValueLayout.JAVA_SHORT, at, (short) value);
      } else {
        segment.set(ValueLayout.JAVA_BYTE, at, (byte) value);
      }
    }
    return segment;
  }
}
