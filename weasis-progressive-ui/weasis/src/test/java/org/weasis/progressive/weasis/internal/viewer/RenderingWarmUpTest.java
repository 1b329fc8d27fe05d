package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderingWarmUpTest {
  @Test
  void rendersEveryShapeAskedForWhileWeasisStaysIdle() {
    AtomicInteger asked = new AtomicInteger();

    int rendered = RenderingWarmUp.run(640, 480, 500, () -> {
      asked.incrementAndGet();
      return false;
    });

    assertEquals(500, rendered);
    assertEquals(8, asked.get(), "asked before shapes 0, 64, ..., 448");
  }

  @Test
  void stopsAtTheNextCheckOnceWeasisIsBusy() {
    AtomicInteger asked = new AtomicInteger();

    int rendered = RenderingWarmUp.run(640, 480, RenderingWarmUp.SHAPES, () -> asked.incrementAndGet() > 2);

    assertEquals(128, rendered, "two checks passed, 64 shapes each, then busy");
    assertEquals(3, asked.get());
  }

  @Test
  void rendersNothingWhenWeasisIsAlreadyBusy() {
    assertEquals(0, RenderingWarmUp.run(640, 480, RenderingWarmUp.SHAPES, () -> true));
  }

  @Test
  void rendersAFullRunIntoASmallImageWithoutThrowing() {
    // Shapes larger than the image, partly outside it, clipped and scaled: none may throw.
    assertEquals(RenderingWarmUp.SHAPES, RenderingWarmUp.run(32, 24, RenderingWarmUp.SHAPES, () -> false));
  }
}
