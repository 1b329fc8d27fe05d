package org.weasis.progressive.api.node;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesLoadingStrategy;

/**
 * The settings a user keeps for one DICOMweb node — what {@link NodeStore} persists and a preferences
 * page edits — validated here so that every store, import and page rejects the same values with the
 * key named; {@link #toNodeSettings()} turns it into what the engine uses per request.
 *
 * @param id the store's identifier (a ConfigAdmin PID), or null for a node never saved
 * @param name shown to the user
 * @param baseUrl the DICOMweb root, http or https, without a trailing slash
 * @param authentication how requests to this node authenticate
 * @param progressive whether series from this node load progressively; off by default
 * @param strategy the {@link SeriesLoadingStrategy} name: sequential, interleaved (default) or nearest
 * @param preset the preset the retrieve configuration is ({@code single}, {@code sequential},
 *     {@code interleaved}) or {@link #CUSTOM} for stages of the user's own
 * @param retrieveConfiguration the effective configuration: the preset's stages (or custom ones) and the
 *     retrieve options, per transfer syntax where {@link RetrieveOptions#transferSyntaxes()} says so
 * @param maxConnections requests in flight to this node at once
 * @param connectTimeout time allowed to open a connection
 * @param stallTimeout longest time without a byte before a request fails
 * @param requestTimeout longest time one request may take
 * @param verifyTls false only when the user turned TLS verification off for this node
 * @param maxLoadBytes frame bytes one load may hold at once ({@link NodeSettings#maxLoadBytes()})
 * @param minTransferRate bytes per second a response must keep up over {@code rateWindow}; 0 = off
 * @param rateWindow the window the transfer rate is measured over
 * @param otherOriginsAllowed true fetches frames the metadata places on another origin than the node's
 */
