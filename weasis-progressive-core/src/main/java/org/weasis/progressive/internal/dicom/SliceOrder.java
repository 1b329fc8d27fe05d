package org.weasis.progressive.internal.dicom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.weasis.progressive.api.ImageRef;

/**
 * Puts a series' frames in spatial order: by position along the slice normal (ImagePositionPatient ·
 * the normal of ImageOrientationPatient), so that an image's neighbours in the list — the ones nearby
 * frames are copied to, and the ones the interleaved stages skip between — are its neighbours in
 * space. InstanceNumber is only the fallback, because scanners and archives renumber freely.
 */
public final class SliceOrder {
  /** The order without geometry: InstanceNumber, then SOPInstanceUID, then frame number. */
  static final Comparator<ImageRef> NUMBER_ORDER =
      Comparator.comparingInt(ImageRef::instanceNumber)
          .thenComparing(ImageRef::sopInstanceUid)
          .thenComparingInt(ImageRef::frameNumber);
  /** Orientations whose normals differ by more than about 8 degrees are not one stack. */
  private static final double PARALLEL = 0.99;

  /**
   * A frame with its instance's geometry.
   *
   * @param position ImagePositionPatient (x, y, z), or null when absent or unusable
   * @param orientation ImageOrientationPatient (row x, y, z, column x, y, z), or null likewise
   */
  public record Slice(ImageRef ref, double[] position, double[] orientation) {
    boolean hasGeometry() {
      return position != null && position.length == 3 && orientation != null && orientation.length == 6;
    }
  }

  private SliceOrder() {}

  /**
   * The frames in display order: along the slice normal when every frame has a position and they
   * share one orientation, else by InstanceNumber. The direction along the normal follows the
   * InstanceNumbers' overall trend, so a consistently numbered series keeps its usual order.
   */
  public static List<ImageRef> displayOrder(List<Slice> slices) {
    double[] normal = commonNormal(slices);
    List<ImageRef> byNumber = slices.stream().map(Slice::ref).sorted(NUMBER_ORDER).toList();
    if (normal == null) {
      return byNumber;
    }
    List<Keyed> keyed = new ArrayList<>();
    for (Slice s : slices) {
      keyed.add(new Keyed(s.ref(), dot(s.position(), normal)));
    }
    boolean descending = trendsDown(keyed, byNumber);
    Comparator<Keyed> along = Comparator.comparingDouble(Keyed::distance);
    if (descending) {
      along = along.reversed();
    }
    return keyed.stream()
        .sorted(along.thenComparing(Keyed::ref, NUMBER_ORDER))
        .map(Keyed::ref)
        .toList();
  }

  /** The unit normal shared by every slice, or null when one lacks geometry or they are not parallel. */
  private static double[] commonNormal(List<Slice> slices) {
    double[] first = null;
    for (Slice s : slices) {
      if (!s.hasGeometry()) {
        return null;
      }
      double[] n = normal(s.orientation());
      if (n == null) {
        return null;
      }
      if (first == null) {
        first = n;
      } else if (Math.abs(dot(first, n)) < PARALLEL) {
        return null;
      }
    }
    return first;
  }

  private static double[] normal(double[] o) {
    double[] n = {
      o[1] * o[5] - o[2] * o[4],
      o[2] * o[3] - o[0] * o[5],
      o[0] * o[4] - o[1] * o[3]
    };
    double length = Math.sqrt(dot(n, n));
    if (!(length > 1e-6) || !Double.isFinite(length)) {
      return null;
    }
    return new double[] {n[0] / length, n[1] / length, n[2] / length};
  }

  /** True when positions fall as InstanceNumbers rise (their covariance is negative). */
  private static boolean trendsDown(List<Keyed> keyed, List<ImageRef> byNumber) {
    Map<ImageRef, Integer> rank = new IdentityHashMap<>();
    for (int i = 0; i < byNumber.size(); i++) {
      rank.put(byNumber.get(i), i);
    }
    double meanRank = (byNumber.size() - 1) / 2.0;
    double meanDistance = keyed.stream().mapToDouble(Keyed::distance).average().orElse(0);
    double covariance = 0;
    for (Keyed k : keyed) {
      covariance += (rank.get(k.ref()) - meanRank) * (k.distance() - meanDistance);
    }
    return covariance < 0;
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private record Keyed(ImageRef ref, double distance) {}
}
