package org.weasis.progressive.internal.settings;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.osgi.util.converter.Converter;
import org.osgi.util.converter.Converters;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveConstants;
import org.weasis.progressive.api.RetrieveConfiguration;

/**
 * A node as the flat properties of one ConfigAdmin configuration, which {@link Config} describes. Reading
 * goes through the OSGi Converter into {@link Config}; writing follows the record's components by one
 * naming rule, so {@link NodeConfig} stays the only list of a node's fields (a test holds {@link Config}
 * to it). Values are accepted as consoles and configuration files write them (typed, or as text).
 */
public final class NodeProperties {
  public static final String FACTORY_PID = ProgressiveConstants.NODE_FACTORY_PID;

  /** A nested record's components are flattened under this prefix: authentication.user is authUser. */
  private static final String AUTH = "auth";
  /** A duration is stored in milliseconds under its name plus this suffix. */
  private static final String MILLIS = "Ms";
  /** Properties whose values are secrets: an error names them, never shows them. */
  private static final Set<String> SECRETS = Set.of("authSecret", "authHeaders");
  private static final Verbatim HIDDEN = new Verbatim("(hidden)");
  private static final Converter CONVERTER = Converters.standardConverter();

  /** The properties of one node, as Metatype shows them to a console; defaults are the record's. */
  @ObjectClassDefinition(
      id = FACTORY_PID,
      name = "DICOMweb node (progressive loading)",
      description = "One DICOMweb server Weasis loads images from, and how progressively.",
      factoryPid = FACTORY_PID)
  public @interface Config {
    @AttributeDefinition(name = "Name", description = "The node's name in lists")
    String name();

    @AttributeDefinition(name = "Base URL", description = "The DICOMweb root, for example http://127.0.0.1:8042/dicom-web")
    String baseUrl();

    @AttributeDefinition(name = "Authentication", description = "How requests authenticate", options = {
        @Option(label = "None", value = "NONE"),
        @Option(label = "Basic (user and password)", value = "BASIC"),
        @Option(label = "Bearer token", value = "BEARER"),
        @Option(label = "Custom headers only", value = "HEADERS")})
    String authType() default "NONE";

    @AttributeDefinition(name = "User", description = "The Basic authentication user", required = false)
    String authUser();

    @AttributeDefinition(name = "Password or token", description = "The Basic password or the Bearer token",
        type = AttributeType.PASSWORD, required = false)
    String authSecret();

    @AttributeDefinition(name = "Custom headers", description = "Headers sent to this node, one \"Name: value\" each",
        type = AttributeType.PASSWORD, required = false)
    String[] authHeaders();

    @AttributeDefinition(name = "Progressive loading", description = "Load series from this node progressively")
    boolean progressive() default false;

    @AttributeDefinition(name = "Strategy", description = "Order of the images within a stage", options = {
        @Option(label = "Sequential", value = "sequential"),
        @Option(label = "Interleaved", value = "interleaved"),
        @Option(label = "Nearest to the shown image first", value = "nearest")})
    String strategy() default NodeConfig.DEFAULT_STRATEGY;

    @AttributeDefinition(name = "Preset", description = "The stages of the retrieve configuration", options = {
        @Option(label = "Single", value = "single"),
        @Option(label = "Sequential", value = "sequential"),
        @Option(label = "Interleaved", value = "interleaved"),
        @Option(label = "Custom", value = "custom")})
    String preset() default NodeConfig.DEFAULT_PRESET;

    @AttributeDefinition(name = "Retrieve configuration",
        description = "Cornerstone3D JSON {stages, retrieveOptions}; empty for the preset's own", required = false)
    String retrieveConfiguration();

    @AttributeDefinition(name = "Connections", description = "Requests in flight to this node at once", min = "1", max = "64")
    int maxConnections() default NodeConfig.DEFAULT_MAX_CONNECTIONS;

    @AttributeDefinition(name = "Connect timeout (ms)", description = "Time allowed to open a connection", min = "1")
    long connectTimeoutMs() default NodeConfig.DEFAULT_CONNECT_TIMEOUT_MS;

    @AttributeDefinition(name = "Stall timeout (ms)", description = "Longest time without a byte", min = "1")
    long stallTimeoutMs() default NodeConfig.DEFAULT_STALL_TIMEOUT_MS;

    @AttributeDefinition(name = "Request timeout (ms)", description = "Longest time one request may take", min = "1")
    long requestTimeoutMs() default NodeConfig.DEFAULT_REQUEST_TIMEOUT_MS;

    @AttributeDefinition(name = "Verify TLS", description = "Turn off only for a test server with a self-signed certificate")
    boolean verifyTls() default true;

    @AttributeDefinition(name = "Load budget (bytes)",
        description = "Frame bytes one load may hold at once; a frame that goes over fails", min = "1")
    long maxLoadBytes() default NodeConfig.DEFAULT_MAX_LOAD_BYTES;

