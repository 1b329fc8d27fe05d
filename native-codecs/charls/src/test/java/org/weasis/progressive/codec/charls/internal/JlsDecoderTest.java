package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;
import org.weasis.progressive.testsupport.charls.RestartIntervals;

/**
 * The Java decoder beyond the shared contract: every precision, restart intervals (joined from CharLS
 * strips), and the data it refuses, by name.
 */
class JlsDecoderTest {
  private static final CharlsEncoder ENCODER = CharlsEncoder.create();
  private static final JpegLsFrameDecoder DECODER = new JpegLsFrameDecoder();

  static IntStream precisions() {
    return IntStream.rangeClosed(2, 16);
  }

  @ParameterizedTest(name = "{0} bits")
  @MethodSource("precisions")
  void everyPrecisionFromTwoToSixteenRoundTripsLosslessAndWithinNear(int bits) throws Exception {
    int near = Math.min(3, ((1 << bits) - 1) / 2);
    for (TestImage image : new TestImage[] {
        TestImage.generate(bits, 71, 43, 1, bits, false), TestImage.blocks(bits, 71, 43, 1, bits)}) {
      DecodedFrame lossless = decode(encode(image, 0, InterleaveMode.NONE), image, 0);
      DecodedFrame lossy = decode(encode(image, near, InterleaveMode.NONE), image, near);

      assertEquals(0, image.maxError(lossless.raster()), image + " lossless");
      assertTrue(lossless.lossless());
      int error = image.maxError(lossy.raster());
      assertTrue(error >= 0 && error <= near, image + " NEAR " + near + ": max error " + error);
      assertFalse(lossy.lossless());
    }
  }

  /** Components, interleave mode, NEAR and lines per interval; 40 rows every 3 lines wrap RST7 to RST0. */
  static Stream<Arguments> restartCases() {
    return Stream.of(
        Arguments.of(TestImage.generate(50, 37, 29, 1, 12, false), InterleaveMode.NONE, 0, 1),
        Arguments.of(TestImage.blocks(51, 37, 29, 1, 8), InterleaveMode.NONE, 0, 5),
        Arguments.of(TestImage.generate(52, 37, 29, 1, 16, false), InterleaveMode.NONE, 0, 64),
        Arguments.of(TestImage.generate(53, 37, 40, 1, 16, false), InterleaveMode.NONE, 0, 3),
        Arguments.of(TestImage.blocks(54, 37, 29, 1, 10), InterleaveMode.NONE, 2, 4),
        Arguments.of(TestImage.generate(55, 37, 29, 3, 8, false), InterleaveMode.NONE, 0, 4),
        Arguments.of(TestImage.blocks(56, 37, 29, 3, 8), InterleaveMode.LINE, 0, 4),
        Arguments.of(TestImage.generate(57, 37, 29, 3, 12, false), InterleaveMode.SAMPLE, 0, 4),
        Arguments.of(TestImage.blocks(58, 37, 29, 3, 8), InterleaveMode.SAMPLE, 1, 6));
  }

  @ParameterizedTest(name = "{0} {1} NEAR {2} every {3} lines")
  @MethodSource("restartCases")
  void restartIntervalsDecodeToTheImage(TestImage image, InterleaveMode mode, int near, int interval)
      throws Exception {
    byte[] encoded = withRestarts(image, near, mode, interval);

    DecodedFrame frame = decode(encoded, image, near);

    int error = image.maxError(frame.raster());
    assertTrue(error >= 0 && error <= near, "max error " + error);
    assertEquals(interval < image.rows(), indexOf(encoded, 0xFF, 0xDD) > 0 && indexOf(encoded, 0xFF, 0xD0) > 0,
        "restart markers where the interval is shorter than the image");
  }

  @Test
  void aRestartMarkerOutOfSequenceOrMissingIsRefused() throws Exception {
    TestImage image = TestImage.generate(60, 37, 29, 1, 12, false);
    byte[] encoded = withRestarts(image, 0, InterleaveMode.NONE, 4);
    byte[] outOfSequence = encoded.clone();
    outOfSequence[indexOf(encoded, 0xFF, 0xD1) + 1] = (byte) 0xD2;
    int rst0 = indexOf(encoded, 0xFF, 0xD0);
    byte[] missing = new byte[encoded.length - 2];
    System.arraycopy(encoded, 0, missing, 0, rst0);
    System.arraycopy(encoded, rst0 + 2, missing, rst0, encoded.length - rst0 - 2);

    assertRefused(outOfSequence, image, "restart marker RST1 (FFD1) expected after line 8");
    assertRefused(missing, image, "");
  }

