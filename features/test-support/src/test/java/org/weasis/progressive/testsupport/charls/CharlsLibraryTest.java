package org.weasis.progressive.testsupport.charls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.weasis.progressive.testsupport.charls.ffm.CharlsException;
import org.weasis.progressive.testsupport.charls.ffm.CharlsLibrary;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;
import org.weasis.progressive.testsupport.charls.ffm.JlsError;

/** The reference encoder binds the system's CharLS (Debian's libcharls2), at version 2.x. */
class CharlsLibraryTest {
  @Test
  void theSystemLibraryLoadsAndIsVersionTwo() {
    CharlsLibrary.Loaded loaded = CharlsLibrary.loaded().orElseThrow(() -> new AssertionError(CharlsLibrary.failure()));

    assertTrue(loaded.version().startsWith("2."), loaded.version());
    assertTrue(loaded.origin().startsWith("system"), loaded.origin());
    assertEquals("", CharlsLibrary.failure());
  }

  @Test
  void aCharlsErrorCodeBecomesAnEnumWithCharlsOwnMessage() {
    CharlsEncoder encoder = CharlsEncoder.create();

    CharlsException e = assertThrows(CharlsException.class,
        () -> encoder.encode(new short[4], 2, 2, 8, 1, 0, InterleaveMode.LINE));

    assertEquals(JlsError.INVALID_ARGUMENT_INTERLEAVE_MODE, e.error());
    assertTrue(e.getMessage().contains("charls_jpegls_encoder_encode_from_buffer"), e.getMessage());
  }

  /** CharLS 2.4 would assert on it, which aborts the JVM with Debian's build. */
  @Test
  void theEncoderRefusesANearAboveHalfTheMaximumSampleValueItself() {
    CharlsEncoder encoder = CharlsEncoder.create();

    assertThrows(IllegalArgumentException.class, () -> encoder.encode(new short[4], 2, 2, 8, 1, 128));
    assertThrows(IllegalArgumentException.class, () -> encoder.encode(new short[4], 2, 2, 2, 1, 2));
  }
}
