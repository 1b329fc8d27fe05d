package org.weasis.progressive.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One DICOMweb node: what a load needs to talk to it ({@link SeriesRequest#node()}) and what a user keeps
 * for it (what {@code NodeStore} persists and a preferences page edits). Every value is validated here, so
 * that every store, import, page and load rejects the same values with the key named; the defaults are
 * the {@link Builder}'s, the one place they are set. Secrets (the authentication's) are never printed, and
 * the client sends {@link #requestHeaders()} to this node's origin only.
 *
 * @param id the store's identifier (a ConfigAdmin PID), or null for a node never saved
 * @param name shown to the user; null takes the base URL
 * @param baseUrl the DICOMweb root, http or https, without a trailing slash, for example
 *     {@code http://127.0.0.1:8042/dicom-web}
 * @param authentication how requests to this node authenticate, with any extra headers (API keys ...)
 * @param progressive whether series from this node load progressively; off by default
 * @param strategy the {@link SeriesLoadingStrategy} name: sequential, interleaved (default) or nearest
 * @param preset the preset the retrieve configuration is ({@code single}, {@code sequential},
 *     {@code interleaved}) or {@link #CUSTOM} for stages of the user's own
 * @param retrieveConfiguration the effective configuration: the preset's stages (or custom ones) and the
 *     retrieve options, per transfer syntax where {@link RetrieveOptions#transferSyntaxes()} says so
 * @param maxConnections requests in flight to this node at once
 * @param connectTimeout time allowed to open a connection
 * @param stallTimeout longest time without receiving a byte before a request fails
 * @param requestTimeout longest time one request may take, all bytes included
 * @param verifyTls false only when the user turned TLS verification off for this node
 * @param maxLoadBytes frame bytes one load may hold at once, all frames in flight together, a growing
 *     frame's old buffer counted until it is copied (so one frame alone gets about half, and a frame
 *     declared larger is refused before its body is read); a load that needs more fails the frame that
 *     went over, and says so. It caps the series metadata too (at most 256 MiB)
 * @param minTransferRate bytes per second a response body must keep up over {@code rateWindow}, so that a
 *     server dripping a byte now and then cannot hold a connection for ever; 0 = off
 * @param rateWindow the window the transfer rate is measured over
 * @param otherOriginsAllowed true fetches frames the metadata places on another origin than the base URL's
 *     and follows redirects there (never with this node's headers); false refuses both
 * @param maxRetries retries of an idempotent GET after a connection error or a 503
 * @param retryBackoff wait before the first retry; doubled for each next one
 * @param maxFrameBytes a frame larger than this fails instead of filling memory
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
    boolean otherOriginsAllowed,
    int maxRetries,
    Duration retryBackoff,
    long maxFrameBytes) {

  // The one set of defaults of a node; the Builder starts from them and the node Metatype shows them.
  public static final int DEFAULT_MAX_CONNECTIONS = 6;
  public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_STALL_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 600_000;
  public static final int DEFAULT_MAX_RETRIES = 2;
  public static final long DEFAULT_RETRY_BACKOFF_MS = 250;
  public static final long DEFAULT_MAX_FRAME_BYTES = 512L * 1024 * 1024;
  /** As much as one frame at the default frame limit: far above what partial frames of a load take. */
  public static final long DEFAULT_MAX_LOAD_BYTES = 512L * 1024 * 1024;
  /** 1 KiB/s: below that a transfer is a stall that still sends a byte now and then. */
  public static final long DEFAULT_MIN_TRANSFER_RATE = 1024;
  /** Short enough that a frame asked for twice (a retry stage) fails within a minute. */
  public static final long DEFAULT_RATE_WINDOW_MS = 20_000;

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
    baseUrl = checkBaseUrl(baseUrl);
    if (name != null && name.isBlank()) {
      throw new InvalidConfigurationException("name", name, "a node needs a name");
    }
    name = name == null ? baseUrl : name.strip();
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
    within("maxConnections", maxConnections, 1, 64, "must be 1..64");
    positive("connectTimeout", connectTimeout);
    positive("stallTimeout", stallTimeout);
    positive("requestTimeout", requestTimeout);
    within("maxLoadBytes", maxLoadBytes, 1, Long.MAX_VALUE, "must be positive");
    within("minTransferRate", minTransferRate, 0, Long.MAX_VALUE, "must be 0 (off) or more");
    positive("rateWindow", rateWindow);
    within("maxRetries", maxRetries, 0, 10, "must be 0..10");
    positive("retryBackoff", retryBackoff);
    within("maxFrameBytes", maxFrameBytes, 1, Long.MAX_VALUE, "must be positive");
  }

  /** A node named after its base URL, with the {@link Builder}'s defaults (see {@link #of(String, String)}). */
  public static NodeConfig of(String baseUrl) {
    return builder().baseUrl(baseUrl).build();
  }

  /**
   * A node with the {@link Builder}'s defaults: no authentication, progressive off, interleaved, TLS
   * verified; 10 s connect, 30 s stall, 10 min per request, at least 1 KiB/s over 20 s, 6 connections,
   * 512 MiB per frame and per load, frames from the node's own origin only.
   */
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

  /**
   * The headers every request to this node's origin carries: the authentication's custom headers with a
   * value, then Authorization for Basic and Bearer. Secrets: never logged, never sent to another origin.
   */
  public Map<String, String> requestHeaders() {
    return authentication.httpHeaders();
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
    String url = value.strip().replaceAll("/+$", "");
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

  private static void within(String key, long value, long min, long max, String reason) {
    if (value < min || value > max) {
      throw new InvalidConfigurationException(key, value, reason);
    }
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new InvalidConfigurationException(key, value, "must be a positive duration");
    }
  }

  /** Builds a node from the defaults: {@code DEFAULT_*}, progressive off, TLS verified, own origin only. */
  public static final class Builder {
    private String id;
    private String name;
    private String baseUrl;
    private Authentication authentication;
    private boolean progressive;
    private String strategy;
    private String preset;
    private RetrieveConfiguration retrieveConfiguration;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration connectTimeout = Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MS);
    private Duration stallTimeout = Duration.ofMillis(DEFAULT_STALL_TIMEOUT_MS);
    private Duration requestTimeout = Duration.ofMillis(DEFAULT_REQUEST_TIMEOUT_MS);
    private boolean verifyTls = true;
    private long maxLoadBytes = DEFAULT_MAX_LOAD_BYTES;
    private long minTransferRate = DEFAULT_MIN_TRANSFER_RATE;
    private Duration rateWindow = Duration.ofMillis(DEFAULT_RATE_WINDOW_MS);
    private boolean otherOriginsAllowed;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration retryBackoff = Duration.ofMillis(DEFAULT_RETRY_BACKOFF_MS);
    private long maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    /** Added to the authentication's headers at build, whichever of the two is set first. */
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

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
      maxRetries = node.maxRetries;
      retryBackoff = node.retryBackoff;
      maxFrameBytes = node.maxFrameBytes;
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

    /** One more header sent to this node's origin (an API key ...), kept with the authentication's. */
    public Builder header(String headerName, String value) {
      extraHeaders.put(headerName, value);
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

    public Builder maxRetries(int value) {
      maxRetries = value;
      return this;
    }

    public Builder retryBackoff(Duration value) {
      retryBackoff = value;
      return this;
    }

    public Builder maxFrameBytes(long value) {
      maxFrameBytes = value;
      return this;
    }

    /** @throws InvalidConfigurationException naming the first unusable key and its value */
    public NodeConfig build() {
      Authentication auth = authentication == null ? Authentication.none() : authentication;
      return new NodeConfig(id, name, baseUrl, extraHeaders.isEmpty() ? auth : auth.withHeaders(extraHeaders),
          progressive, strategy, preset, retrieveConfiguration, maxConnections, connectTimeout, stallTimeout,
          requestTimeout, verifyTls, maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed, maxRetries,
          retryBackoff, maxFrameBytes);
    }
  }
}
