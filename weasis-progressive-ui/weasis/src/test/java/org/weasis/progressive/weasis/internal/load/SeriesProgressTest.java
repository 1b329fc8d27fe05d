package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ShortBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

class SeriesProgressTest {

  private static ImageEvent version(int index, ImageQualityStatus status) {
    ImageRef ref = new ImageRef("1.2", "1.2.3", "1.2.3." + index, 1, "http://127.0.0.1/frames", null, index,
        PixelDescription.grey(4, 4, 16, false));
    return new ImageEvent(index, ref, status, 4, 4, 0, 10, -1, "s", 1, index,
        new Raster(4, 4, 1, ShortBuffer.allocate(16)));
  }

  /** Runs what the progress queued on the event thread, then reads the bar there. */
  private static int[] bar(JProgressBar bar) throws Exception {
    int[] read = new int[2];
    SwingUtilities.invokeAndWait(() -> {
      read[0] = bar.getValue();
      read[1] = bar.getMaximum();
    });
    return read;
  }

  @Test
  void theBarMovesHalfAnImageAtItsFirstVersionAndIsFullWhenEveryImageIsFinal() throws Exception {
    JProgressBar bar = new JProgressBar();
    bar.setIndeterminate(true);
    AtomicInteger repaints = new AtomicInteger();
    SeriesProgress progress = new SeriesProgress(bar, repaints::incrementAndGet);

    progress.start(3);
    assertEquals(0, bar(bar)[0]);
    assertEquals(6, bar(bar)[1]);
    assertFalse(bar.isIndeterminate());

    progress.shown(version(0, ImageQualityStatus.SUBRESOLUTION));
    assertEquals(1, bar(bar)[0], "a first version counts half an image");
    progress.shown(version(0, ImageQualityStatus.SUBRESOLUTION));
    assertEquals(1, bar(bar)[0], "a second version that is not final adds nothing");
    progress.shown(version(1, ImageQualityStatus.FULL_RESOLUTION));
    assertEquals(3, bar(bar)[0], "an image whose first version is final counts whole");
    progress.shown(version(0, ImageQualityStatus.FULL_RESOLUTION));
    progress.shown(version(2, ImageQualityStatus.LOSSY));
    progress.shown(version(2, ImageQualityStatus.FULL_RESOLUTION));
    int[] end = bar(bar);
    assertEquals(end[1], end[0], "every image final: the bar is full");
    assertTrue(repaints.get() >= 6, "the thumbnail that paints the bar is repainted at each step: " + repaints);
  }
}
