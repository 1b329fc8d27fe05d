package org.weasis.progressive.internal.schedule;

import org.osgi.service.component.annotations.Component;
import org.weasis.progressive.api.SeriesLoadingStrategy;

/** Image order of the series, first image first. */
@Component(property = SeriesLoadingStrategy.NAME + "=" + SeriesLoadingStrategy.SEQUENTIAL)
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
