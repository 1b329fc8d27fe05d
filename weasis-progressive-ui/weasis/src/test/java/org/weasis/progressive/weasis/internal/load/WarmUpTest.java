package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class WarmUpTest {
  @Test
  void theCornerTextStepDrawsOutlinedTextThroughWeasisFontToolsIntoAnImageOfItsOwn() {
    BufferedImage image = WarmUp.cornerText();

    int drawn = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) >>> 24) != 0) {
          drawn++;
        }
      }
    }
    // Text outlines, not a filled box: some pixels, far from all.
    assertTrue(drawn > 20 && drawn < image.getWidth() * image.getHeight() / 2,
        drawn + " pixels drawn of " + image.getWidth() * image.getHeight());
  }
}
