package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.decoder.DecodedFrame;

class WarmupTest {
  @Test
  void theWarmUpRunsEveryStepOfALoadOnItsInMemoryFrame() throws Exception {
    DecodedFrame frame = Warmup.run();

    assertEquals(2, frame.raster().rows());
    assertEquals(2, frame.raster().columns());
    ShortBuffer samples = (ShortBuffer) frame.raster().samples();
    for (int i = 0; i < 4; i++) {
      assertEquals(i + 1, samples.get(samples.position() + i), "sample " + i);
    }
  }

  @Test
  void theBackgroundWarmUpIsADaemonThreadStartedOncePerClassLoader() throws Exception {
    Thread first = Warmup.inBackground();
    Thread second = Warmup.inBackground();

    assertSame(first, second, "started once");
    assertTrue(first.isDaemon(), "never keeps the JVM alive");
    first.join(20_000);
    assertFalse(first.isAlive(), "warm-up finished");
  }
}
