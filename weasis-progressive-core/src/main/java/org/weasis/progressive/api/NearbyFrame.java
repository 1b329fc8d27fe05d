package org.weasis.progressive.api;

import java.util.Objects;

/**
 * A neighbour to fill with a copy of a delivered image, graded {@code status}, until the neighbour's own
 * data arrives.
 *
 * @param offset position of the neighbour relative to the delivered image (-1 = previous)
 * @param status status given to the copy; the copy is shown only if the neighbour has less
 */
public record NearbyFrame(int offset, ImageQualityStatus status) {
  public NearbyFrame {
    Objects.requireNonNull(status, "status");
  }
}
