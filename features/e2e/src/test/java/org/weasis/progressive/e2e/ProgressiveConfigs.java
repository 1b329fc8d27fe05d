package org.weasis.progressive.e2e;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;

/** The retrieve configurations of the progressive cases, written once so that every test means the same. */
final class ProgressiveConfigs {
  static final String JLS = "/jls/";
  static final String JLS_THUMBNAIL = "/jlsThumbnail/";

  private ProgressiveConfigs() {}

  /** Interleaved: fast stages fetch the first {@code chunk} bytes of the HTJ2K frame, finals the rest. */
  static RetrieveConfiguration interleavedHtj2kRanges(int chunk) {
    return RetrieveConfiguration.interleaved().withRetrieveOptions(Map.of(
        "default", RetrieveOptions.DEFAULT,
        "multipleFast", options(null, null, 0, chunk),
        "multipleFinal", options(null, null, -1, null)));
  }

  /** Interleaved: fast stages fetch the 1/4 JPEG-LS thumbnail, finals the full JPEG-LS frame. */
  static RetrieveConfiguration interleavedJls() {
    return RetrieveConfiguration.interleaved().withRetrieveOptions(Map.of(
        "default", options(JLS, null, null, null),
        "multipleFast", options(JLS_THUMBNAIL, ImageQualityStatus.SUBRESOLUTION, null, null),
        "multipleFinal", options(JLS, null, null, null)));
  }

  /** Sequential: every JPEG-LS thumbnail, then every full JPEG-LS frame. */
  static RetrieveConfiguration sequentialJls() {
    return RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", options(JLS_THUMBNAIL, ImageQualityStatus.SUBRESOLUTION, null, null),
        "singleFinal", options(JLS, null, null, null)));
  }

  static RetrieveOptions options(String framesPath, ImageQualityStatus status, Integer rangeIndex,
      Integer chunkSize) {
    return RetrieveOptions.builder()
        .framesPath(framesPath)
        .imageQualityStatus(status)
        .rangeIndex(rangeIndex)
        .chunkSize(chunkSize)
        .build();
  }

  /** The images a stage of the configuration covers in a series of {@code images}. */
  static Set<Integer> coveredBy(RetrieveConfiguration configuration, String stageId, int images) {
    return new TreeSet<>(stage(configuration, stageId).imageIndices(images));
  }

  /**
   * The images the interleaved preset first shows from a fast stage: those of quarterThumb and
   * halfThumb that the initial stage has not already made final.
   */
  static Set<Integer> fastImages(RetrieveConfiguration configuration, int images) {
    Set<Integer> fast = coveredBy(configuration, "quarterThumb", images);
    fast.addAll(coveredBy(configuration, "halfThumb", images));
    fast.removeAll(coveredBy(configuration, "initialImages", images));
    return fast;
  }

  private static RetrieveStage stage(RetrieveConfiguration configuration, String id) {
    List<RetrieveStage> stages = configuration.stages();
    return stages.stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stage " + id + " in " + stages));
  }
}
