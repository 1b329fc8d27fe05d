package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.FrameDecoder;
import org.weasis.progressive.codec.charls.internal.ffm.InterleaveMode;

/** The contract on data made by DCMTK's dcmcjpls, an independent JPEG-LS encoder; skipped without DCMTK. */
class DcmtkInteropTest extends FrameDecoderContract {
  private static final CharlsDecoder DECODER = new CharlsDecoder();

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
}
