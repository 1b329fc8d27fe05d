package org.weasis.progressive.codec.charls.internal;

import java.util.ArrayList;
import java.util.List;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;
import org.weasis.progressive.testsupport.FrameDecoderContract;

/**
 * The JPEG-LS decoder under the contract every codec runs, on lossless CharLS output: JPEG-LS has no
 * resolution levels, so each frame holds level 0 only.
 */
class JpegLsSharedContractTest extends FrameDecoderContract {
  private static final JpegLsFrameDecoder DECODER = new JpegLsFrameDecoder();

  @Override
  protected FrameDecoder decoder() {
    return DECODER;
  }

  @Override
  protected List<Fixture> makeFixtures() throws Exception {
    List<Fixture> list = new ArrayList<>();
    list.add(fixture("JPEG-LS 8-bit 515x301", TestImage.generate(31, 515, 301, 1, 8, false), InterleaveMode.NONE));
    list.add(fixture("JPEG-LS 12-bit signed 131x77", TestImage.generate(32, 131, 77, 1, 12, true),
        InterleaveMode.NONE));
    list.add(fixture("JPEG-LS 16-bit 257x129", TestImage.generate(33, 257, 129, 1, 16, false), InterleaveMode.NONE));
    list.add(fixture("JPEG-LS RGB 8-bit line-interleaved 97x80", TestImage.generate(34, 97, 80, 3, 8, false),
        InterleaveMode.LINE));
    return list;
  }

  private static Fixture fixture(String name, TestImage image, InterleaveMode mode) throws Exception {
    byte[] data = JpegLsFrameDecoderTest.encodeWithCharls(image, 0, mode);
    return new Fixture(name, TransferSyntax.JPEG_LS_LOSSLESS, image.pixels(), data, image.samples(), true, 0);
  }
}
