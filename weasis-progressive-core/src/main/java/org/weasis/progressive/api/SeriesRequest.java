package org.weasis.progressive.api;

import java.util.List;
import java.util.Objects;

/**
 * A series to load: either by study/series UIDs (the engine reads {@code .../metadata}) or as an
 * explicit list of frames.
 *
 * @param node the DICOMweb node
 * @param studyUid StudyInstanceUID
 * @param seriesUid SeriesInstanceUID
 * @param images explicit frames in display order; empty = read the series metadata
 * @param strategy name of the {@link SeriesLoadingStrategy}; null = {@code interleaved}
 * @param focusIndex the image shown first (for the nearest-first strategy)
 */
public record SeriesRequest(
    NodeConfig node,
    String studyUid,
    String seriesUid,
    List<ImageRef> images,
    String strategy,
    int focusIndex) {

  public SeriesRequest {
    Objects.requireNonNull(node, "node");
    images = images == null ? List.of() : List.copyOf(images);
    if (images.isEmpty() && (studyUid == null || seriesUid == null)) {
      throw new IllegalArgumentException("A series request needs study and series UIDs or images");
    }
  }

  public static SeriesRequest of(NodeConfig node, String studyUid, String seriesUid) {
    return new SeriesRequest(node, studyUid, seriesUid, List.of(), null, 0);
  }

  public SeriesRequest withStrategy(String name) {
    return new SeriesRequest(node, studyUid, seriesUid, images, name, focusIndex);
  }

  public SeriesRequest withFocus(int index) {
    return new SeriesRequest(node, studyUid, seriesUid, images, strategy, index);
  }
}
