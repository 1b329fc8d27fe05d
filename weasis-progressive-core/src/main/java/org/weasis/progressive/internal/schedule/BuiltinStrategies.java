package org.weasis.progressive.internal.schedule;

import java.util.Map;
import org.weasis.progressive.api.SeriesLoadingStrategy;

/**
 * The strategies the core provides, one instance each: the engine falls back on them, and the OSGi
 * component registers these same objects as services, so each is registered once.
 */
public final class BuiltinStrategies {
  /** By {@link SeriesLoadingStrategy#name()}. The strategies are stateless, so one instance serves all loads. */
  public static final Map<String, SeriesLoadingStrategy> BY_NAME = Map.of(
      SeriesLoadingStrategy.SEQUENTIAL, new SequentialStrategy(),
      SeriesLoadingStrategy.INTERLEAVED, new InterleavedStrategy(),
      SeriesLoadingStrategy.NEAREST, new NearestStrategy());

  private BuiltinStrategies() {}
}
