package org.weasis.progressive.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to retrieve in which order ({@code stages}) and how ({@code retrieveOptions}, keyed by
 * retrieveType) — Cornerstone3D's IRetrieveConfiguration. A retrieveType missing from the options uses
 * the {@code default} entry, and with none, {@link RetrieveOptions#DEFAULT}.
 */
public record RetrieveConfiguration(
    List<RetrieveStage> stages, Map<String, RetrieveOptions> retrieveOptions) {

  public static final String SINGLE = "single";
  public static final String SEQUENTIAL = "sequential";
  public static final String INTERLEAVED = "interleaved";

  public RetrieveConfiguration {
    if (stages == null || stages.isEmpty()) {
      throw new InvalidConfigurationException("stages", stages, "at least one stage is needed");
    }
    stages = List.copyOf(stages);
    retrieveOptions = retrieveOptions == null ? Map.of() : Map.copyOf(retrieveOptions);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < stages.size(); i++) {
      if (!ids.add(stages.get(i).id())) {
        throw new InvalidConfigurationException(
            "stages[" + i + "].id", stages.get(i).id(), "stage ids must be unique");
      }
    }
  }

  /** The options of a retrieveType, falling back to {@code default}, then to nothing set. */
  public RetrieveOptions optionsFor(String retrieveType) {
    RetrieveOptions options = retrieveOptions.get(retrieveType);
    if (options == null) {
      options = retrieveOptions.get(RetrieveStage.DEFAULT_RETRIEVE_TYPE);
    }
    return options == null ? RetrieveOptions.DEFAULT : options;
  }

  /**
   * What a load from a node uses: {@code configured} when the node loads progressively, else every frame
   * whole in one request at final quality (the {@link #single()} stage with no options set).
   */
  public static RetrieveConfiguration forLoading(boolean progressive, RetrieveConfiguration configured) {
    return progressive ? Objects.requireNonNull(configured, "configured") : single();
  }

  /**
   * Checks Accept and urlArguments of every retrieve options entry and its transfer-syntax entries (see
   * {@link RetrieveOptions#checkAccept}, {@link RetrieveOptions#checkUrlArguments}).
   *
   * @return this configuration
   * @throws InvalidConfigurationException naming the key path, e.g. {@code retrieveOptions.singleFast.accept}
   */
  public RetrieveConfiguration checkRequestSyntax() {
    retrieveOptions.forEach((type, options) -> RequestSyntax.check("retrieveOptions." + type, options));
    return this;
  }

  /** This configuration with other retrieve options. */
  public RetrieveConfiguration withRetrieveOptions(Map<String, RetrieveOptions> options) {
    return new RetrieveConfiguration(stages, options);
  }

  /** One stage over every image with retrieveType {@code single}. */
  public static RetrieveConfiguration single() {
    return new RetrieveConfiguration(List.of(RetrieveStage.of("initialImages", "single")), Map.of());
  }

  /** Every image with {@code singleFast}, then, where that was not final, with {@code singleFinal}. */
  public static RetrieveConfiguration sequential() {
    return new RetrieveConfiguration(
        List.of(
            RetrieveStage.of("lossySequential", "singleFast"),
            RetrieveStage.of("finalSequential", "singleFinal")),
        Map.of());
  }

  /**
   * For volumes: middle, first and last image, then every 4th image fast (filling neighbours with
   * copies), then the finals interleaved, then a retry of whatever failed.
   */
  public static RetrieveConfiguration interleaved() {
    List<NearbyFrame> nearby =
        List.of(
            new NearbyFrame(-1, ImageQualityStatus.ADJACENT_REPLICATE),
            new NearbyFrame(1, ImageQualityStatus.ADJACENT_REPLICATE),
            new NearbyFrame(2, ImageQualityStatus.FAR_REPLICATE));
    RequestType thumb = RequestType.THUMBNAIL;
    List<RetrieveStage> stages = new ArrayList<>();
    stages.add(
        new RetrieveStage("initialImages", "default", List.of(0.5, 0.0, -1.0), 1, 0, 5, thumb, nearby));
    stages.add(new RetrieveStage("quarterThumb", "multipleFast", null, 4, 3, 6, thumb, nearby));
    stages.add(new RetrieveStage("halfThumb", "multipleFast", null, 4, 1, 7, thumb, nearby));
    stages.add(new RetrieveStage("quarterFull", "multipleFinal", null, 4, 2, 8, thumb, null));
    stages.add(new RetrieveStage("halfFull", "multipleFinal", null, 4, 0, 9, thumb, null));
    stages.add(new RetrieveStage("threeQuarterFull", "multipleFinal", null, 4, 1, 10, thumb, null));
    stages.add(new RetrieveStage("finalFull", "multipleFinal", null, 4, 3, 11, thumb, null));
    stages.add(RetrieveStage.of("errorRetrieve", "default"));
    return new RetrieveConfiguration(stages, Map.of());
  }

  /** The preset with this name: {@code single}, {@code sequential} or {@code interleaved}. */
  public static RetrieveConfiguration preset(String name) {
    return switch (name) {
      case SINGLE -> single();
      case SEQUENTIAL -> sequential();
      case INTERLEAVED -> interleaved();
      default ->
          throw new InvalidConfigurationException(
              "preset", name, "unknown preset (known: single, sequential, interleaved)");
    };
  }

  /**
   * Reads a configuration from JSON in Cornerstone3D's shape ({@code stages}, {@code retrieveOptions};
   * {@code imageQualityStatus} as number or name) with Cornerstone3D's defaults: without {@code stages},
   * the {@link #single()} stage a Cornerstone stack uses.
   *
   * @throws InvalidConfigurationException naming the key and value that cannot be used
   */
  public static RetrieveConfiguration fromJson(String json) {
    return RetrieveConfigurationCodec.json().read(json);
  }

  /** This configuration as JSON that {@link #fromJson} and Cornerstone3D both read. */
  public String toJson() {
    return RetrieveConfigurationCodec.json().write(this);
  }
}
