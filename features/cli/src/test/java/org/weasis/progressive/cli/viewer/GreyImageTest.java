package org.weasis.progressive.cli.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

/** The viewer's grey rendering: which window applies, and that a reduced raster keeps its own size. */
class GreyImageTest {
  @Test
  void withoutAWindowTheRasterRangeSpansBlackToWhite() {
    Raster raster = new Raster(1, 3, 1, ShortBuffer.wrap(new short[] {100, 300, 500}));
    BufferedImage image = GreyImage.render(raster, PixelDescription.grey(4, 6, 12, false));
    assertEquals(3, image.getWidth(), "a sub-resolution raster is rendered at its own size, scaled when painted");
    assertEquals(0, grey(image, 0));
    assertEquals(127.5, grey(image, 1), 0.5, "the middle of the window is mid-grey");
    assertEquals(255, grey(image, 2));
  }

  @Test
  void theMetadataWindowAppliesAfterTheRescale() {
    // Stored 1024 + intercept -1024 = 0 HU, the centre of a 0/400 window; stored 1224 = 200 HU, its top.
    PixelDescription pixels = new PixelDescription(1, 3, 1, 16, 12, false, "MONOCHROME2", 0, 1, -1024, 0.0, 400.0);
    Raster raster = new Raster(1, 3, 1, ShortBuffer.wrap(new short[] {0, 1024, 1224}));
    BufferedImage image = GreyImage.render(raster, pixels);
    assertEquals(0, grey(image, 0));
    assertEquals(127.5, grey(image, 1), 0.5, "the middle of the window is mid-grey");
    assertEquals(255, grey(image, 2));
  }

  @Test
  void monochromeOneIsInvertedAndEightBitDataIsRead() {
    PixelDescription pixels = new PixelDescription(1, 2, 1, 8, 8, false, "MONOCHROME1", 0, 1, 0, null, null);
    BufferedImage image = GreyImage.render(new Raster(1, 2, 1, ByteBuffer.wrap(new byte[] {0, (byte) 200})), pixels);
    assertEquals(255, grey(image, 0));
    assertEquals(0, grey(image, 1));
  }

  private static int grey(BufferedImage image, int x) {
    return image.getRaster().getSample(x, 0, 0);
  }
}
