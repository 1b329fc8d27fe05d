package org.weasis.progressive.internal.schedule;

import org.osgi.service.component.annotations.Component;
import org.weasis.progressive.api.SeriesLoadingStrategy;

/** The order in which the configuration lists its stages and positions (Cornerstone3D's order). */
@Component(property = SeriesLoadingStrategy.NAME + "=" + SeriesLoadingStrategy.INTERLEAVED)
public final class InterleavedStrategy implements SeriesLoadingStrategy {
  @Override
  public String name() {
    return INTERLEAVED;
  }

  @Override
  public long rank(int imageIndex, int stageIndex, long sequence, int focusIndex) {
    return sequence;
  }
}
