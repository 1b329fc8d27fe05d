package org.weasis.progressive.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One stage of a retrieve configuration: which images it covers, with which retrieve options, and how
 * urgently. Stages are not barriers: an image's next stage is queued as soon as its previous stage ended
 * below {@link ImageQualityStatus#FULL_RESOLUTION}.
 *
 * @param id name of the stage, reported with every delivered image
 * @param retrieveType key into {@link RetrieveConfiguration#retrieveOptions()}
 * @param positions images covered, or null for "use decimate/offset"; see {@link #resolvePosition}
 * @param decimate every n-th image (1 = all), used when positions is null
 * @param offset first image of the decimation
 * @param priority lower runs first within a request type
 * @param requestType the queue the stage's requests wait in
 * @param nearbyFrames neighbours to fill with a copy of each image this stage delivers
 */
public record RetrieveStage(
    String id,
    String retrieveType,
    List<Double> positions,
    int decimate,
    int offset,
    int priority,
    RequestType requestType,
    List<NearbyFrame> nearbyFrames) {

  public static final String DEFAULT_RETRIEVE_TYPE = "default";
  /** Cornerstone3D's priority for a stage that names none. */
  public static final int DEFAULT_PRIORITY = -5;

  public RetrieveStage {
    if (id == null || id.isBlank()) {
      throw new InvalidConfigurationException("id", id, "a stage needs a non-empty id");
    }
    retrieveType = retrieveType == null ? DEFAULT_RETRIEVE_TYPE : retrieveType;
    positions = positions == null ? null : List.copyOf(positions);
    if (decimate < 1) {
      throw new InvalidConfigurationException("decimate", decimate, "must be 1 or more");
    }
    if (offset < 0) {
      throw new InvalidConfigurationException("offset", offset, "must be 0 or more");
    }
    requestType = requestType == null ? RequestType.INTERACTION : requestType;
    nearbyFrames = nearbyFrames == null ? List.of() : List.copyOf(nearbyFrames);
    if (positions != null) {
      for (Double p : positions) {
        if (p == null || p.isNaN() || p.isInfinite() || (p >= 1 && p != Math.floor(p))) {
          throw new InvalidConfigurationException(
              "positions", p, "a position is an index (whole number), a fraction in [0, 1) or negative");
        }
      }
    }
  }

  /** A stage covering every image with the given retrieve type and Cornerstone3D's defaults. */
  public static RetrieveStage of(String id, String retrieveType) {
    return new RetrieveStage(
        id, retrieveType, null, 1, 0, DEFAULT_PRIORITY, RequestType.INTERACTION, List.of());
  }

  /**
   * The image index a position stands for in a series of {@code length} images: negative counts from the
   * end, a fraction in [0, 1) is relative ({@code floor((length - 1) * p)}, 0.5 = middle), anything else is
   * the index itself. The result may be out of range when the series is short.
   */
  public static int resolvePosition(double position, int length) {
    if (position < 0) {
      return (int) (length + position);
    }
    if (position < 1) {
      return (int) Math.floor((length - 1) * position);
    }
    return (int) position;
  }

  /** The indices this stage covers in a series of {@code length} images, in order, without repeats. */
  public List<Integer> imageIndices(int length) {
    if (positions == null) {
      List<Integer> indices = new ArrayList<>();
      for (int i = offset; i < length; i += decimate) {
        indices.add(i);
      }
      return indices;
    }
    Set<Integer> indices = new LinkedHashSet<>();
    for (double p : positions) {
      int index = resolvePosition(p, length);
      if (index >= 0 && index < length) {
        indices.add(index);
      }
    }
    return List.copyOf(indices);
  }
}
