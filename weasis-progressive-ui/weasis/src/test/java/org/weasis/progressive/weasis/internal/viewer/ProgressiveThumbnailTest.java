package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.weasis.opencv.data.ImageCV;
import org.weasis.opencv.data.PlanarImage;
import org.weasis.opencv.op.ImageConversion;
import org.weasis.opencv.op.ImageIOHandler;

/**
 * The series thumbnail's order of work, through Weasis' own scaling and OpenCV (the SDK's library): scaled, then
 * rendered. Weasis' window/level needs Weasis running (its real-Weasis tests show the thumbnails); here a linear
 * window of the same kind stands for it.
 */
class ProgressiveThumbnailTest {
  private static final int SIZE = 64;

  @BeforeAll
  static void loadOpenCv() {
    String library = System.getProperty("opencv.library");
    assertNotNull(library, "the build names Weasis' OpenCV library in -Dopencv.library");
    System.load(library);
  }

  /** A 12-bit window over the whole range, to 8 bits, as a display lookup does. */
  private static PlanarImage window(PlanarImage image) {
    Mat out = new Mat();
    image.toMat().convertTo(out, CvType.CV_8U, 255.0 / 4095);
    return ImageCV.fromMat(out);
  }

  @Test
  void theWindowRunsOverTheThumbnailsPixelsAndGivesWhatWindowingFirstGivesWithinOneGreyLevel() {
    // A 12-bit ramp across, brighter down the rows: every thumbnail pixel averages many image pixels.
    ImageCV source = image(300, 600, CvType.CV_16UC1, (row, column) -> column * 4095 / 599 * (300 + row) / 600);
    List<Integer> renderedWidths = new ArrayList<>();
    UnaryOperator<PlanarImage> render = image -> {
      renderedWidths.add(image.width());
      return window(image);
    };

    PlanarImage ours = ProgressiveThumbnail.scaledThenRendered(source, SIZE, render);
    PlanarImage windowFirst = ImageIOHandler.buildThumbnail(window(source), new Dimension(SIZE, SIZE), true);

    assertEquals(List.of(SIZE), renderedWidths, "the window ran over the thumbnail's pixels only");
    assertEquals(CvType.CV_8UC1, ours.type(), "a displayable 8-bit thumbnail");
    assertEquals(SIZE, ours.width());
    assertEquals(SIZE / 2, ours.height());
    assertEquals(windowFirst.width(), ours.width());
    assertEquals(windowFirst.height(), ours.height());
    int largest = 0;
    for (int row = 0; row < ours.height(); row++) {
      for (int column = 0; column < ours.width(); column++) {
        largest = Math.max(largest, Math.abs(grey(ours, row, column) - grey(windowFirst, row, column)));
      }
    }
    assertTrue(largest <= 1, "largest difference to windowing first: " + largest + " grey levels");
    assertTrue(grey(ours, SIZE / 4, SIZE - 1) - grey(ours, SIZE / 4, 0) > 100, "the ramp is not in the thumbnail");
    ImageConversion.releasePlanarImage(ours);
  }

  @Test
  void anImageAlreadyThumbnailSizedAndShownAsItIsGivesACopySoReleasingTheThumbnailLeavesTheImage() {
    ImageCV source = image(16, 32, CvType.CV_8UC1, (row, column) -> row * 8 + column);

    PlanarImage ours = ProgressiveThumbnail.scaledThenRendered(source, SIZE, UnaryOperator.identity());
    assertNotSame(source, ours);
    assertEquals(3 * 8 + 5, grey(ours, 3, 5));
    ImageConversion.releasePlanarImage(ours);

    assertEquals(32, source.width(), "the image was released with the thumbnail");
    assertEquals(3 * 8 + 5, grey(source, 3, 5));
  }

  private interface Pixel {
    int value(int row, int column);
  }

  private static ImageCV image(int rows, int columns, int type, Pixel pixel) {
    ImageCV image = new ImageCV(rows, columns, type);
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        image.put(row, column, pixel.value(row, column));
      }
    }
    return image;
  }

  private static int grey(PlanarImage image, int row, int column) {
    return (int) image.toMat().get(row, column)[0];
  }
}
