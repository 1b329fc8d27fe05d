package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finding the frame in a single-part body, so a prefix is cut where the engine's would be. */
class DecodeTimerTest {
  private static final String HEAD =
      "--B\r\nContent-Type: image/jls;transfer-syntax=1.2.840.10008.1.2.4.80\r\n\r\n";

  @Test
  void theFrameStartsAfterThePartHeader() {
    assertEquals(HEAD.length(), DecodeTimer.payloadStart(bytes(HEAD + "DATA\r\n--B--")));
    assertEquals(0, DecodeTimer.payloadStart(bytes("raw codestream")));
  }

  @Test
  void theTransferSyntaxComesFromThePartHeader() throws IOException {
    assertEquals("1.2.840.10008.1.2.4.80", DecodeTimer.transferSyntax(bytes(HEAD + "DATA\r\n--B--")));
    assertThrows(IOException.class, () -> DecodeTimer.transferSyntax(bytes("--B\r\nContent-Type: x\r\n\r\nD")));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
