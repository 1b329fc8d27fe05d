package org.weasis.progressive.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetrieveStageTest {

  @Test
  void positionsResolveNegativeFromTheEndFractionsRelativeAndWholeNumbersAsIndices() {
    assertEquals(12, RetrieveStage.resolvePosition(-1, 13));
    assertEquals(8, RetrieveStage.resolvePosition(-5, 13));
    assertEquals(6, RetrieveStage.resolvePosition(0.5, 13));
    assertEquals(4, RetrieveStage.resolvePosition(0.5, 10), "floor((10 - 1) * 0.5)");
    assertEquals(0, RetrieveStage.resolvePosition(0, 13));
    assertEquals(2, RetrieveStage.resolvePosition(0.25, 10));
    assertEquals(3, RetrieveStage.resolvePosition(3, 13));
  }

  @Test
  void decimateFourOffsetOneOverThirteenImagesCoversOneFiveNine() {
    RetrieveStage stage = new RetrieveStage("s", null, null, 4, 1, 0, null, null);
    assertEquals(List.of(1, 5, 9), stage.imageIndices(13).subList(0, 3));
    assertEquals(List.of(1, 5, 9), stage.imageIndices(12));
  }

  @Test
  void aStageWithNeitherPositionsNorDecimateCoversEveryImage() {
    assertEquals(List.of(0, 1, 2, 3), RetrieveStage.of("all", "default").imageIndices(4));
  }

  @Test
  void interleavedInitialImagesAreMiddleFirstLastWithoutRepeatsOnShortSeries() {
    RetrieveStage initial = RetrieveConfiguration.interleaved().stages().get(0);
    assertEquals(List.of(50, 0, 100), initial.imageIndices(101));
    assertEquals(List.of(0), initial.imageIndices(1));
    assertEquals(List.of(0, 1), initial.imageIndices(2));
  }

  @Test
  void positionsOutsideTheSeriesAreSkipped() {
    RetrieveStage stage = new RetrieveStage("s", null, List.of(7.0, 1.0, -9.0), 1, 0, 0, null, null);
    assertEquals(List.of(1), stage.imageIndices(3));
  }

  @Test
  void fractionalPositionsAboveOneAreRejectedWithTheValue() {
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> new RetrieveStage("s", null, List.of(1.5), 1, 0, 0, null, null));
    assertEquals("positions = 1.5", e.getMessage().substring(0, "positions = 1.5".length()));
  }
}
