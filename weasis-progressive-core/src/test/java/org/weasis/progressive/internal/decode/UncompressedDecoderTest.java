package org.weasis.progressive.internal.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

class UncompressedDecoderTest {
  private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;

  private final UncompressedDecoder decoder = new UncompressedDecoder();

  @Test
  void handlesBothLittleEndianSyntaxesAndReducedResolutionButNotPartialData() {
    assertEquals(
        Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1"), decoder.transferSyntaxes());
    assertTrue(decoder.supportsReducedResolution());
    assertFalse(decoder.supportsPartialData());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1"})
  void decodesUnsigned16BitSamplesInLittleEndianOrder(String transferSyntax) throws Exception {
    PixelDescription pixels = grey(2, 2, 16, 16, false);

    DecodedFrame frame =
        decoder.decode(le16(0x0000, 0x1234, 0xFFFF, 0x8000), new DecodeRequest(transferSyntax,
            pixels, 0, true));

    assertInstanceOf(ShortBuffer.class, frame.raster().samples());
    assertArrayEquals(new int[] {0x0000, 0x1234, 0xFFFF, 0x8000}, values(frame.raster(), false));
    assertEquals(0, frame.decodeLevel());
    assertTrue(frame.lossless());
  }

  @Test
  void masksUnsignedSamplesToTheirStoredBits() throws Exception {
    DecodedFrame frame = decode(le16(0xF123, 0x0FFF, 0x1000), grey(1, 3, 16, 12, false), 0);

    assertArrayEquals(new int[] {0x123, 0xFFF, 0}, values(frame.raster(), false));
  }

  @Test
  void signExtends12BitSignedSamplesFromTheirStoredBits() throws Exception {
    DecodedFrame frame =
        decode(le16(0x0FFF, 0x0800, 0x07FF, 0xF001), grey(1, 4, 16, 12, true), 0);

    assertEquals((short) -1, ((ShortBuffer) frame.raster().samples()).get(0));
    assertArrayEquals(new int[] {-1, -2048, 2047, 1}, values(frame.raster(), true));
  }

  @Test
  void keepsSigned16BitSamplesAsStored() throws Exception {
    DecodedFrame frame = decode(le16(0xFFFF, 0x8000, 0x7FFF), grey(1, 3, 16, 16, true), 0);

    assertArrayEquals(new int[] {-1, -32768, 32767}, values(frame.raster(), true));
  }

  @Test
  void decodes8BitSamplesIntoBytesMaskedOrSignExtended() throws Exception {
    ByteBuffer data = bytes(0x00, 0x7F, 0xAB, 0xFF);

    DecodedFrame unsigned = decode(data, grey(1, 4, 8, 8, false), 0);
    DecodedFrame signed = decode(data, grey(1, 4, 8, 8, true), 0);
    DecodedFrame signed7 = decode(data, grey(1, 4, 8, 7, true), 0);
    DecodedFrame unsigned4 = decode(data, grey(1, 4, 8, 4, false), 0);

    assertInstanceOf(ByteBuffer.class, unsigned.raster().samples());
    assertArrayEquals(new int[] {0, 0x7F, 0xAB, 0xFF}, values(unsigned.raster(), false));
    assertArrayEquals(new int[] {0, 127, -85, -1}, values(signed.raster(), true));
    assertArrayEquals(new int[] {0, -1, 43, -1}, values(signed7.raster(), true));
    assertArrayEquals(new int[] {0, 0xF, 0xB, 0xF}, values(unsigned4.raster(), false));
  }

  @Test
  void keepsInterleavedRgbSamplesInOrder() throws Exception {
    DecodedFrame frame =
        decode(bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), rgb(2, 2, 8, 0), 0);

    assertEquals(3, frame.raster().samplesPerPixel());
    assertArrayEquals(
        new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, values(frame.raster(), false));
  }

  @Test
  void interleavesPlanarRgbOfAnOddSize() throws Exception {
    PixelDescription pixels = rgb(3, 5, 8, 1);

    DecodedFrame frame = decode(planarRgb(3, 5, 8), pixels, 0);

    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 5; c++) {
        for (int s = 0; s < 3; s++) {
          assertEquals(planeValue(r, c, s, 5), frame.raster().sample(r, c, s, false));
        }
      }
    }
  }

  @Test
  void interleavesPlanar16BitRgb() throws Exception {
    DecodedFrame frame = decode(planarRgb(2, 3, 16), rgb(2, 3, 16, 1), 0);

    assertArrayEquals(
        new int[] {0, 100, 200, 1, 101, 201, 2, 102, 202, 3, 103, 203, 4, 104, 204, 5, 105, 205},
        values(frame.raster(), false));
  }

  @Test
  void decimatesAnOddSizedFrameToTheTopLeftSampleOfEachBlock() throws Exception {
    ByteBuffer data = le16(0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24);
    PixelDescription pixels = grey(3, 5, 16, 16, false);

    DecodedFrame half = decode(data, pixels, 1);
    DecodedFrame quarter = decode(data, pixels, 2);
    DecodedFrame eighth = decode(data, pixels, 3);

    assertSize(half.raster(), 2, 3);
    assertArrayEquals(new int[] {0, 2, 4, 20, 22, 24}, values(half.raster(), false));
    assertEquals(1, half.decodeLevel());
    assertTrue(half.lossless());
    assertSize(quarter.raster(), 1, 2);
    assertArrayEquals(new int[] {0, 4}, values(quarter.raster(), false));
    assertEquals(2, quarter.decodeLevel());
    assertSize(eighth.raster(), 1, 1);
    assertArrayEquals(new int[] {0}, values(eighth.raster(), false));
  }

  @Test
  void decimatesPlanarRgbIntoInterleavedSamples() throws Exception {
    DecodedFrame frame = decode(planarRgb(3, 5, 8), rgb(3, 5, 8, 1), 1);

    assertSize(frame.raster(), 2, 3);
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 3; c++) {
        for (int s = 0; s < 3; s++) {
          assertEquals(planeValue(2 * r, 2 * c, s, 5), frame.raster().sample(r, c, s, false));
        }
      }
    }
  }

  @Test
  void masksSamplesWhenDecimatingToo() throws Exception {
    DecodedFrame frame = decode(le16(0xFFFF, 0, 0, 0), grey(2, 2, 16, 12, true), 1);

    assertArrayEquals(new int[] {-1}, values(frame.raster(), true));
  }

  @Test
  void acceptsDataAlreadyReducedToTheRequestedLevel() throws Exception {
    PixelDescription pixels = grey(5, 3, 16, 12, false);
    ByteBuffer thumbnail = le16(1, 2, 3, 4, 5, 0xF006);
    DecodeRequest request = new DecodeRequest(EXPLICIT, pixels, 1, true);

    int level = decoder.decodableLevel(thumbnail, request);
    DecodedFrame frame = decoder.decode(thumbnail, request);

    assertEquals(1, level);
    assertSize(frame.raster(), 3, 2);
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, values(frame.raster(), false));
    assertEquals(1, frame.decodeLevel());
    assertTrue(frame.lossless());
  }

  @Test
  void acceptsPlanarRgbAlreadyReduced() throws Exception {
    DecodedFrame frame = decode(planarRgb(2, 3, 8), rgb(3, 5, 8, 1), 1);

    assertSize(frame.raster(), 2, 3);
    assertEquals(planeValue(1, 2, 2, 3), frame.raster().sample(1, 2, 2, false));
  }

  @Test
  void reportsTheLevelTheDataAllows() throws Exception {
    PixelDescription pixels = grey(4, 4, 8, 8, false);

    assertEquals(0, decoder.decodableLevel(ByteBuffer.allocate(16), request(pixels, 0)));
    assertEquals(0, decoder.decodableLevel(ByteBuffer.allocate(17), request(pixels, 2)));
    assertEquals(2, decoder.decodableLevel(ByteBuffer.allocate(1), request(pixels, 2)));
    assertEquals(1, decoder.decodableLevel(ByteBuffer.allocate(4), request(pixels, 1)));
    assertEquals(-1, decoder.decodableLevel(ByteBuffer.allocate(4), request(pixels, 2)));
    assertEquals(-1, decoder.decodableLevel(ByteBuffer.allocate(15), request(pixels, 0)));
    assertEquals(-1, decoder.decodableLevel(ByteBuffer.allocate(0), request(pixels, 1)));
  }

  @Test
  void rejectsShortDataNamingTheTransferSyntaxTheExpectedSizeAndTheActualCount() {
    PixelDescription pixels = grey(5, 3, 16, 12, false);
    ByteBuffer data = ByteBuffer.allocate(29);

    DecodeException full = assertThrows(DecodeException.class, () -> decode(data, pixels, 0));
    DecodeException reduced = assertThrows(DecodeException.class, () -> decode(data, pixels, 1));

    assertEquals(EXPLICIT, full.transferSyntaxUid());
    assertEquals(
        "1.2.840.10008.1.2.1: expected 5 x 3 x 1 x 2 = 30 bytes, got 29 bytes", full.getMessage());
    assertTrue(reduced.getMessage().contains("3 x 2 x 1 x 2 = 12 bytes already at level 1"),
        reduced.getMessage());
    assertTrue(reduced.getMessage().contains("got 29 bytes"), reduced.getMessage());
  }

  @Test
  void rejectsACompressedTransferSyntax() {
    DecodeRequest request =
        new DecodeRequest(TransferSyntax.HTJ2K_LOSSLESS, grey(1, 1, 8, 8, false), 0, true);

    DecodeException e =
        assertThrows(DecodeException.class, () -> decoder.decode(bytes(1), request));

    assertEquals(TransferSyntax.HTJ2K_LOSSLESS, e.transferSyntaxUid());
    assertThrows(DecodeException.class, () -> decoder.decodableLevel(bytes(1), request));
  }

  @Test
  void ignoresATrailingPaddingByte() throws Exception {
    PixelDescription pixels = grey(5, 3, 8, 8, false);
    ByteBuffer data = bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x77);

    DecodedFrame frame = decode(data, pixels, 0);

    assertEquals(0, decoder.decodableLevel(data, request(pixels, 0)));
    assertArrayEquals(
        new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, values(frame.raster(), false));
  }

  @Test
  void readsFromThePositionToTheLimitWithoutMovingThem() throws Exception {
    ByteBuffer data = ByteBuffer.allocate(9);
    data.put(new byte[] {9, 9, 9, 0x34, 0x12, (byte) 0xCD, (byte) 0xAB, 9, 9});
    data.position(3).limit(7);
    ByteBuffer readOnly = data.asReadOnlyBuffer();

    DecodedFrame frame = decode(readOnly, grey(1, 2, 16, 16, false), 0);

    assertArrayEquals(new int[] {0x1234, 0xABCD}, values(frame.raster(), false));
    assertEquals(3, readOnly.position());
    assertEquals(7, readOnly.limit());
    assertEquals(ByteOrder.BIG_ENDIAN, readOnly.order());
  }

  @Test
  void givesIdenticalResultsFromSeveralThreadsAtOnce() throws Exception {
    PixelDescription pixels =
        new PixelDescription(96, 128, 3, 16, 12, true, "RGB", 1, 1, 0, null, null);
    byte[] random = new byte[(int) pixels.frameBytes()];
    new Random(42).nextBytes(random);
    ByteBuffer shared = ByteBuffer.wrap(random);
    List<Raster> expected = new ArrayList<>();
    for (int level = 0; level < 3; level++) {
      expected.add(decode(shared, pixels, level).raster());
    }
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      tasks.add(() -> {
        start.await();
        for (int i = 0; i < 60; i++) {
          int level = i % 3;
          if (!decode(shared, pixels, level).raster().equals(expected.get(level))) {
            return false;
          }
        }
        return true;
      });
    }

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (Callable<Boolean> task : tasks) {
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<Boolean> result : results) {
        assertTrue(result.get(), "a thread decoded different samples");
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, shared.position());
  }

  private DecodedFrame decode(ByteBuffer data, PixelDescription pixels, int level)
      throws DecodeException {
    return decoder.decode(data, request(pixels, level));
  }

  private static DecodeRequest request(PixelDescription pixels, int level) {
    return new DecodeRequest(EXPLICIT, pixels, level, true);
  }

  private static PixelDescription grey(
      int rows, int columns, int bitsAllocated, int bitsStored, boolean signed) {
    return new PixelDescription(
        rows, columns, 1, bitsAllocated, bitsStored, signed, "MONOCHROME2", 0, 1, 0, null, null);
  }

  private static PixelDescription rgb(int rows, int columns, int bitsAllocated, int planar) {
    return new PixelDescription(
        rows, columns, 3, bitsAllocated, bitsAllocated, false, "RGB", planar, 1, 0, null, null);
  }

  /** Planes R, G, B of {@link #planeValue}, little-endian when 16 bits. */
  private static ByteBuffer planarRgb(int rows, int columns, int bitsAllocated) {
    int[] samples = new int[rows * columns * 3];
    int i = 0;
    for (int s = 0; s < 3; s++) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
          samples[i++] = planeValue(r, c, s, columns);
        }
      }
    }
    return bitsAllocated == 8 ? bytes(samples) : le16(samples);
  }

  private static int planeValue(int row, int column, int sample, int columns) {
    return sample * 100 + row * columns + column;
  }

  private static ByteBuffer bytes(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length);
    for (int v : values) {
      buffer.put((byte) v);
    }
    return buffer.flip();
  }

  private static ByteBuffer le16(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      buffer.putShort((short) v);
    }
    return buffer.flip();
  }

  private static int[] values(Raster raster, boolean signed) {
    int[] values = new int[raster.rows() * raster.columns() * raster.samplesPerPixel()];
    int i = 0;
    for (int r = 0; r < raster.rows(); r++) {
      for (int c = 0; c < raster.columns(); c++) {
        for (int s = 0; s < raster.samplesPerPixel(); s++) {
          values[i++] = raster.sample(r, c, s, signed);
        }
      }
    }
    return values;
  }

  private static void assertSize(Raster raster, int rows, int columns) {
    assertEquals(rows, raster.rows(), "rows");
    assertEquals(columns, raster.columns(), "columns");
  }
}
