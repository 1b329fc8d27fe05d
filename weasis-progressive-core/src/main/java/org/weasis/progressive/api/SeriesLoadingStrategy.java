package org.weasis.progressive.api;

/**
 * Orders the queued (image, stage) requests that share a request type and priority. Registered as a
 * service with the property {@value #NAME}; a {@link SeriesRequest} picks one by that name.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface SeriesLoadingStrategy {
  /** Service property with the strategy's name. */
  String NAME = "strategy.name";

  String SEQUENTIAL = "sequential";
  String INTERLEAVED = "interleaved";
  String NEAREST = "nearest";

  String name();

  /**
   * The rank of a request among its peers: lower runs first.
   *
   * @param imageIndex image of the request
   * @param stageIndex index of the stage in the configuration
   * @param sequence order in which the configuration produced the request
   * @param focusIndex the image the user looks at
   */
  long rank(int imageIndex, int stageIndex, long sequence, int focusIndex);
}
