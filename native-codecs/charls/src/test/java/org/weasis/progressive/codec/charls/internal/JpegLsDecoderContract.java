package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.nio.Buffer;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;

/**
 * What a JPEG-LS decoder must do with what an encoder makes, beyond the codec-neutral
 * {@link org.weasis.progressive.testsupport.FrameDecoderContract}: subclasses name the decoder and the
 * encoder (ours, or an independent one) and inherit round trips, corrupt-input and concurrency checks.
 */
abstract class JpegLsDecoderContract {
  static final int SOF55 = 0xF7;
  static final int SOS = 0xDA;
  static final int LSE = 0xF8;

  protected abstract FrameDecoder decoder();

  /** Encodes {@code image} with the encoder under test; {@code mode} matters for colour only. */
  protected abstract byte[] encode(TestImage image, int near, InterleaveMode mode) throws Exception;

  static Stream<TestImage> losslessImages() {
    return Stream.of(
        TestImage.generate(1, 515, 301, 1, 8, false),
        TestImage.generate(2, 301, 515, 1, 8, true),
        TestImage.generate(3, 515, 301, 1, 12, false),
        TestImage.generate(4, 515, 301, 1, 12, true),
        TestImage.generate(5, 515, 301, 1, 16, false),
        TestImage.generate(6, 301, 515, 1, 16, true),
        TestImage.generate(7, 1, 1, 1, 16, false),
        TestImage.generate(8, 515, 301, 3, 8, false),
        TestImage.generate(9, 97, 31, 3, 12, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losslessImages")
  void losslessRoundTripGivesTheSamePixelsAndSaysLossless(TestImage image) throws Exception {
    DecodedFrame frame = decode(encode(image, 0, InterleaveMode.SAMPLE), image);

    assertEquals(0, image.maxError(frame.raster()), "max error");
    assertTrue(frame.lossless());
    assertEquals(0, frame.decodeLevel());
    Class<? extends Buffer> expected = image.pixels().bitsAllocated() == 8 ? ByteBuffer.class : ShortBuffer.class;
    assertTrue(expected.isInstance(frame.raster().samples()), "8-bit data in bytes, deeper data in shorts");
  }

  @ParameterizedTest
  @EnumSource(InterleaveMode.class)
  void colourComesOutPixelInterleavedWhateverTheScanInterleaving(InterleaveMode mode) throws Exception {
    TestImage image = TestImage.generate(10, 67, 45, 3, 8, false);

    DecodedFrame frame = decode(encode(image, 0, mode), image);

    assertEquals(0, image.maxError(frame.raster()), "max error in mode " + mode);
  }

  @ParameterizedTest
  @MethodSource("nearLosslessImages")
  void nearLosslessStaysWithinNearAndIsNotCalledLossless(TestImage image) throws Exception {
    int near = 2;

    DecodedFrame frame = decode(encode(image, near, InterleaveMode.SAMPLE), image, near);

    int error = image.maxError(frame.raster());
    assertTrue(error > 0 && error <= near, "max error " + error + " must be in 1.." + near);
    assertFalse(frame.lossless());
  }

  /** Unsigned only: JPEG-LS bounds the error of the bit pattern, which wraps at the sign of signed data. */
  static Stream<TestImage> nearLosslessImages() {
    return Stream.of(
        TestImage.generate(11, 515, 301, 1, 8, false),
        TestImage.generate(12, 301, 515, 1, 16, false),
        TestImage.generate(13, 64, 48, 3, 8, false));
  }

  @Test
  void truncatedDataThrowsDecodeException() throws Exception {
    TestImage image = TestImage.generate(14, 64, 64, 1, 12, false);
    byte[] encoded = encode(image, 0, InterleaveMode.NONE);

    for (int length : new int[] {0, 1, 2, 3, 10, 20, encoded.length / 2, encoded.length - 2, encoded.length - 1}) {
      byte[] cut = Arrays.copyOf(encoded, length);
      assertThrows(DecodeException.class, () -> decode(cut, image), "first " + length + " bytes");
    }
  }

  @Test
  void truncatedDataWithAnEndMarkerAddedBackThrowsDecodeException() throws Exception {
    TestImage image = TestImage.generate(15, 64, 64, 1, 12, false);
    byte[] encoded = encode(image, 0, InterleaveMode.NONE);
    byte[] cut = Arrays.copyOf(encoded, encoded.length / 2 + 2);
    cut[cut.length - 2] = (byte) 0xFF;
    cut[cut.length - 1] = (byte) 0xD9;

    DecodeException e = assertThrows(DecodeException.class, () -> decode(cut, image));

    assertTrue(e.getMessage().contains("the scan's data ends at byte offset"),
        "the scan decoder finds the scan short: " + e.getMessage());
  }

  @Test
  void damagedMarkerCodesThrowDecodeException() throws Exception {
    TestImage image = TestImage.generate(16, 64, 64, 1, 8, false);
    byte[] encoded = encode(image, 0, InterleaveMode.NONE);
    int sof = offsetOf(encoded, SOF55);
    int sos = offsetOf(encoded, SOS);

    for (int offset : new int[] {0, 1, sof, sof + 1, sos, sos + 1}) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] damaged = encoded.clone();
        damaged[offset] ^= (byte) (1 << bit);
        int at = offset;
        int flipped = bit;
        assertThrows(DecodeException.class, () -> decode(damaged, image), "bit " + flipped + " at " + at);
      }
    }
  }

