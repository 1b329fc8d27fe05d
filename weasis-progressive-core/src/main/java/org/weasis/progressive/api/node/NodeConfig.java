package org.weasis.progressive.api.node;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
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
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private static final List<String> STRATEGIES =
      List.of(SeriesLoadingStrategy.SEQUENTIAL, SeriesLoadingStrategy.INTERLEAVED, SeriesLoadingStrategy.NEAREST);
  private static final List<String> PRESETS =
      List.of(RetrieveConfiguration.SINGLE, RetrieveConfiguration.SEQUENTIAL, RetrieveConfiguration.INTERLEAVED);

  /** Defaults fill what is null; everything else must be usable or the key is named. */
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
    connectTimeout = positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    stallTimeout = positive("stallTimeout", stallTimeout, DEFAULT_STALL_TIMEOUT);
    requestTimeout = positive("requestTimeout", requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    if (maxLoadBytes < 1) {
      throw new InvalidConfigurationException("maxLoadBytes", maxLoadBytes, "must be positive");
    }
    if (minTransferRate < 0) {
      throw new InvalidConfigurationException("minTransferRate", minTransferRate, "must be 0 (off) or more");
    }
    rateWindow = positive("rateWindow", rateWindow, NodeSettings.DEFAULT_RATE_WINDOW);
  }

  /** A node without the limits against hostile servers, which take {@link NodeSettings}' defaults. */
  public NodeConfig(String id, String name, String baseUrl, Authentication authentication, boolean progressive,
      String strategy, String preset, RetrieveConfiguration retrieveConfiguration, int maxConnections,
      Duration connectTimeout, Duration stallTimeout, Duration requestTimeout, boolean verifyTls) {
    this(id, name, baseUrl, authentication, progressive, strategy, preset, retrieveConfiguration, maxConnections,
        connectTimeout, stallTimeout, requestTimeout, verifyTls, NodeSettings.DEFAULT_MAX_LOAD_BYTES,
        NodeSettings.DEFAULT_MIN_TRANSFER_RATE, NodeSettings.DEFAULT_RATE_WINDOW, false);
  }

  /** A node with the defaults: no authentication, progressive off, interleaved preset, TLS verified. */
  public static NodeConfig of(String name, String baseUrl) {
    return new NodeConfig(null, name, baseUrl, Authentication.none(), false, DEFAULT_STRATEGY, DEFAULT_PRESET,
        null, NodeSettings.DEFAULT_MAX_CONNECTIONS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_STALL_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT, true);
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
    return new NodeConfig(newId, name, baseUrl, authentication, progressive, strategy, preset,
        retrieveConfiguration, maxConnections, connectTimeout, stallTimeout, requestTimeout, verifyTls,
        maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed);
  }

  public NodeConfig withAuthentication(Authentication auth) {
    return new NodeConfig(id, name, baseUrl, auth, progressive, strategy, preset,
        retrieveConfiguration, maxConnections, connectTimeout, stallTimeout, requestTimeout, verifyTls,
        maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed);
  }

  public NodeConfig withProgressive(boolean enabled) {
    return new NodeConfig(id, name, baseUrl, authentication, enabled, strategy, preset,
        retrieveConfiguration, maxConnections, connectTimeout, stallTimeout, requestTimeout, verifyTls,
        maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed);
  }

  public NodeConfig withStrategy(String strategyName) {
    return new NodeConfig(id, name, baseUrl, authentication, progressive, strategyName, preset,
        retrieveConfiguration, maxConnections, connectTimeout, stallTimeout, requestTimeout, verifyTls,
        maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed);
  }

  /**
   * This node with another retrieve configuration.
   *
   * @param presetName the preset it is, {@link #CUSTOM}, or null to tell from its stages
   * @param configuration null for the preset's own
   */
  public NodeConfig withRetrieveConfiguration(String presetName, RetrieveConfiguration configuration) {
    return new NodeConfig(id, name, baseUrl, authentication, progressive, strategy, presetName,
        configuration, maxConnections, connectTimeout, stallTimeout, requestTimeout, verifyTls,
        maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed);
  }

  public NodeConfig withMaxConnections(int connections) {
    return new NodeConfig(id, name, baseUrl, authentication, progressive, strategy, preset,
        retrieveConfiguration, connections, connectTimeout, stallTimeout, requestTimeout, verifyTls,
        maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed);
  }

  public NodeConfig withTimeouts(Duration connect, Duration stall, Duration request) {
    return new NodeConfig(id, name, baseUrl, authentication, progressive, strategy, preset,
        retrieveConfiguration, maxConnections, connect, stall, request, verifyTls,
        maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed);
  }

  public NodeConfig withVerifyTls(boolean verify) {
    return new NodeConfig(id, name, baseUrl, authentication, progressive, strategy, preset,
        retrieveConfiguration, maxConnections, connectTimeout, stallTimeout, requestTimeout, verify,
        maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed);
  }

  /** This node with loads holding at most {@code bytes} of frame data at once. */
  public NodeConfig withMaxLoadBytes(long bytes) {
    return new NodeConfig(id, name, baseUrl, authentication, progressive, strategy, preset,
        retrieveConfiguration, maxConnections, connectTimeout, stallTimeout, requestTimeout, verifyTls,
        bytes, minTransferRate, rateWindow, otherOriginsAllowed);
  }

  /** This node with responses failing below {@code bytesPerSecond} over {@code window}; 0 = off. */
  public NodeConfig withMinTransferRate(long bytesPerSecond, Duration window) {
    return new NodeConfig(id, name, baseUrl, authentication, progressive, strategy, preset,
        retrieveConfiguration, maxConnections, connectTimeout, stallTimeout, requestTimeout, verifyTls,
        maxLoadBytes, bytesPerSecond, window, otherOriginsAllowed);
  }

  /** This node fetching (or not) frames the metadata places on another origin. */
  public NodeConfig withOtherOriginsAllowed(boolean allowed) {
    return new NodeConfig(id, name, baseUrl, authentication, progressive, strategy, preset,
        retrieveConfiguration, maxConnections, connectTimeout, stallTimeout, requestTimeout, verifyTls,
        maxLoadBytes, minTransferRate, rateWindow, allowed);
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

  private static Duration positive(String key, Duration value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new InvalidConfigurationException(key, value, "must be a positive duration");
    }
    return value;
  }

  /**
   * How requests to a node authenticate. The secret and the custom header values are secrets: never
   * printed, and left out of exports unless asked for. A null secret or an empty header value means
   * "not entered" (an import without secrets): nothing is sent for it.
   *
   * @param type NONE, BASIC (user + secret as password), BEARER (secret as token), HEADERS (custom only)
   * @param user the Basic user name, or null
   * @param secret the Basic password or the Bearer token, or null
   * @param headers extra headers sent to this node (API keys ...), with any type
   */
  public record Authentication(Type type, String user, String secret, Map<String, String> headers) {
    /** How the Authorization header is made. */
    public enum Type {
      NONE,
      BASIC,
      BEARER,
      HEADERS
    }

    /** An HTTP header name is a token (RFC 9110). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final String AUTHORIZATION = "Authorization";

    public Authentication {
      type = type == null ? Type.NONE : type;
      user = user == null || user.isBlank() ? null : user.strip();
      secret = secret == null || secret.isEmpty() ? null : secret;
      headers = checkHeaders(type, headers);
      if (type == Type.BASIC && user == null) {
        throw new InvalidConfigurationException("authentication.user", null, "Basic authentication needs a user");
      }
      if (type == Type.BASIC && user.contains(":")) {
        throw new InvalidConfigurationException("authentication.user", user, "a Basic user name cannot hold ':'");
      }
      if (secret != null && hasLineBreak(secret)) {
        throw new InvalidConfigurationException("authentication.secret", Hidden.VALUE, "cannot hold a line break");
      }
      if (type == Type.HEADERS && headers.isEmpty()) {
        throw new InvalidConfigurationException(
            "authentication.headers", "{}", "HEADERS authentication needs at least one header");
      }
    }

    public static Authentication none() {
      return new Authentication(Type.NONE, null, null, Map.of());
    }

    public static Authentication basic(String user, String password) {
      return new Authentication(Type.BASIC, user, password, Map.of());
    }

    public static Authentication bearer(String token) {
      return new Authentication(Type.BEARER, null, token, Map.of());
    }

    public static Authentication headers(Map<String, String> headers) {
      return new Authentication(Type.HEADERS, null, null, headers);
    }

    /** This authentication with extra custom headers. */
    public Authentication withHeaders(Map<String, String> extra) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.putAll(extra);
      return new Authentication(type, user, secret, all);
    }

    /** The same authentication with the secret and header values removed, as an export without secrets has it. */
    public Authentication withoutSecrets() {
      Map<String, String> names = new LinkedHashMap<>();
      headers.keySet().forEach(name -> names.put(name, ""));
      return new Authentication(type, user, null, names);
    }

    /** True when a secret or a header value is missing (not entered, or left out of an import). */
    public boolean lacksSecrets() {
      boolean secretMissing = (type == Type.BASIC || type == Type.BEARER) && secret == null;
      return secretMissing || headers.containsValue("");
    }

    /** The headers to send: custom ones with a value, then Authorization for Basic and Bearer. */
    public Map<String, String> httpHeaders() {
      Map<String, String> sent = new LinkedHashMap<>();
      headers.forEach((name, value) -> {
        if (!value.isEmpty()) {
          sent.put(name, value);
        }
      });
      if (type == Type.BASIC && secret != null) {
        String pair = user + ":" + secret;
        sent.put(AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
      } else if (type == Type.BEARER && secret != null) {
        sent.put(AUTHORIZATION, "Bearer " + secret);
      }
      return sent;
    }

    /** Type, user and header names; whether a secret is set, never what it is. */
    @Override
    public String toString() {
      return "Authentication[" + type + (user == null ? "" : ", user=" + user)
          + (secret == null ? "" : ", secret=(set)")
          + (headers.isEmpty() ? "" : ", headers=" + headers.keySet().stream()
              .map(k -> k.toLowerCase(Locale.ROOT)).sorted().toList())
          + "]";
    }

    private static Map<String, String> checkHeaders(Type type, Map<String, String> headers) {
      if (headers == null) {
        return Map.of();
      }
      Map<String, String> checked = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : headers.entrySet()) {
        String name = e.getKey() == null ? "" : e.getKey().strip();
        String key = "authentication.headers." + name;
        if (!TOKEN.matcher(name).matches()) {
          throw new InvalidConfigurationException("authentication.headers", name, "not a valid header name");
        }
        String value = e.getValue() == null ? "" : e.getValue().strip();
        if (hasLineBreak(value)) {
          throw new InvalidConfigurationException(key, Hidden.VALUE, "a header value cannot hold a line break");
        }
        if ((type == Type.BASIC || type == Type.BEARER) && name.equalsIgnoreCase(AUTHORIZATION)) {
          throw new InvalidConfigurationException(
              key, Hidden.VALUE, type + " authentication sets Authorization itself");
        }
        checked.put(name, value);
      }
      // Insertion order is kept so that a page lists the headers as the user entered them.
      return Collections.unmodifiableMap(checked);
    }

    private static boolean hasLineBreak(String value) {
      return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }
  }

  /** Stands for a secret in an error message, which may end up in a log. */
  private enum Hidden {
    VALUE;

    @Override
    public String toString() {
      return "(hidden)";
    }
  }
}
