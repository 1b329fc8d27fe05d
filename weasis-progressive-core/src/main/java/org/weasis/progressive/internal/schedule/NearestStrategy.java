package org.weasis.progressive.internal.schedule;

import org.weasis.progressive.api.SeriesLoadingStrategy;

/**
 * Images nearest to the one shown first, alternating after and before it: a user scrolling a stack from
 * there sees loaded images soonest.
 */
public final class NearestStrategy implements SeriesLoadingStrategy {
  @Override
  public String name() {
    return NEAREST;
  }

  @Override
  public long rank(int imageIndex, int stageIndex, long sequence, int focusIndex) {
    long distance = Math.abs((long) imageIndex - focusIndex);
    return distance * 2 + (imageIndex < focusIndex ? 1 : 0);
  }
}
