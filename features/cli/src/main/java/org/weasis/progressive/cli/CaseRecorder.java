package org.weasis.progressive.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;

/**
 * Keeps what one bench load delivered, without the rasters (a 3036² image per version would fill the
 * heap), so the figures and plots are computed after the load, off the engine's threads.
 */
final class CaseRecorder implements LoadListener {
  /**
   * One delivered version.
   *
   * @param ms elapsed since the load started
   * @param index the image
   * @param status ImageQualityStatus number
   * @param columns width of the delivered raster
   * @param level its decode level
   * @param bytes frame bytes received for the image so far
   * @param replicate true for a copy of a neighbour
   */
  record Version(long ms, int index, int status, int columns, int level, long bytes, boolean replicate) {}

  /** A point of a step curve: from {@code ms} on, the value is {@code value}. */
  record Step(long ms, int value) {}

  private static final int FINAL = ImageQualityStatus.FULL_RESOLUTION.value();

  private final ConcurrentLinkedQueue<Version> versions = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  private volatile int images;

  @Override
  public void onSeries(List<ImageRef> refs) {
    images = refs.size();
  }

  @Override
  public void onImage(ImageEvent e) {
    versions.add(new Version(e.elapsedMs(), e.imageIndex(), e.status().value(), e.columns(), e.decodeLevel(),
        e.bytesReceived(), e.isReplicate()));
  }

  @Override
  public void onError(ErrorEvent e) {
    errors.add((e.imageIndex() < 0 ? "series" : "image " + e.imageIndex()) + ": " + e.reason());
  }

  @Override
  public void onComplete(LoadSummary summary) {
    // The summary comes from the load's completion future.
  }

  int images() {
    return images;
  }

  List<Version> versions() {
    return List.copyOf(versions);
  }

  List<String> errors() {
    return List.copyOf(errors);
  }

  /** The first version delivered for this image from its own data, or null. */
  Version firstOwn(int index) {
    return versions.stream().filter(v -> v.index() == index && !v.replicate()).findFirst().orElse(null);
  }

  /** The status of image {@code index} over time. */
  List<Step> statusOf(int index) {
    return versions.stream().filter(v -> v.index() == index).map(v -> new Step(v.ms(), v.status())).toList();
  }

  /** How many images had some version (own or copy) over time. */
  List<Step> shownCurve() {
    return countCurve(false);
  }

  /** How many images were final over time. */
  List<Step> finalCurve() {
    return countCurve(true);
  }

  /** The median width of the images' own versions below final (thumbnails, prefixes), or 0. */
  int reducedColumns() {
    int[] widths = versions.stream().filter(v -> !v.replicate() && v.status() < FINAL)
        .mapToInt(Version::columns).sorted().toArray();
    return widths.length == 0 ? 0 : widths[widths.length / 2];
  }

  /** When the last image got its first version, or -1 if some never did. */
  long allShownMs() {
    List<Step> shown = shownCurve();
    return !shown.isEmpty() && shown.getLast().value() == images ? shown.getLast().ms() : -1;
  }

  private List<Step> countCurve(boolean finals) {
    boolean[] seen = new boolean[images];
    List<Step> curve = new ArrayList<>();
    int count = 0;
    for (Version v : versions) {
      boolean counts = !finals || (v.status() == FINAL && !v.replicate());
      if (counts && v.index() < seen.length && !seen[v.index()]) {
        seen[v.index()] = true;
        curve.add(new Step(v.ms(), ++count));
      }
    }
    return curve;
  }
}
