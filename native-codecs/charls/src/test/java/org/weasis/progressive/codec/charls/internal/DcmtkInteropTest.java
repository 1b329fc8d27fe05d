package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;

/** The contract on data made by DCMTK's dcmcjpls, an independent JPEG-LS encoder; skipped without DCMTK. */
class DcmtkInteropTest extends JpegLsDecoderContract {
  private static final JpegLsFrameDecoder DECODER = new JpegLsFrameDecoder();

  @TempDir
  static Path work;

  @BeforeAll
  static void requireDcmtk() {
    assertTrue(Dcmtk.available(), "dcmcjpls is not installed: install the Debian package dcmtk (./progressive setup does it)");
  }

  @Override
  protected FrameDecoder decoder() {
    return DECODER;
  }

  @Override
  protected byte[] encode(TestImage image, int near, InterleaveMode mode) throws Exception {
    return Dcmtk.encode(image, near, mode, work);
  }

  /** dcmcjpls writes the thresholds and RESET it is given in an LSE segment (T.87 C.2.4.1.1). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("presetOptions")
  void presetCodingParametersOfAnLseSegmentAreUsed(String options, TestImage image, int near) throws Exception {
    byte[] encoded = Dcmtk.encode(image, near, InterleaveMode.LINE, work, options.split(" "));

    DecodedFrame frame = decode(encoded, image, near);

    assertTrue(offsetOf(encoded, LSE) > 0, "an LSE segment");
    assertTrue(image.maxError(frame.raster()) <= near, "max error " + image.maxError(frame.raster()));
  }

  /**
   * RESET above 255 is valid for deeper samples, and the Java decoder counts to it in an int. DCMTK's
   * encoder, like CharLS 2, counts run interruptions in 8 bits, so its streams with such a RESET are right
   * only while no run context reaches 256: the 16-bit noise image has no runs at all.
   */
  static Stream<Arguments> presetOptions() {
    return Stream.of(
        Arguments.of("+t1 5 +t2 40 +t3 300 +rs 100", TestImage.generate(40, 120, 90, 1, 12, false), 0),
        Arguments.of("+t1 2 +t2 3 +t3 4 +rs 3", TestImage.blocks(41, 120, 90, 1, 8), 0),
        Arguments.of("+rs 1000", TestImage.generate(42, 300, 200, 1, 16, false), 0),
        Arguments.of("+t1 9 +t2 30 +t3 90 +rs 32", TestImage.generate(44, 64, 48, 3, 8, false), 2));
  }
}