  @Test
  void scanDataLongerThanItsLinesIsRefused() throws Exception {
    TestImage image = TestImage.generate(61, 37, 29, 1, 8, false);
    byte[] encoded = encode(image, 0, InterleaveMode.NONE);
    byte[] longer = new byte[encoded.length + 6];
    System.arraycopy(encoded, 0, longer, 0, encoded.length - 2);
    longer[longer.length - 2] = (byte) 0xFF;
    longer[longer.length - 1] = (byte) 0xD9;
    longer[encoded.length - 2] = 0x55;

    assertRefused(longer, image, "the scan holds more data than its 29 lines need");
  }

  @Test
  void presetsOutsideTheStandardsRangesAreRefusedNamingTheValue() {
    TestImage image = TestImage.generate(62, 4, 4, 1, 8, false);

    assertRefused(new JlsStream().frame(8, 4, 4, 1).preset(0, 300, 0, 0, 0).scan(1, 0, 0).end(), image,
        "LSE sets T1 300, outside 1..255");
    assertRefused(new JlsStream().frame(8, 4, 4, 1).preset(0, 0, 0, 0, 2).scan(1, 0, 0).end(), image,
        "LSE sets RESET 2, outside 3..255");
    assertRefused(new JlsStream().frame(8, 4, 4, 1).preset(256, 0, 0, 0, 0).scan(1, 0, 0).end(), image,
        "LSE sets MAXVAL 256, above the 255 of 8-bit samples");
    assertRefused(new JlsStream().frame(8, 4, 4, 1).preset(100, 0, 0, 0, 0).scan(1, 51, 0).end(), image,
        "NEAR 51 is above 50, the most MAXVAL 100 allows");
  }

  @Test
  void mappingTablesPointTransformsAndColourTransformsAreRefusedByName() throws Exception {
    TestImage image = TestImage.generate(63, 16, 16, 1, 8, false);
    byte[] encoded = encode(image, 0, InterleaveMode.NONE);
    int sos = JpegLsDecoderContract.offsetOf(encoded, JpegLsDecoderContract.SOS);
    byte[] mapping = encoded.clone();
    mapping[sos + 6] = 1;
    byte[] pointTransform = encoded.clone();
    pointTransform[sos + 9] = 2;
    byte[] lineInterleaved = encoded.clone();
    lineInterleaved[sos + 8] = 1;

    assertRefused(mapping, image, "selects a mapping table, which is not supported");
    assertRefused(pointTransform, image, "asks for point transform 2, which is not supported");
    assertRefused(lineInterleaved, image, "has 1 component(s) with interleave mode 1");
    assertRefused(withApp8(encoded, 'm', 'r', 'f', 'x', 1), image, "asks for HP colour transform 1");
    assertEquals(0, image.maxError(decode(withApp8(encoded, 'm', 'r', 'f', 'x', 0), image, 0).raster()),
        "transform 0 is none");
  }

  private static byte[] withRestarts(TestImage image, int near, InterleaveMode mode, int interval)
      throws Exception {
    InterleaveMode used = image.components() == 1 ? InterleaveMode.NONE : mode;
    return RestartIntervals.encode(ENCODER, image.shorts(), image.columns(), image.rows(), image.bitsStored(),
        image.components(), near, used, interval);
  }

  private static byte[] encode(TestImage image, int near, InterleaveMode mode) throws Exception {
    return ENCODER.encode(image.shorts(), image.columns(), image.rows(), image.bitsStored(), image.components(),
        near, mode);
  }

  private static DecodedFrame decode(byte[] data, TestImage image, int near) throws DecodeException {
    return DECODER.decode(ByteBuffer.wrap(data), JpegLsDecoderContract.request(image.pixels(), near, true));
  }

  private static void assertRefused(byte[] data, TestImage image, String reason) {
    DecodeException e = assertThrows(DecodeException.class, () -> decode(data, image, 0));
    assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should say '" + reason + "'");
    assertInstanceOf(JlsDataException.class, e.getCause(), "refused while decoding, not by the pre-check");
  }

  /** {@code data} with an APP8 segment holding {@code body} after SOI. */
  private static byte[] withApp8(byte[] data, int... body) {
    byte[] segment = new byte[4 + body.length];
    segment[0] = (byte) 0xFF;
    segment[1] = (byte) 0xE8;
    segment[3] = (byte) (body.length + 2);
    for (int i = 0; i < body.length; i++) {
      segment[4 + i] = (byte) body[i];
    }
    byte[] out = Arrays.copyOf(data, data.length + segment.length);
    System.arraycopy(segment, 0, out, 2, segment.length);
    System.arraycopy(data, 2, out, 2 + segment.length, data.length - 2);
    return out;
  }

  private static int indexOf(byte[] data, int first, int second) {
    for (int i = 0; i + 1 < data.length; i++) {
      if ((data[i] & 0xFF) == first && (data[i + 1] & 0xFF) == second) {
        return i;
      }
    }
    return -1;
  }
}
