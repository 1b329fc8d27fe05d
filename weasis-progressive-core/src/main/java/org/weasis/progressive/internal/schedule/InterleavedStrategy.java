package org.weasis.progressive.internal.schedule;

import org.weasis.progressive.api.SeriesLoadingStrategy;

/** The order in which the configuration lists its stages and positions (Cornerstone3D's order). */
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