    @AttributeDefinition(name = "Minimum transfer rate (bytes/s)",
        description = "A response slower than this over the rate window fails; 0 turns the check off", min = "0")
    long minTransferRate() default NodeConfig.DEFAULT_MIN_TRANSFER_RATE;

    @AttributeDefinition(name = "Rate window (ms)", description = "The window the transfer rate is measured over",
        min = "1")
    long rateWindowMs() default NodeConfig.DEFAULT_RATE_WINDOW_MS;

    @AttributeDefinition(name = "Allow frames from other origins",
        description = "Fetch frame URLs the metadata places on another server (never with this node's headers)")
    boolean otherOriginsAllowed() default false;

    @AttributeDefinition(name = "Retries",
        description = "Retries of a request after a connection error or a 503", min = "0", max = "10")
    int maxRetries() default NodeConfig.DEFAULT_MAX_RETRIES;

    @AttributeDefinition(name = "Retry backoff (ms)",
        description = "Wait before the first retry, doubled for each next one", min = "1")
    long retryBackoffMs() default NodeConfig.DEFAULT_RETRY_BACKOFF_MS;

    @AttributeDefinition(name = "Frame limit (bytes)", description = "A frame larger than this fails", min = "1")
    long maxFrameBytes() default NodeConfig.DEFAULT_MAX_FRAME_BYTES;
  }

  private NodeProperties() {}

