package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

class QualityTextTest {

  static ImageEvent event(int index, int source, ImageQualityStatus status, int size, int fullSize) {
    ImageRef ref = new ImageRef("1.2", "1.2.3", "1.2.3." + index, 1, "http://127.0.0.1/frames", null, index,
        PixelDescription.grey(fullSize, fullSize, 16, false));
    Raster raster = new Raster(size, size, 1, ShortBuffer.allocate(size * size));
    return new ImageEvent(index, ref, status, size, size, 0, 1000, -1, "stage", 5, source, raster);
  }

  @Test
  void aSubResolutionVersionSaysItsSizeTheImagesSizeAndSubResolution() {
    assertEquals("759×759 of 3036×3036, sub-resolution",
        QualityText.of(event(0, 0, ImageQualityStatus.SUBRESOLUTION, 759, 3036)));
  }

  @Test
  void aFinalVersionShowsNothing() {
    assertNull(QualityText.of(event(0, 0, ImageQualityStatus.FULL_RESOLUTION, 3036, 3036)));
  }

  @Test
  void aLossyFullSizeVersionSaysLossy() {
    assertEquals("512×512, lossy", QualityText.of(event(3, 3, ImageQualityStatus.LOSSY, 512, 512)));
  }

  @Test
  void aCopyOfANeighbourNamesTheImageItCameFromOneBased() {
    assertEquals("copy of image 50, 128×128 of 512×512",
        QualityText.of(event(48, 49, ImageQualityStatus.ADJACENT_REPLICATE, 128, 512)));
  }
}
