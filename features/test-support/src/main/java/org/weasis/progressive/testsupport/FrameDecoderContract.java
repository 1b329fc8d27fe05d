package org.weasis.progressive.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

/**
 * What every {@link FrameDecoder} must do, whatever its codec: a subclass supplies the decoder and
 * frames made by real encoders; this class checks round trips, reduced sizes, prefixes, corrupt input
 * and concurrent use through the public API only. Reduced sizes and prefixes are checked for frames
 * that hold levels ({@link Fixture#levels()} above 0), whose decoder must then support both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FrameDecoderContract {
  private static final int CORRUPTIONS_PER_FRAME = 60;

  /**
   * An encoded frame and the pixels it was made from.
   *
   * @param source the encoder's input samples, interleaved; compared exactly when {@code lossless}
   * @param levels the deepest level the frame holds (its decomposition levels); 0 for codecs without
   *     resolution levels
   */
  public record Fixture(
      String name, String transferSyntaxUid, PixelDescription target, byte[] data, int[] source,
      boolean lossless, int levels) {
    @Override
    public String toString() {
      return name;
    }
  }

  private List<Fixture> fixtures;

  protected abstract FrameDecoder decoder();

  /** Frames made by real encoders; called once per test class. */
  protected abstract List<Fixture> makeFixtures() throws Exception;

  protected final Stream<Fixture> fixtures() throws Exception {
    if (fixtures == null) {
      fixtures = List.copyOf(makeFixtures());
    }
    return fixtures.stream();
  }

  protected final Stream<Fixture> losslessFixtures() throws Exception {
    return fixtures().filter(Fixture::lossless);
  }

  // ---- round trips and levels ----

  @ParameterizedTest
  @MethodSource("losslessFixtures")
  void losslessFramesDecodeToExactlyTheirSourcePixels(Fixture f) throws DecodeException {
    DecodedFrame frame = decode(f, f.data(), 0, true);

    assertEquals(0, frame.decodeLevel());
    assertTrue(frame.lossless(), "a complete reversible frame is lossless");
    assertEquals(f.target().rows(), frame.raster().rows());
    assertEquals(f.target().columns(), frame.raster().columns());
    assertEquals(f.target().samplesPerPixel(), frame.raster().samplesPerPixel());
    Class<?> buffer = f.target().bitsAllocated() == 8 ? ByteBuffer.class : ShortBuffer.class;
    assertTrue(buffer.isInstance(frame.raster().samples()), "8-bit data in bytes, deeper in shorts");
    assertArrayEquals(f.source(), samples(frame.raster(), f.target().signed()), f.name());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyLevelHasTheSizeHalvedThatManyTimesRoundingUp(Fixture f) throws DecodeException {
    assertEquals(f.levels() > 0, decoder().supportsReducedResolution(),
        "a decoder of frames with levels (J2K) decodes reduced resolutions, others say they do not");
    for (int level = 0; level <= f.levels(); level++) {
      DecodedFrame frame = decode(f, f.data(), level, true);

      assertEquals(level, frame.decodeLevel(), f.name());
      assertEquals(DecodeRequest.reducedSize(f.target().rows(), level), frame.raster().rows());
      assertEquals(DecodeRequest.reducedSize(f.target().columns(), level), frame.raster().columns());
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void completeDataIsDecodableAtFullResolution(Fixture f) throws DecodeException {
    assertEquals(0, decoder().decodableLevel(ByteBuffer.wrap(f.data()), request(f, 0, true)));
    if (decoder().supportsPartialData()) {
      assertEquals(0, decoder().decodableLevel(ByteBuffer.wrap(f.data()), request(f, 0, false)),
          "a decoder of prefixes sees from the data itself that it is complete");
    }
  }

  // ---- prefixes ----

  @ParameterizedTest
  @MethodSource("fixtures")
  void eachLevelIsExactFromTheShortestPrefixThatHoldsIt(Fixture f) throws DecodeException {
    assertEquals(f.levels() > 0, decoder().supportsPartialData(),
        "a decoder of frames with levels (J2K) decodes prefixes, others say they do not");
    for (int level = 1; level <= f.levels(); level++) {
      int shortest = shortestPrefixFor(f, level);
      if (shortest < 0) {
        continue; // this frame's order puts the level's last packet at the end
      }
      DecodedFrame fromPrefix = decode(f, Arrays.copyOf(f.data(), shortest), level, false);
      DecodedFrame fromWhole = decode(f, f.data(), level, true);

      assertEquals(level, fromPrefix.decodeLevel(), f.name() + " prefix of " + shortest);
      assertArrayEquals(samples(fromWhole.raster(), f.target().signed()),
          samples(fromPrefix.raster(), f.target().signed()),
          f.name() + ": level " + level + " from its first " + shortest + " bytes");
      int shorter = decoder().decodableLevel(ByteBuffer.wrap(f.data(), 0, shortest - 1), request(f, 0, false));
      assertTrue(shorter < 0 || shorter > level, "one byte less must not claim level " + level);
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void aPrefixIsNeverFullResolutionNorLossless(Fixture f) throws DecodeException {
    int n = f.data().length;
    for (int length : new int[] {n / 10, n / 3, n / 2, n * 9 / 10, n - 100, n - 2, n - 1}) {
      if (length <= 0) {
        continue;
      }
      byte[] prefix = Arrays.copyOf(f.data(), length);
      int level = decoder().decodableLevel(ByteBuffer.wrap(prefix), request(f, 0, false));
      assertTrue(level != 0, f.name() + ": " + length + " of " + n + " bytes claimed full resolution");
      try {
        DecodedFrame frame = decode(f, prefix, 0, false);
        assertTrue(frame.decodeLevel() > 0, f.name() + ": prefix decoded at level 0");
        assertFalse(frame.lossless(), f.name() + ": prefix called lossless");
      } catch (DecodeException expected) {
        assertTrue(level < 0, "decodableLevel said " + level + " but decode failed: " + expected);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void dataCutInsideItsHeaderIsRefusedWithTheTypedException(Fixture f) {
    for (int length : new int[] {0, 1, 2, 11, 40}) {
      byte[] cut = Arrays.copyOf(f.data(), Math.min(length, f.data().length));
      assertThrows(DecodeException.class, () -> decode(f, cut, 0, true), f.name() + " cut to " + length);
      assertThrows(DecodeException.class, () -> decode(f, cut, 0, false), f.name() + " cut to " + length);
    }
  }

  // ---- bad data ----

  @ParameterizedTest
  @MethodSource("fixtures")
  void corruptedFramesDecodeOrThrowTheTypedExceptionOnly(Fixture f) {
    SplittableRandom random = new SplittableRandom(f.name().hashCode());
    for (int i = 0; i < CORRUPTIONS_PER_FRAME; i++) {
      byte[] bad = f.data().clone();
      int region = i % 2 == 0 ? Math.min(bad.length, 200) : bad.length; // headers, then anywhere
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        bad[random.nextInt(region)] ^= (byte) (1 << random.nextInt(8));
      }
      try {
        DecodedFrame frame = decode(f, bad, 0, true);
        int level = frame.decodeLevel();
        assertEquals(DecodeRequest.reducedSize(f.target().rows(), level), frame.raster().rows());
      } catch (DecodeException expected) {
        // the typed exception is the other allowed outcome
      } catch (RuntimeException e) {
        fail(f.name() + " corruption " + i + " threw " + e, e);
      }
    }
  }

  @Test
  void randomBytesAreRefusedWithTheTypedException() throws Exception {
    Fixture f = fixtures().findFirst().orElseThrow();
    byte[] garbage = new byte[4096];
    new SplittableRandom(7).nextBytes(garbage);
    assertThrows(DecodeException.class, () -> decode(f, garbage, 0, true));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void aFrameOfAnotherSizeThanTheMetadataSaysIsRefused(Fixture f) {
    assertRefusedAs(f, f.target().rows() - 1);
    if (f.levels() > 0) {
      // A frame with levels has exactly the image's size; codecs without levels (JPEG-LS) take a
      // smaller frame for a thumbnail of the image, so only larger ones are wrong for every codec.
      assertRefusedAs(f, f.target().rows() + 1);
    }
  }

  private void assertRefusedAs(Fixture f, int rows) {
    PixelDescription t = f.target();
    PixelDescription other = new PixelDescription(rows, t.columns(), t.samplesPerPixel(),
        t.bitsAllocated(), t.bitsStored(), t.signed(), t.photometricInterpretation(), 0, 1, 0, null, null);
    DecodeRequest request = new DecodeRequest(f.transferSyntaxUid(), other, 0, true);

    DecodeException e = assertThrows(DecodeException.class,
        () -> decoder().decode(ByteBuffer.wrap(f.data()), request), f.name() + " as " + rows + " rows");
    assertTrue(e.getMessage().contains(f.transferSyntaxUid()), "the message names the transfer syntax");
  }

  @Test
  void aTransferSyntaxTheDecoderDoesNotHandleIsRefused() throws Exception {
    Fixture f = fixtures().findFirst().orElseThrow();
    DecodeRequest request = new DecodeRequest("1.2.3.4", f.target(), 0, true);

    assertThrows(DecodeException.class, () -> decoder().decode(ByteBuffer.wrap(f.data()), request));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void theCallersBufferKeepsItsPositionAndLimit(Fixture f) throws DecodeException {
    byte[] padded = new byte[f.data().length + 20];
    System.arraycopy(f.data(), 0, padded, 7, f.data().length);
    ByteBuffer buffer = ByteBuffer.wrap(padded, 7, f.data().length);

    decoder().decodableLevel(buffer, request(f, 0, true));
    DecodedFrame frame = decoder().decode(buffer, request(f, 0, true));

    assertEquals(7, buffer.position());
    assertEquals(7 + f.data().length, buffer.limit());
    assertEquals(0, frame.decodeLevel());
  }

  // ---- threads ----

  @Test
  void fourThreadsDecodingAtOnceGetTheSameSamples() throws Exception {
    List<Fixture> all = fixtures().toList();
    List<int[]> expected = new ArrayList<>();
    for (Fixture f : all) {
      expected.add(samples(decode(f, f.data(), 0, true).raster(), f.target().signed()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int round = 0; round < 4 * 6; round++) {
        int i = round % all.size();
        results.add(pool.submit(() -> {
          Fixture f = all.get(i);
          return Arrays.equals(expected.get(i), samples(decode(f, f.data(), 0, true).raster(), f.target().signed()));
        }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get(), "a concurrent decode gave other samples");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- helpers ----

  /** Decodes {@code data} as frame {@code f} at {@code level}. */
  protected final DecodedFrame decode(Fixture f, byte[] data, int level, boolean complete)
      throws DecodeException {
    return decoder().decode(ByteBuffer.wrap(data), request(f, level, complete));
  }

  protected static DecodeRequest request(Fixture f, int level, boolean complete) {
    return new DecodeRequest(f.transferSyntaxUid(), f.target(), level, complete);
  }

  /** Shortest prefix decodable at {@code level} or finer but not complete, or -1 (binary search). */
  private int shortestPrefixFor(Fixture f, int level) throws DecodeException {
    int lo = 1;
    int hi = f.data().length - 1;
    if (!holds(f, hi, level)) {
      return -1;
    }
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (holds(f, mid, level)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private boolean holds(Fixture f, int length, int level) throws DecodeException {
    int decodable = decoder().decodableLevel(ByteBuffer.wrap(f.data(), 0, length), request(f, 0, false));
    return decodable >= 0 && decodable <= level;
  }

  /** All samples of a raster as ints, sign-extended when {@code signed}. */
  public static int[] samples(Raster raster, boolean signed) {
    int[] out = new int[raster.rows() * raster.columns() * raster.samplesPerPixel()];
    if (raster.samples() instanceof ShortBuffer s) {
      for (int i = 0; i < out.length; i++) {
        out[i] = signed ? s.get(i) : s.get(i) & 0xFFFF;
      }
    } else {
      ByteBuffer b = (ByteBuffer) raster.samples();
      for (int i = 0; i < out.length; i++) {
        out[i] = signed ? b.get(i) : b.get(i) & 0xFF;
      }
    }
    return out;
  }
}
