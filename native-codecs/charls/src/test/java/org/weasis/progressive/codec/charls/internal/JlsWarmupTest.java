package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.TransferSyntax;

class JlsWarmupTest {
  private final JpegLsFrameDecoder decoder = new JpegLsFrameDecoder();

  @Test
  void theWarmUpDecodesItsStoredTinyImageWithoutANativeLibrary() {
    assertTrue(JlsWarmup.run(decoder), "the stored stream decodes");
  }

  /** How the stored stream was made: CharLS 2's lossless encoding of the tiny image, byte for byte. */
  @Test
  void theStoredStreamIsCharlsEncodingOfTheTinyImage() throws Exception {
    byte[] encoded = CharlsEncoder.create().encode(JlsWarmup.tinyImage(), JlsWarmup.SIZE, JlsWarmup.SIZE, 12, 1, 0);

    assertArrayEquals(encoded, JlsWarmup.storedImage());
  }

  @Test
  void theTinyImageSurvivesTheRoundTripItIsWarmedUpWith() throws Exception {
    short[] source = JlsWarmup.tinyImage();
    byte[] encoded = CharlsEncoder.create().encode(source, JlsWarmup.SIZE, JlsWarmup.SIZE, 12, 1, 0);

    DecodedFrame frame = decoder.decode(ByteBuffer.wrap(encoded), new DecodeRequest(
        TransferSyntax.JPEG_LS_LOSSLESS, PixelDescription.grey(JlsWarmup.SIZE, JlsWarmup.SIZE, 12, false), 0, true));

    ShortBuffer samples = (ShortBuffer) frame.raster().samples();
    short[] decoded = new short[samples.remaining()];
    samples.duplicate().get(decoded);
    assertArrayEquals(source, decoded);
  }

  @Test
  void theWarmUpRunsOnADaemonThreadThatEnds() throws Exception {
    Thread thread = JlsWarmup.inBackground(decoder);

    assertTrue(thread.isDaemon());
    thread.join(10_000);
    assertFalse(thread.isAlive(), "warm-up finished");
  }
}
