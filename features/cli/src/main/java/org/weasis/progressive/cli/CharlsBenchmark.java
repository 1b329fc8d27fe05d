package org.weasis.progressive.cli;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.codec.charls.internal.JpegLsFrameDecoder;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.testsupport.charls.ffm.CharlsBindings;
import org.weasis.progressive.testsupport.charls.ffm.CharlsLibrary;

/**
 * Times our Java JPEG-LS decoder (the whole FrameDecoder path: pre-check, copy, decode, Raster) against
 * CharLS's native {@code charls_jpegls_decoder_decode_to_buffer} on the same codestream, in one run.
 */
public final class CharlsBenchmark {
  private static final int WARM_UP_RUNS = 5;
  /** Small images need more warm-up runs before the JIT has compiled the decoder's loops. */
  private static final long WARM_UP_PIXELS = 20_000_000;

  private CharlsBenchmark() {}

  /** A size x size 16-bit image, the median of {@code runs}; run by {@code ./progressive bench-decode}. */
  static void run(int size, int runs) throws Exception {
    CharlsLibrary.Loaded charls = CharlsLibrary.loaded()
        .orElseThrow(() -> new IllegalStateException(CharlsLibrary.failure()));
    PixelDescription pixels = PixelDescription.grey(size, size, 16, false);
    byte[] encoded = new CharlsEncoder(charls.bindings()).encode(image(size), size, size, 16, 1, 0);
    JpegLsFrameDecoder decoder = new JpegLsFrameDecoder();
    DecodeRequest request = new DecodeRequest(TransferSyntax.JPEG_LS_LOSSLESS, pixels, 0, true);
    long warmUps = Math.max(WARM_UP_RUNS, WARM_UP_PIXELS / ((long) size * size));

    long[] bare = new long[runs];
    long[] ours = new long[runs];
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment source = arena.allocate(encoded.length);
      MemorySegment.copy(encoded, 0, source, ValueLayout.JAVA_BYTE, 0, encoded.length);
      MemorySegment destination = arena.allocate(2L * size * size, 2);
      for (long run = -warmUps; run < runs; run++) {
        long bareNanos = timeBareDecode(charls.bindings(), source, destination);
        long ourNanos = timeOurDecode(decoder, encoded, request);
        if (run >= 0) {
          bare[(int) run] = bareNanos;
          ours[(int) run] = ourNanos;
        }
      }
    }
    double megapixels = (double) size * size / 1e6;
    System.out.printf("CharLS %s (%s), %dx%d 16-bit, %d bytes encoded (%.2f:1), median of %d runs%n",
        charls.version(), charls.origin(), size, size, encoded.length, 2.0 * size * size / encoded.length, runs);
    print("CharLS decode_to_buffer (native only)", megapixels, median(bare));
    print("JpegLsFrameDecoder.decode (Java, full path)", megapixels, median(ours));
    System.out.printf("throughput ratio Java / CharLS native: %.3f of the medians, %.3f median of adjacent pairs%n",
        (double) median(bare) / median(ours), medianPairRatio(bare, ours));
  }

  /** A CT-like 12-bit image: smooth anatomy-sized structures plus noise. */
  private static short[] image(int size) {
    SplittableRandom random = new SplittableRandom(3036);
    short[] samples = new short[size * size];
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        double structure = 1500 + 600 * Math.sin(r / 97.0) * Math.cos(c / 61.0) + 300 * Math.sin((r + c) / 23.0);
        samples[r * size + c] = (short) Math.clamp((long) (structure + random.nextGaussian() * 12), 0, 4095);
      }
    }
    return samples;
  }

  /** Header parsing is outside the timed call, as the native reference only decodes. */
  private static long timeBareDecode(CharlsBindings charls, MemorySegment source, MemorySegment destination) {
    MemorySegment decoder = charls.charls_jpegls_decoder_create();
    try {
      require(charls.charls_jpegls_decoder_set_source_buffer(decoder, source, source.byteSize()));
      require(charls.charls_jpegls_decoder_read_header(decoder));
      long start = System.nanoTime();
      require(charls.charls_jpegls_decoder_decode_to_buffer(decoder, destination, destination.byteSize(), 0));
      return System.nanoTime() - start;
    } finally {
      charls.charls_jpegls_decoder_destroy(decoder);
    }
  }

  private static long timeOurDecode(JpegLsFrameDecoder decoder, byte[] encoded, DecodeRequest request)
      throws DecodeException {
    long start = System.nanoTime();
    decoder.decode(ByteBuffer.wrap(encoded), request);
    return System.nanoTime() - start;
  }

  private static void require(int code) {
    if (code != 0) {
      throw new IllegalStateException("CharLS error " + code + " on data it encoded itself");
    }
  }

  /** Each pair ran back to back, so its ratio is less skewed by other load on the machine than the medians. */
  private static double medianPairRatio(long[] bare, long[] ours) {
    double[] ratios = new double[bare.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = (double) bare[i] / ours[i];
    }
    Arrays.sort(ratios);
    return ratios[ratios.length / 2];
  }

  private static long median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void print(String what, double megapixels, long nanos) {
    System.out.printf("  %-40s %8.1f ms %8.1f MP/s%n", what, nanos / 1e6, megapixels / (nanos / 1e9));
  }
}
