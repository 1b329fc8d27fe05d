package org.weasis.progressive.cli;

import java.util.List;
import java.util.Map;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesLoadingStrategy;

/**
 * One row of the bench table with the exact configuration it loads, so the table's claims ("single stage
 * from /jls/", "64 KiB then the rest") are the configuration itself and a test can check them.
 *
 * @param name the row's name
 * @param stack true for the interleaved stack, false for the one big image
 * @param strategy the series loading strategy
 * @param configuration stages and retrieve options
 * @param roundTrips sequential HTTP requests on the critical path to the final image, metadata included
 * @param firstFrames frame folder the first version comes from (frames, jls, jlsThumbnail)
 * @param finalFrames frame folder the final version comes from
 * @param progressive true when the case shows something before the final image (compared to jls-full)
 * @param summary what the case does, for the table's legend
 */
record BenchCase(String name, boolean stack, String strategy, RetrieveConfiguration configuration,
    int roundTrips, String firstFrames, String finalFrames, boolean progressive, String summary) {
  static final String HTJ2K = "frames";
  static final String JLS = "jls";
  static final String JLS_THUMBNAIL = "jlsThumbnail";
  /** The non-progressive case every progressive final is compared with. */
  static final String REFERENCE = "jls-full";
  static final int SINGLE_CHUNK = 65536;
  static final int STACK_CHUNK = 16384;
  /**
   * Requests before the first image: the metadata, then one frame request. In a stack the later requests
   * overlap on the node's parallel connections, so the link need not idle for them either.
   */
  static final int FIRST_ROUND_TRIPS = 2;

  /** The one-image cases, reference first: every other final is compared with it. */
  static List<BenchCase> singleImage() {
    return List.of(
        single(REFERENCE, RetrieveConfiguration.single(), Map.of("single", path("/jls/", null)), 2, JLS, JLS,
            false, "single stage from /jls/ (non-progressive reference)"),
        single("jls-reduced", RetrieveConfiguration.sequential(),
            Map.of("singleFast", path("/jlsThumbnail/", ImageQualityStatus.SUBRESOLUTION),
                "singleFinal", path("/jls/", null)),
            3, JLS_THUMBNAIL, JLS, true, "sequential: 1/4 thumbnail from /jlsThumbnail/, then /jls/"),
        single("htj2k-stream", RetrieveConfiguration.single(), Map.of("single", streaming()), 2, HTJ2K, HTJ2K,
            true, "single stage, streaming: partial codestreams decoded as levels complete"),
        single("htj2k-range", RetrieveConfiguration.sequential(),
            Map.of("singleFast", range(0, SINGLE_CHUNK), "singleFinal", range(-1, null)),
            3, HTJ2K, HTJ2K, true, "sequential: bytes 0-65535 at the best complete level, then the rest"),
        single("htj2k-full", RetrieveConfiguration.single(), Map.of(), 2, HTJ2K, HTJ2K, false,
            "single stage, whole HTJ2K frame (no progression)"));
  }

  /** The one-image case called {@code name}. */
  static BenchCase named(String name) {
    return singleImage().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no one-image case " + name));
  }

  /** The stack cases: the interleaved preset, once with HTJ2K byte ranges, once with JPEG-LS thumbnails. */
  static List<BenchCase> stacks() {
    return List.of(
        stack("stack-htj2k",
            Map.of("multipleFast", range(0, STACK_CHUNK), "multipleFinal", range(-1, null)), HTJ2K, HTJ2K,
            "interleaved: first " + STACK_CHUNK / 1024 + " KiB of every 2nd image, then the rest; others whole"),
        stack("stack-jls",
            Map.of("multipleFast", path("/jlsThumbnail/", ImageQualityStatus.SUBRESOLUTION),
                "multipleFinal", path("/jls/", null), "default", path("/jls/", null)),
            JLS_THUMBNAIL, JLS, "interleaved: 1/4 thumbnails of every 2nd image, then /jls/ finals"));
  }

  private static BenchCase single(String name, RetrieveConfiguration preset, Map<String, RetrieveOptions> options,
      int roundTrips, String first, String last, boolean progressive, String summary) {
    return new BenchCase(name, false, SeriesLoadingStrategy.SEQUENTIAL, preset.withRetrieveOptions(options),
        roundTrips, first, last, progressive, summary);
  }

  private static BenchCase stack(String name, Map<String, RetrieveOptions> options, String first, String last,
      String summary) {
    return new BenchCase(name, true, SeriesLoadingStrategy.INTERLEAVED,
        RetrieveConfiguration.interleaved().withRetrieveOptions(options), FIRST_ROUND_TRIPS, first, last, true,
        summary);
  }

  static RetrieveOptions path(String framesPath, ImageQualityStatus status) {
    return RetrieveOptions.builder().framesPath(framesPath).imageQualityStatus(status).build();
  }

  static RetrieveOptions streaming() {
    return RetrieveOptions.builder().streaming(true).build();
  }

  static RetrieveOptions range(int index, Integer chunk) {
    return RetrieveOptions.builder().rangeIndex(index).chunkSize(chunk).build();
  }
}