  @Test
  void wrongMarkerLengthsThrowDecodeException() throws Exception {
    TestImage image = TestImage.generate(17, 64, 64, 3, 8, false);
    byte[] encoded = encode(image, 0, InterleaveMode.SAMPLE);

    for (int marker : new int[] {SOF55, SOS}) {
      int lengthAt = offsetOf(encoded, marker) + 3;
      for (int delta : new int[] {-3, -1, 1, 2, 200}) {
        byte[] damaged = encoded.clone();
        damaged[lengthAt] += (byte) delta;
        String what = String.format("FF%02X length %+d", marker, delta);
        assertThrows(DecodeException.class, () -> decode(damaged, image), what);
      }
    }
    byte[] huge = encoded.clone();
    huge[offsetOf(huge, SOF55) + 2] = (byte) 0xFF;
    assertThrows(DecodeException.class, () -> decode(huge, image), "SOF55 length beyond the data");
  }

  @Test
  void aFrameLargerThanTheImageIsRefusedBeforeDecoding() throws Exception {
    TestImage image = TestImage.generate(18, 64, 48, 1, 16, false);
    byte[] encoded = encode(image, 0, InterleaveMode.NONE);

    PixelDescription narrower = PixelDescription.grey(48, 63, 16, false);
    PixelDescription shorter = PixelDescription.grey(47, 64, 16, false);

    for (PixelDescription target : List.of(narrower, shorter)) {
      DecodeException e = assertThrows(DecodeException.class, () -> decode(encoded, target, 0));
      assertTrue(e.getMessage().contains("larger than the image"), e.getMessage());
    }
  }

  @Test
  void aSmallerFrameDecodesAtItsOwnSizeAndReportsTheLevelItStandsFor() throws Exception {
    TestImage image = TestImage.generate(19, 129, 128, 1, 12, false);
    PixelDescription full = PixelDescription.grey(512, 515, 12, false);

    DecodedFrame frame = decode(encode(image, 0, InterleaveMode.NONE), full, 0);

    assertEquals(128, frame.raster().rows());
    assertEquals(129, frame.raster().columns());
    assertEquals(2, frame.decodeLevel());
    assertTrue(frame.lossless());
  }

  @Test
  void otherComponentCountsOrDeeperSamplesThanTheImageAreRefused() throws Exception {
    TestImage colour = TestImage.generate(20, 32, 32, 3, 8, false);
    TestImage deep = TestImage.generate(21, 32, 32, 1, 12, false);
    byte[] colourData = encode(colour, 0, InterleaveMode.SAMPLE);
    byte[] deepData = encode(deep, 0, InterleaveMode.NONE);

    assertThrows(DecodeException.class, () -> decode(colourData, PixelDescription.grey(32, 32, 8, false), 0));
    assertThrows(DecodeException.class, () -> decode(deepData, PixelDescription.grey(32, 32, 8, false), 0));
  }

  @Test
  void bitFlipsInTheScanDecodeOrThrowDecodeException() throws Exception {
    TestImage image = TestImage.generate(22, 64, 64, 1, 16, true);
    byte[] encoded = encode(image, 0, InterleaveMode.NONE);
    int scan = offsetOf(encoded, SOS) + 10;
    SplittableRandom random = new SplittableRandom(22);
    int thrown = 0;

    for (int i = 0; i < 300; i++) {
      byte[] damaged = encoded.clone();
      damaged[random.nextInt(scan, encoded.length - 2)] ^= (byte) (1 << random.nextInt(8));
      try {
        DecodedFrame frame = decode(damaged, image);
        assertEquals(64 * 64, frame.raster().samples().capacity(), "a decoded frame keeps its size");
      } catch (DecodeException expected) {
        thrown++;
      }
    }
    assertTrue(thrown > 0, "the decoder notices at least some damaged scans");
  }