  /** The node a ConfigAdmin configuration describes; the PID becomes its id. */
  public static NodeConfig fromConfiguration(String pid, Dictionary<String, ?> properties) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String key : Collections.list(properties.keys())) {
      map.put(key, properties.get(key));
    }
    return read(pid, map);
  }

  /**
   * The node these properties describe; an absent property takes its default.
   *
   * @throws InvalidConfigurationException naming the property and its value
   */
  public static NodeConfig read(String id, Map<String, ?> given) {
    Map<String, Object> properties = new LinkedHashMap<>();
    // Text as a console or a file writes it may be padded; secrets are kept as entered.
    given.forEach((key, value) ->
        properties.put(key, value instanceof String s && !SECRETS.contains(key) ? s.strip() : value));
    for (Method attribute : Config.class.getDeclaredMethods()) {
      checkType(attribute, properties.get(attribute.getName()));
      // The Converter fails on an absent attribute without a default; DS gives null, and so do we.
      properties.putIfAbsent(attribute.getName(), attribute.getDefaultValue());
    }
    Config c = CONVERTER.convert(properties).to(Config.class);
    try {
      return NodeConfig.builder()
          .id(id)
          .name(orNull(c.name()))
          .baseUrl(c.baseUrl())
          .authentication(authentication(c))
          .progressive(c.progressive())
          .strategy(orNull(c.strategy()))
          .retrieveConfiguration(orNull(c.preset()), retrieveConfiguration(c.retrieveConfiguration()))
          .maxConnections(c.maxConnections())
          .connectTimeout(Duration.ofMillis(c.connectTimeoutMs()))
          .stallTimeout(Duration.ofMillis(c.stallTimeoutMs()))
          .requestTimeout(Duration.ofMillis(c.requestTimeoutMs()))
          .verifyTls(c.verifyTls())
          .maxLoadBytes(c.maxLoadBytes())
          .minTransferRate(c.minTransferRate())
          .rateWindow(Duration.ofMillis(c.rateWindowMs()))
          .otherOriginsAllowed(c.otherOriginsAllowed())
          .maxRetries(c.maxRetries())
          .retryBackoff(Duration.ofMillis(c.retryBackoffMs()))
          .maxFrameBytes(c.maxFrameBytes())
          .build();
    } catch (InvalidConfigurationException e) {
      String property = propertyOf(e.key());
      // A duration is named with its suffix and the value as given.
      throw properties.containsKey(property + MILLIS)
          ? renamed(e, property + MILLIS, properties.get(property + MILLIS))
          : renamed(e, property, new Verbatim(e.value()));
    }
  }

  /**
   * The properties of a node, one per record component (the id, being the PID, is left out): a duration
   * in milliseconds under name + "Ms", the retrieve configuration as Cornerstone3D JSON, the
   * authentication's components under "auth" + Name, its headers as "Name: value" lines. An absent
   * secret is left out rather than stored empty.
   */
  public static Map<String, Object> write(NodeConfig node) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (RecordComponent component : NodeConfig.class.getRecordComponents()) {
      if (component.getName().equals("id")) {
        continue;
      }
      Object value = valueOf(component, node);
      if (value instanceof Authentication auth) {
        for (RecordComponent part : Authentication.class.getRecordComponents()) {
          put(properties, AUTH + capitalized(part.getName()), property(valueOf(part, auth)));
        }
      } else {
        put(properties, component.getName() + (value instanceof Duration ? MILLIS : ""), property(value));
      }
    }
    return properties;
  }

  /** The flat property a nested key is stored under: authentication.user is authUser. */
  static String propertyOf(String nestedKey) {
    String authentication = "authentication.";
    if (!nestedKey.startsWith(authentication)) {
      return nestedKey;
    }
    String rest = nestedKey.substring(authentication.length());
    int dot = rest.indexOf('.');
    return AUTH + capitalized(dot < 0 ? rest : rest.substring(0, dot)); // headers.X-Key: the header lines
  }

  /** The nested key a flat property stands for: authUser is authentication.user. */
  static String nestedKeyOf(String property) {
    if (property.length() <= AUTH.length() || !property.startsWith(AUTH)
        || !Character.isUpperCase(property.charAt(AUTH.length()))) {
      return property;
    }
    String rest = property.substring(AUTH.length());
    return "authentication." + Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }

  /** The warning for a stored configuration that cannot be used: the PID, the key and the value. */
  public static String skipWarning(String pid, InvalidConfigurationException e) {
    return "Skipping DICOMweb node configuration " + pid + ": property " + e.key() + " = " + e.value() + ": "
        + e.reason();
  }

  private static Object property(Object value) {
    if (value instanceof Duration d) {
      return d.toMillis();
    }
    if (value instanceof RetrieveConfiguration configuration) {
      return configuration.toJson();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Map<?, ?> headers) {
      return headers.isEmpty() ? null : headers.entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue()).toArray(String[]::new);
    }
    return value;
  }

  private static void put(Map<String, Object> properties, String key, Object value) {
    if (value != null) {
      properties.put(key, value);
    }
  }

  private static Object valueOf(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + component + " of a public record", e);
    }
  }

  /** Stricter than the Converter, which would read "yes" as false and 2.5 as 2: such a value is named. */
  private static void checkType(Method attribute, Object value) {
    String reason = value == null ? null : typeError(attribute.getReturnType(), value);
    if (reason != null) {
      String key = attribute.getName();
      throw new InvalidConfigurationException(key, SECRETS.contains(key) ? HIDDEN : value, reason);
    }
  }

  /** Why {@code value} cannot be a {@code type} (the types {@link Config} uses), or null. */
  private static String typeError(Class<?> type, Object value) {
    if (type == boolean.class) {
      return value instanceof Boolean || value instanceof String s && isBoolean(s) ? null : "must be true or false";
    }
    if (type == String.class) {
      return value instanceof String ? null : "must be text";
    }
    if (type == String[].class) {
      boolean texts = value instanceof String || value instanceof String[]
          || value instanceof Collection<?> c && c.stream().allMatch(String.class::isInstance);
      return texts ? null : "must be a list of text";
    }
    return isWholeNumber(value, type) ? null : "must be a whole number";
  }

  private static boolean isBoolean(String text) {
    return text.strip().equalsIgnoreCase("true") || text.strip().equalsIgnoreCase("false");
  }

  private static boolean isWholeNumber(Object value, Class<?> type) {
    if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof String)) {
      return false;
    }
    try {
      CONVERTER.convert(value).to(type);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Authentication authentication(Config c) {
    String type = orNull(c.authType());
    Authentication.Type parsed;
    try {
      parsed = type == null ? Authentication.Type.NONE
          : Authentication.Type.valueOf(type.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("authentication.type", type, "must be NONE, BASIC, BEARER or HEADERS");
    }
    return new Authentication(parsed, orNull(c.authUser()), c.authSecret(), headers(c.authHeaders()));
  }

  private static Map<String, String> headers(String[] lines) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> given = lines == null ? List.of() : List.of(lines).stream().filter(l -> !l.isBlank()).toList();
    for (int i = 0; i < given.size(); i++) {
      String line = given.get(i);
      int colon = line.indexOf(':');
      if (colon <= 0) {
        // The line holds a secret: name the entry, not its text.
        throw new InvalidConfigurationException("authentication.headers[" + i + "]", HIDDEN, "must be \"Name: value\"");
      }
      headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }
    return headers;
  }

  private static RetrieveConfiguration retrieveConfiguration(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return RetrieveConfiguration.fromJson(json);
    } catch (InvalidConfigurationException e) {
      throw e.under("retrieveConfiguration");
    }
  }

  /** The same error named {@code key}: a flat property, or in a document its nested key. */
  static InvalidConfigurationException renamed(InvalidConfigurationException e, String key) {
    return renamed(e, key, new Verbatim(e.value()));
  }

  private static InvalidConfigurationException renamed(InvalidConfigurationException e, String key, Object value) {
    if (key.equals(e.key())) {
      return e;
    }
    InvalidConfigurationException named = new InvalidConfigurationException(key, value, e.reason());
    named.initCause(e);
    return named;
  }

  private static String orNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** A value already rendered by another exception: shown as it is, not quoted again. */
  private record Verbatim(String text) {
    @Override
    public String toString() {
      return text;
    }
  }
}