public record NodeConfig(
    String id,
    String name,
    String baseUrl,
    Authentication authentication,
    boolean progressive,
    String strategy,
    String preset,
    RetrieveConfiguration retrieveConfiguration,
    int maxConnections,
    Duration connectTimeout,
    Duration stallTimeout,
    Duration requestTimeout,
    boolean verifyTls,
    long maxLoadBytes,
    long minTransferRate,
    Duration rateWindow,
    boolean otherOriginsAllowed) {

  /** The preset name of a configuration whose stages are the user's own. */
  public static final String CUSTOM = "custom";
  public static final String DEFAULT_STRATEGY = SeriesLoadingStrategy.INTERLEAVED;
  public static final String DEFAULT_PRESET = RetrieveConfiguration.INTERLEAVED;

  private static final List<String> STRATEGIES =
      List.of(SeriesLoadingStrategy.SEQUENTIAL, SeriesLoadingStrategy.INTERLEAVED, SeriesLoadingStrategy.NEAREST);
  private static final List<String> PRESETS =
      List.of(RetrieveConfiguration.SINGLE, RetrieveConfiguration.SEQUENTIAL, RetrieveConfiguration.INTERLEAVED);

  /** Every value must be usable or the key is named; a null preset is told from the configuration's stages. */
  public NodeConfig {
    id = id == null || id.isBlank() ? null : id.strip();
    if (name == null || name.isBlank()) {
      throw new InvalidConfigurationException("name", name, "a node needs a name");
    }
    name = name.strip();
    baseUrl = checkBaseUrl(baseUrl);
    authentication = authentication == null ? Authentication.none() : authentication;
    strategy = strategy == null || strategy.isBlank() ? DEFAULT_STRATEGY : strategy.strip();
    if (!STRATEGIES.contains(strategy)) {
      throw new InvalidConfigurationException("strategy", strategy, "must be one of " + STRATEGIES);
    }
    if (preset == null || preset.isBlank()) {
      preset = retrieveConfiguration == null ? DEFAULT_PRESET : presetOf(retrieveConfiguration);
    }
    preset = preset.strip();
    retrieveConfiguration = effectiveConfiguration(preset, retrieveConfiguration);
    if (maxConnections < 1 || maxConnections > 64) {
      throw new InvalidConfigurationException("maxConnections", maxConnections, "must be 1..64");
    }
    positive("connectTimeout", connectTimeout);
    positive("stallTimeout", stallTimeout);
    positive("requestTimeout", requestTimeout);
    if (maxLoadBytes < 1) {
      throw new InvalidConfigurationException("maxLoadBytes", maxLoadBytes, "must be positive");
    }
    if (minTransferRate < 0) {
      throw new InvalidConfigurationException("minTransferRate", minTransferRate, "must be 0 (off) or more");
    }
    positive("rateWindow", rateWindow);
  }

  /** A node with {@link Builder}'s defaults: no authentication, progressive off, interleaved, TLS verified. */
  public static NodeConfig of(String name, String baseUrl) {
    return builder().name(name).baseUrl(baseUrl).build();
  }

  /** A node to build from the defaults; {@link Builder#build()} validates it. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this node's values, to build a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The preset whose stages {@code configuration} has, or {@link #CUSTOM}. */
  public static String presetOf(RetrieveConfiguration configuration) {
    for (String preset : PRESETS) {
      if (RetrieveConfiguration.preset(preset).stages().equals(configuration.stages())) {
        return preset;
      }
    }
    return CUSTOM;
  }

  public NodeConfig withId(String newId) {
    return toBuilder().id(newId).build();
  }

  public NodeConfig withAuthentication(Authentication auth) {
    return toBuilder().authentication(auth).build();
  }

  public NodeConfig withProgressive(boolean enabled) {
    return toBuilder().progressive(enabled).build();
  }

  public NodeConfig withStrategy(String strategyName) {
    return toBuilder().strategy(strategyName).build();
  }

  /**
   * This node with another retrieve configuration.
   *
   * @param presetName the preset it is, {@link #CUSTOM}, or null to tell from its stages
   * @param configuration null for the preset's own
   */
  public NodeConfig withRetrieveConfiguration(String presetName, RetrieveConfiguration configuration) {
    return toBuilder().retrieveConfiguration(presetName, configuration).build();
  }

  public NodeConfig withMaxConnections(int connections) {
    return toBuilder().maxConnections(connections).build();
  }

  public NodeConfig withTimeouts(Duration connect, Duration stall, Duration request) {
    return toBuilder().connectTimeout(connect).stallTimeout(stall).requestTimeout(request).build();
  }

  public NodeConfig withVerifyTls(boolean verify) {
    return toBuilder().verifyTls(verify).build();
  }

  /** This node with loads holding at most {@code bytes} of frame data at once. */
  public NodeConfig withMaxLoadBytes(long bytes) {
    return toBuilder().maxLoadBytes(bytes).build();
  }

  /** This node with responses failing below {@code bytesPerSecond} over {@code window}; 0 = off. */
  public NodeConfig withMinTransferRate(long bytesPerSecond, Duration window) {
    return toBuilder().minTransferRate(bytesPerSecond).rateWindow(window).build();
  }

  /** This node fetching (or not) frames the metadata places on another origin. */
  public NodeConfig withOtherOriginsAllowed(boolean allowed) {
    return toBuilder().otherOriginsAllowed(allowed).build();
  }

  /** The per-request settings the engine uses: the base URL, authentication headers, limits, origins and TLS. */
  public NodeSettings toNodeSettings() {
    NodeSettings settings = NodeSettings.of(baseUrl)
        .withTimeouts(connectTimeout, stallTimeout, requestTimeout)
        .withMaxConnections(maxConnections)
        .withMaxLoadBytes(maxLoadBytes)
        .withMinTransferRate(minTransferRate, rateWindow)
        .withOtherOriginsAllowed(otherOriginsAllowed);
    for (Map.Entry<String, String> header : authentication.httpHeaders().entrySet()) {
      settings = settings.withHeader(header.getKey(), header.getValue());
    }
    return verifyTls ? settings : settings.withoutTlsVerification();
  }

  /** Never shows secrets: the authentication prints its type, user and header names only. */
  @Override
  public String toString() {
    return "NodeConfig[id=" + id + ", name=" + name + ", baseUrl=" + baseUrl + ", " + authentication
        + ", progressive=" + progressive + ", strategy=" + strategy + ", preset=" + preset
        + ", connections=" + maxConnections + ", verifyTls=" + verifyTls
        + (otherOriginsAllowed ? ", otherOriginsAllowed" : "") + "]";
  }

  private static String checkBaseUrl(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidConfigurationException("baseUrl", value, "a node needs its DICOMweb base URL");
    }
    String url = value.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidConfigurationException("baseUrl", value, "not a URL: " + e.getReason());
    }
    if (uri.getRawUserInfo() != null) {
      // The URL is logged and exported: credentials belong in the authentication, which hides them.
      throw new InvalidConfigurationException("baseUrl", withoutUserInfo(uri),
          "must not hold credentials; set them in the authentication");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new InvalidConfigurationException("baseUrl", value, "must be an http or https URL");
    }
    if (uri.getHost() == null) {
      throw new InvalidConfigurationException("baseUrl", value, "must name a host");
    }
    return url;
  }

  private static String withoutUserInfo(URI uri) {
    return uri.getScheme() + "://(hidden)@" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static RetrieveConfiguration effectiveConfiguration(String preset, RetrieveConfiguration given) {
    if (preset.equals(CUSTOM)) {
      if (given == null) {
        throw new InvalidConfigurationException(
            "retrieveConfiguration", null, "a custom preset needs a retrieve configuration");
      }
      return given;
    }
    if (!PRESETS.contains(preset)) {
      throw new InvalidConfigurationException("preset", preset, "must be one of " + PRESETS + " or custom");
    }
    if (given == null) {
      return RetrieveConfiguration.preset(preset);
    }
    if (!given.stages().equals(RetrieveConfiguration.preset(preset).stages())) {
      throw new InvalidConfigurationException("preset", preset,
          "the retrieve configuration's stages are not this preset's; call it \"custom\"");
    }
    return given;
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new InvalidConfigurationException(key, value, "must be a positive duration");
    }
  }

  /**
   * Builds a node; it starts from the defaults ({@link NodeSettings}' for the connection, interleaved
   * strategy and preset, progressive off, TLS verified, frames from the node's own origin only).
   */
  public static final class Builder {
    private String id;
    private String name;
    private String baseUrl;
    private Authentication authentication;
    private boolean progressive;
    private String strategy;
    private String preset;
    private RetrieveConfiguration retrieveConfiguration;
    private int maxConnections = NodeSettings.DEFAULT_MAX_CONNECTIONS;
    private Duration connectTimeout = Duration.ofMillis(NodeSettings.DEFAULT_CONNECT_TIMEOUT_MS);
    private Duration stallTimeout = Duration.ofMillis(NodeSettings.DEFAULT_STALL_TIMEOUT_MS);
    private Duration requestTimeout = Duration.ofMillis(NodeSettings.DEFAULT_REQUEST_TIMEOUT_MS);
    private boolean verifyTls = true;
    private long maxLoadBytes = NodeSettings.DEFAULT_MAX_LOAD_BYTES;
    private long minTransferRate = NodeSettings.DEFAULT_MIN_TRANSFER_RATE;
    private Duration rateWindow = Duration.ofMillis(NodeSettings.DEFAULT_RATE_WINDOW_MS);
    private boolean otherOriginsAllowed;

    private Builder() {}

    private Builder(NodeConfig node) {
      id = node.id;
      name = node.name;
      baseUrl = node.baseUrl;
      authentication = node.authentication;
      progressive = node.progressive;
      strategy = node.strategy;
      preset = node.preset;
      retrieveConfiguration = node.retrieveConfiguration;
      maxConnections = node.maxConnections;
      connectTimeout = node.connectTimeout;
      stallTimeout = node.stallTimeout;
      requestTimeout = node.requestTimeout;
      verifyTls = node.verifyTls;
      maxLoadBytes = node.maxLoadBytes;
      minTransferRate = node.minTransferRate;
      rateWindow = node.rateWindow;
      otherOriginsAllowed = node.otherOriginsAllowed;
    }

    public Builder id(String value) {
      id = value;
      return this;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder baseUrl(String value) {
      baseUrl = value;
      return this;
    }

    public Builder authentication(Authentication value) {
      authentication = value;
      return this;
    }

    public Builder progressive(boolean value) {
      progressive = value;
      return this;
    }

    public Builder strategy(String value) {
      strategy = value;
      return this;
    }

    /** The preset ({@link #CUSTOM}, or null to tell from the stages) and its configuration (null: the preset's). */
    public Builder retrieveConfiguration(String presetName, RetrieveConfiguration configuration) {
      preset = presetName;
      retrieveConfiguration = configuration;
      return this;
    }

    public Builder maxConnections(int value) {
      maxConnections = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    public Builder stallTimeout(Duration value) {
      stallTimeout = value;
      return this;
    }

    public Builder requestTimeout(Duration value) {
      requestTimeout = value;
      return this;
    }

    public Builder verifyTls(boolean value) {
      verifyTls = value;
      return this;
    }

    public Builder maxLoadBytes(long value) {
      maxLoadBytes = value;
      return this;
    }

    public Builder minTransferRate(long value) {
      minTransferRate = value;
      return this;
    }

    public Builder rateWindow(Duration value) {
      rateWindow = value;
      return this;
    }

    public Builder otherOriginsAllowed(boolean value) {
      otherOriginsAllowed = value;
      return this;
    }

    /** @throws InvalidConfigurationException naming the first unusable key and its value */
    public NodeConfig build() {
      return new NodeConfig(id, name, baseUrl, authentication, progressive, strategy, preset,
          retrieveConfiguration, maxConnections, connectTimeout, stallTimeout, requestTimeout, verifyTls,
          maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed);
    }
  }
}