  @Test
  void fourThreadsDecodingAtOnceGetTheSamePixelsAsOne() throws Exception {
    List<TestImage> images = List.of(
        TestImage.generate(23, 300, 200, 1, 16, false),
        TestImage.generate(24, 211, 157, 3, 8, false),
        TestImage.generate(25, 256, 256, 1, 12, true),
        TestImage.generate(26, 100, 300, 1, 8, false));
    List<byte[]> encoded = new ArrayList<>();
    for (TestImage image : images) {
      encoded.add(encode(image, 0, InterleaveMode.SAMPLE));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int task = 0; task < 64; task++) {
        int index = task % images.size();
        results.add(pool.submit(() -> images.get(index).maxError(decode(encoded.get(index), images.get(index)).raster())));
      }
      for (Future<Integer> result : results) {
        assertEquals(0, result.get());
      }
    }
  }

  @Test
  void decodingReadsFromPositionToLimitAndLeavesThemAlone() throws Exception {
    TestImage image = TestImage.generate(27, 40, 30, 1, 8, false);
    byte[] encoded = encode(image, 0, InterleaveMode.NONE);
    byte[] framed = new byte[encoded.length + 10];
    Arrays.fill(framed, (byte) 0x55);
    System.arraycopy(encoded, 0, framed, 7, encoded.length);
    ByteBuffer data = ByteBuffer.wrap(framed, 7, encoded.length).asReadOnlyBuffer();

    DecodedFrame frame = decoder().decode(data, request(image.pixels(), 0, true));

    assertEquals(0, image.maxError(frame.raster()));
    assertEquals(7, data.position());
    assertEquals(7 + encoded.length, data.limit());
  }

  @Test
  void decodableLevelIsZeroForCompleteDataAndMinusOneForPrefixesOrMalformedData() throws Exception {
    TestImage image = TestImage.generate(28, 40, 30, 1, 8, false);
    byte[] encoded = encode(image, 0, InterleaveMode.NONE);
    FrameDecoder decoder = decoder();

    assertEquals(0, decoder.decodableLevel(ByteBuffer.wrap(encoded), request(image.pixels(), 0, true)));
    assertEquals(-1, decoder.decodableLevel(ByteBuffer.wrap(encoded), request(image.pixels(), 0, false)));
    byte[] cut = Arrays.copyOf(encoded, encoded.length - 5);
    assertEquals(-1, decoder.decodableLevel(ByteBuffer.wrap(cut), request(image.pixels(), 0, true)));
    assertFalse(decoder.supportsPartialData());
    assertFalse(decoder.supportsReducedResolution());
  }

  @Test
  void otherTransferSyntaxesAreRefusedByName() throws Exception {
    TestImage image = TestImage.generate(29, 8, 8, 1, 8, false);
    byte[] encoded = encode(image, 0, InterleaveMode.NONE);
    DecodeRequest htj2k = new DecodeRequest(TransferSyntax.HTJ2K_LOSSLESS, image.pixels(), 0, true);

    DecodeException e = assertThrows(DecodeException.class, () -> decoder().decode(ByteBuffer.wrap(encoded), htj2k));

    assertEquals(TransferSyntax.HTJ2K_LOSSLESS, e.transferSyntaxUid());
  }

  DecodedFrame decode(byte[] encoded, TestImage image) throws DecodeException {
    return decode(encoded, image, 0);
  }

  DecodedFrame decode(byte[] encoded, TestImage image, int near) throws DecodeException {
    return decode(encoded, image.pixels(), near);
  }

  DecodedFrame decode(byte[] encoded, PixelDescription target, int near) throws DecodeException {
    return decoder().decode(ByteBuffer.wrap(encoded), request(target, near, true));
  }

  static DecodeRequest request(PixelDescription target, int near, boolean complete) {
    String ts = near == 0 ? TransferSyntax.JPEG_LS_LOSSLESS : TransferSyntax.JPEG_LS_NEAR_LOSSLESS;
    return new DecodeRequest(ts, target, 0, complete);
  }

  /** The offset of the first FF{@code marker} in the headers. */
  static int offsetOf(byte[] data, int marker) {
    for (int i = 0; i + 1 < data.length; i++) {
      if ((data[i] & 0xFF) == 0xFF && (data[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    fail(String.format("no FF%02X marker", marker));
    return -1;
  }
}
