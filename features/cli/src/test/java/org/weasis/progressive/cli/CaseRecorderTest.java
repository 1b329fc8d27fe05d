package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

/** What the stack columns and plots are computed from: shown counts copies, final counts own finals only. */
class CaseRecorderTest {
  private static final PixelDescription PIXELS = PixelDescription.grey(8, 8, 12, false);

  @Test
  void imagesCountAsShownFromTheirFirstVersionEvenACopy() {
    CaseRecorder r = recorderOf(3);
    r.onImage(event(1, 10, ImageQualityStatus.SUBRESOLUTION, 1, 2));
    r.onImage(event(2, 11, ImageQualityStatus.ADJACENT_REPLICATE, 1, 2));
    r.onImage(event(1, 20, ImageQualityStatus.FULL_RESOLUTION, 1, 8));
    assertEquals(List.of(new CaseRecorder.Step(10, 1), new CaseRecorder.Step(11, 2)), r.shownCurve());
    assertEquals(-1, r.allShownMs(), "image 0 was never shown");
    r.onImage(event(0, 30, ImageQualityStatus.FULL_RESOLUTION, 0, 8));
    assertEquals(30, r.allShownMs());
  }

  @Test
  void onlyAnImagesOwnFullResolutionVersionCountsAsFinal() {
    CaseRecorder r = recorderOf(2);
    r.onImage(event(1, 5, ImageQualityStatus.FULL_RESOLUTION, 0, 8)); // a copy, even of a final image
    r.onImage(event(0, 6, ImageQualityStatus.FULL_RESOLUTION, 0, 8));
    assertEquals(List.of(new CaseRecorder.Step(6, 1)), r.finalCurve());
  }

  @Test
  void reducedColumnsIsTheMedianWidthOfOwnVersionsBelowFinal() {
    CaseRecorder r = recorderOf(3);
    r.onImage(event(0, 1, ImageQualityStatus.SUBRESOLUTION, 0, 2));
    r.onImage(event(1, 2, ImageQualityStatus.SUBRESOLUTION, 1, 4));
    r.onImage(event(2, 3, ImageQualityStatus.SUBRESOLUTION, 2, 4));
    r.onImage(event(2, 4, ImageQualityStatus.FULL_RESOLUTION, 2, 8));
    assertEquals(4, r.reducedColumns());
    assertEquals(List.of(new CaseRecorder.Step(3, 6), new CaseRecorder.Step(4, 8)), r.statusOf(2));
  }

  private static CaseRecorder recorderOf(int images) {
    CaseRecorder r = new CaseRecorder();
    List<ImageRef> refs = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      refs.add(ref(i));
    }
    r.onSeries(refs);
    return r;
  }

  private static ImageRef ref(int i) {
    return new ImageRef("1", "1.1", "1.1." + i, 1, "http://x/instances/1.1." + i + "/frames", null, i, PIXELS);
  }

  private static ImageEvent event(int index, long ms, ImageQualityStatus status, int source, int columns) {
    Raster raster = new Raster(columns, columns, 1, ShortBuffer.allocate(columns * columns));
    return new ImageEvent(index, ref(index), status, columns, columns, 0, 100, 1000, "stage", ms, source, raster);
  }
}
