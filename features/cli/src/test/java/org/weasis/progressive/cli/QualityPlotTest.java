package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plot writer makes a real PNG, headless, with the curve and the wire-limit line drawn on it. */
class QualityPlotTest {

  @Test
  void writesANonEmptyPngOfThePlotSize(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("case.png");
    Color curve = new Color(30, 90, 200);
    new QualityPlot("case: status", 8, Map.of(0, "0", 6, "SUBRESOLUTION 6", 8, "FULL_RESOLUTION 8"), 1000)
        .write(png, List.of(new QualityPlot.Series("status", curve,
                List.of(new CaseRecorder.Step(100, 6), new CaseRecorder.Step(900, 8)), List.of("190px", "3036px"))),
            List.of(new QualityPlot.Marker("wire limit", Color.RED, 800)));

    assertTrue(Files.size(png) > 1000, "PNG of " + Files.size(png) + " bytes");
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(QualityPlot.WIDTH, image.getWidth());
    assertEquals(QualityPlot.HEIGHT, image.getHeight());
    assertTrue(containsColour(image, curve.getRGB()), "the curve is drawn");
    assertTrue(containsColour(image, Color.RED.getRGB()), "the wire limit is drawn");
    assertEquals(Color.WHITE.getRGB(), image.getRGB(0, 0), "a white background");
  }

  @Test
  void timeTicksAreRoundNumbers() {
    assertEquals(200, QualityPlot.tickStep(1200), 1e-9);
    assertEquals(500, QualityPlot.tickStep(3500), 1e-9);
    assertEquals(10, QualityPlot.tickStep(75), 1e-9);
  }

  private static boolean containsColour(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRGB(x, y) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
