package org.weasis.progressive.internal.schedule;

import org.weasis.progressive.api.SeriesLoadingStrategy;

/** Image order of the series, first image first. */
public final class SequentialStrategy implements SeriesLoadingStrategy {
  @Override
  public String name() {
    return SEQUENTIAL;
  }

  @Override
  public long rank(int imageIndex, int stageIndex, long sequence, int focusIndex) {
    return imageIndex;
  }
}
