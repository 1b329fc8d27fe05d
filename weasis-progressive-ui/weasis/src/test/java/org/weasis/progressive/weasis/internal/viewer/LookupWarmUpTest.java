package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.weasis.opencv.data.PlanarImage;

class LookupWarmUpTest {
  @BeforeAll
  static void loadOpenCv() {
    String library = System.getProperty("opencv.library");
    assertNotNull(library, "the build names Weasis' OpenCV library in -Dopencv.library");
    System.load(library);
  }

  @Test
  void rendersEveryPassAskedForWhileWeasisStaysIdle() {
    AtomicInteger asked = new AtomicInteger();

    int passes = LookupWarmUp.run(3, () -> {
      asked.incrementAndGet();
      return false;
    });

    assertEquals(3, passes);
    assertEquals(3, asked.get(), "asked before each pass");
  }

  @Test
  void stopsBeforeTheNextPassOnceWeasisIsBusy() {
    AtomicInteger asked = new AtomicInteger();

    assertEquals(2, LookupWarmUp.run(LookupWarmUp.PASSES, () -> asked.incrementAndGet() > 2));
    assertEquals(0, LookupWarmUp.run(LookupWarmUp.PASSES, () -> true));
  }

  @Test
  void eachPassRendersBothKindsThroughWeasisLookupsToEightBitImagesOfTheirWindow() {
    List<PlanarImage> rendered = LookupWarmUp.renderPass(0);
    try {
      assertEquals(2, rendered.size());
      for (PlanarImage image : rendered) {
        assertEquals(512, image.width());
        assertEquals(512, image.height());
        assertEquals(CvType.CV_8UC1, image.type(), "the window's lookup gives 8-bit grey");
        // Both images are ramps from the lowest stored value to the highest: black first, white last (the
        // unsigned one's last value is at its window's top edge: 254).
        assertEquals(0, grey(image, 0, 0));
        assertTrue(grey(image, 511, 511) >= 254, "last pixel " + grey(image, 511, 511));
      }
      // The unsigned 12-bit ramp under its own window (centre 2048, width 4096) is mid-grey half-way.
      int middle = grey(rendered.getFirst(), 256, 0);
      assertTrue(middle >= 120 && middle <= 136, "half-way grey " + middle);
    } finally {
      rendered.forEach(PlanarImage::release);
    }
  }

  @Test
  void eachPassHasAWindowOfItsOwn() {
    // Pass 1000: centre 3048, width 6096; half-way (2048) is a third of the way up that window.
    List<PlanarImage> rendered = LookupWarmUp.renderPass(1000);
    try {
      int middle = grey(rendered.getFirst(), 256, 0);
      assertTrue(middle >= 80 && middle <= 90, "half-way grey under pass 1000's window " + middle);
    } finally {
      rendered.forEach(PlanarImage::release);
    }
  }

  private static int grey(PlanarImage image, int row, int column) {
    return (int) image.toMat().get(row, column)[0];
  }
}
