package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.DecodeException;
import org.weasis.progressive.api.DecodeRequest;
import org.weasis.progressive.api.PixelDescription;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.codec.charls.internal.ffm.CharlsLibrary;

/** Inputs that once killed the JVM inside CharLS; each must now stop at the Java pre-check. */
class CrashRegressionTest {
  private static final CharlsDecoder DECODER = new CharlsDecoder(CharlsLibrary.bindings().orElseThrow());

  /**
   * Found by the fuzzer (a splice of two seeds, input 68,455 of seed 1): a 16-bit 64x64 frame whose LSE
   * sets RESET 4352. Given to CharLS 2.4.1 directly it aborts the process.
   */
  @Test
  void aResetOf4352IsRefusedBeforeCharlsCanAbortTheJvm() throws Exception {
    byte[] data;
    try (InputStream in = getClass().getResourceAsStream("/crashers/reset-4352-aborts-charls-2.4.1.jls")) {
      data = in.readAllBytes();
    }
    DecodeRequest request = new DecodeRequest(
        TransferSyntax.JPEG_LS_LOSSLESS, PixelDescription.grey(64, 64, 16, false), 0, true);

    DecodeException e = assertThrows(DecodeException.class, () -> DECODER.decode(ByteBuffer.wrap(data), request));

    assertTrue(e.getMessage().contains("RESET 4352"), e.getMessage());
    assertNull(e.getCause(), "refused in Java, CharLS never saw it");
  }
}
