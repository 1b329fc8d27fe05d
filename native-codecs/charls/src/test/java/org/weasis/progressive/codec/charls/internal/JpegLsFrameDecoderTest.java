package org.weasis.progressive.codec.charls.internal;

import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;

/** The contract on data made by our own encoder (CharLS 2.4 on both sides). */
class JpegLsFrameDecoderTest extends JpegLsDecoderContract {
  private static final CharlsEncoder ENCODER = CharlsEncoder.create();
  private static final JpegLsFrameDecoder DECODER = new JpegLsFrameDecoder();

  @Override
  protected FrameDecoder decoder() {
    return DECODER;
  }

  @Override
  protected byte[] encode(TestImage image, int near, InterleaveMode mode) throws Exception {
    return encodeWithCharls(image, near, mode);
  }

  static byte[] encodeWithCharls(TestImage image, int near, InterleaveMode mode) throws Exception {
    InterleaveMode used = image.components() == 1 ? InterleaveMode.NONE : mode;
    if (image.pixels().bitsAllocated() == 8) {
      return ENCODER.encode(image.bytes(), image.columns(), image.rows(), image.bitsStored(), image.components(),
          near, used);
    }
    return ENCODER.encode(image.shorts(), image.columns(), image.rows(), image.bitsStored(), image.components(),
        near, used);
  }
}
