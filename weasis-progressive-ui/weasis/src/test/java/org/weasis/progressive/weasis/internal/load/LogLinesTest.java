package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

/** The lines issue 10's real-Weasis tests parse: a change here breaks them. */
class LogLinesTest {

  @Test
  void anImageVersionLineHasTheContractsFieldsInOrderWithTheVersionsOwnSize() {
    ImageRef ref = new ImageRef("1.2", "1.2.3", "1.2.3.4", 1, "http://127.0.0.1/frames", null, 1,
        PixelDescription.grey(3036, 3036, 16, false));
    ImageEvent event = new ImageEvent(0, ref, ImageQualityStatus.SUBRESOLUTION, 759, 759, 2, 226304, 3573249,
        "initialImages", 120, 0, new Raster(759, 759, 1, ShortBuffer.allocate(759 * 759)));

    assertEquals(
        "progressive image series=1.2.3 index=0 status=SUBRESOLUTION rows=759 columns=759 bytes=226304 ms=123",
        LogLines.image("1.2.3", event, 123));
  }

  @Test
  void aSeriesDoneLineHasFinalErrorsAndMs() {
    assertEquals("progressive series done series=1.2.3 final=64 errors=0 ms=3639",
        LogLines.seriesDone("1.2.3", 64, 0, 3639));
  }
}
