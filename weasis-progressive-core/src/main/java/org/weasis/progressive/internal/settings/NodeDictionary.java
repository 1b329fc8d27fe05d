package org.weasis.progressive.internal.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.node.NodeConfig;
import org.weasis.progressive.api.node.NodeConfig.Authentication;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.RetrieveConfiguration;

/**
 * Maps a node to the flat properties of a ConfigAdmin configuration and back. Reading accepts what
 * consoles and configuration files write (typed values or their text, one string for a list) so that a
 * node edited anywhere reads the same, and names the offending property when a value is unusable.
 */
public final class NodeDictionary {
  public static final String NAME = "name";
  public static final String BASE_URL = "baseUrl";
  public static final String AUTH_TYPE = "authType";
  public static final String AUTH_USER = "authUser";
  public static final String AUTH_SECRET = "authSecret";
  /** Custom headers, one {@code Name: value} string each. */
  public static final String AUTH_HEADERS = "authHeaders";
  public static final String PROGRESSIVE = "progressive";
  public static final String STRATEGY = "strategy";
  public static final String PRESET = "preset";
  /** The retrieve configuration as Cornerstone3D JSON; absent or empty = the preset's. */
  public static final String RETRIEVE_CONFIGURATION = "retrieveConfiguration";
  public static final String MAX_CONNECTIONS = "maxConnections";
  public static final String CONNECT_TIMEOUT_MS = "connectTimeoutMs";
  public static final String STALL_TIMEOUT_MS = "stallTimeoutMs";
  public static final String REQUEST_TIMEOUT_MS = "requestTimeoutMs";
  public static final String VERIFY_TLS = "verifyTls";
  public static final String MAX_LOAD_BYTES = "maxLoadBytes";
  /** Bytes per second; 0 turns the rate check off. */
  public static final String MIN_TRANSFER_RATE = "minTransferRate";
  public static final String RATE_WINDOW_MS = "rateWindowMs";
  public static final String OTHER_ORIGINS_ALLOWED = "otherOriginsAllowed";

  /** Stands for a secret in a message that may reach a log. */
  private static final Verbatim HIDDEN = new Verbatim("(hidden)");

  private NodeDictionary() {}

  /**
   * The node a configuration describes.
   *
   * @param pid the configuration's PID, which becomes the node's id
   * @throws InvalidConfigurationException naming the property and its value
   */
  public static NodeConfig read(String pid, Dictionary<String, ?> properties) {
    Properties p = new Properties(properties);
    String baseUrl = p.text(BASE_URL);
    String name = p.text(NAME);
    return new NodeConfig(
        pid,
        name == null ? baseUrl : name,
        baseUrl,
        readAuthentication(p),
        p.bool(PROGRESSIVE, false),
        p.text(STRATEGY),
        p.text(PRESET),
        readRetrieveConfiguration(p.text(RETRIEVE_CONFIGURATION)),
        (int) p.number(MAX_CONNECTIONS, Integer.MIN_VALUE, Integer.MAX_VALUE, NodeSettings.DEFAULT_MAX_CONNECTIONS),
        p.millis(CONNECT_TIMEOUT_MS),
        p.millis(STALL_TIMEOUT_MS),
        p.millis(REQUEST_TIMEOUT_MS),
        p.bool(VERIFY_TLS, true),
        p.number(MAX_LOAD_BYTES, Long.MIN_VALUE, Long.MAX_VALUE, NodeSettings.DEFAULT_MAX_LOAD_BYTES),
        p.number(MIN_TRANSFER_RATE, Long.MIN_VALUE, Long.MAX_VALUE, NodeSettings.DEFAULT_MIN_TRANSFER_RATE),
        p.millis(RATE_WINDOW_MS),
        p.bool(OTHER_ORIGINS_ALLOWED, false));
  }

  /** The properties to store for a node; absent secrets are left out rather than stored empty. */
  public static Hashtable<String, Object> write(NodeConfig node) {
    Hashtable<String, Object> d = new Hashtable<>();
    d.put(NAME, node.name());
    d.put(BASE_URL, node.baseUrl());
    Authentication auth = node.authentication();
    d.put(AUTH_TYPE, auth.type().name());
    putIfSet(d, AUTH_USER, auth.user());
    putIfSet(d, AUTH_SECRET, auth.secret());
    if (!auth.headers().isEmpty()) {
      d.put(AUTH_HEADERS, auth.headers().entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue()).toArray(String[]::new));
    }
    d.put(PROGRESSIVE, node.progressive());
    d.put(STRATEGY, node.strategy());
    d.put(PRESET, node.preset());
    d.put(RETRIEVE_CONFIGURATION, node.retrieveConfiguration().toJson());
    d.put(MAX_CONNECTIONS, node.maxConnections());
    d.put(CONNECT_TIMEOUT_MS, node.connectTimeout().toMillis());
    d.put(STALL_TIMEOUT_MS, node.stallTimeout().toMillis());
    d.put(REQUEST_TIMEOUT_MS, node.requestTimeout().toMillis());
    d.put(VERIFY_TLS, node.verifyTls());
    d.put(MAX_LOAD_BYTES, node.maxLoadBytes());
    d.put(MIN_TRANSFER_RATE, node.minTransferRate());
    d.put(RATE_WINDOW_MS, node.rateWindow().toMillis());
    d.put(OTHER_ORIGINS_ALLOWED, node.otherOriginsAllowed());
    return d;
  }

  /** The warning for a stored configuration that cannot be used: the PID, the key and the value. */
  public static String skipWarning(String pid, InvalidConfigurationException e) {
    return "Skipping DICOMweb node configuration " + pid + ": property " + e.key() + " = " + e.value() + ": "
        + e.reason();
  }

  private static Authentication readAuthentication(Properties p) {
    String type = p.text(AUTH_TYPE);
    Authentication.Type parsed;
    try {
      parsed = type == null ? Authentication.Type.NONE : Authentication.Type.valueOf(type.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(AUTH_TYPE, type, "must be NONE, BASIC, BEARER or HEADERS");
    }
    try {
      return new Authentication(parsed, p.text(AUTH_USER), p.secretText(AUTH_SECRET), readHeaders(p));
    } catch (InvalidConfigurationException e) {
      throw renamed(e);
    }
  }

  private static Map<String, String> readHeaders(Properties p) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> lines = p.texts(AUTH_HEADERS);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int colon = line.indexOf(':');
      if (colon <= 0) {
        // The line holds a secret: name the entry, not its text.
        throw new InvalidConfigurationException(
            AUTH_HEADERS + "[" + i + "]", HIDDEN, "must be \"Name: value\"");
      }
      headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }
    return headers;
  }

  /** Authentication names its keys as in JSON; here the user edits flat properties. */
  private static InvalidConfigurationException renamed(InvalidConfigurationException e) {
    String key = e.key();
    String property = key.startsWith("authentication.headers") ? AUTH_HEADERS
        : key.equals("authentication.user") ? AUTH_USER
        : key.equals("authentication.secret") ? AUTH_SECRET
        : key;
    InvalidConfigurationException named =
        new InvalidConfigurationException(property, new Verbatim(e.value()), e.reason());
    named.initCause(e);
    return named;
  }

  private static RetrieveConfiguration readRetrieveConfiguration(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return RetrieveConfiguration.fromJson(json);
    } catch (InvalidConfigurationException e) {
      throw e.under(RETRIEVE_CONFIGURATION);
    }
  }

  private static void putIfSet(Dictionary<String, Object> d, String key, String value) {
    if (value != null) {
      d.put(key, value);
    }
  }

  /** A value already rendered by another exception: shown as it is, not quoted again. */
  private record Verbatim(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** Typed reads of one configuration's properties, each failure naming its key. */
  private record Properties(Dictionary<String, ?> d) {
    Object raw(String key) {
      return d.get(key);
    }

    String text(String key) {
      Object v = raw(key);
      if (v == null) {
        return null;
      }
      if (!(v instanceof String s)) {
        throw new InvalidConfigurationException(key, v, "must be text");
      }
      return s.isBlank() ? null : s;
    }

    /** Like {@link #text} without ever putting the value in a message. */
    String secretText(String key) {
      Object v = raw(key);
      if (v != null && !(v instanceof String)) {
        throw new InvalidConfigurationException(key, HIDDEN, "must be text");
      }
      return (String) v;
    }

    List<String> texts(String key) {
      Object v = raw(key);
      List<String> out = new ArrayList<>();
      if (v == null) {
        return out;
      }
      if (v instanceof String s) {
        out.add(s);
      } else if (v instanceof String[] array) {
        out.addAll(List.of(array));
      } else if (v instanceof Collection<?> c && c.stream().allMatch(String.class::isInstance)) {
        c.forEach(item -> out.add((String) item));
      } else {
        throw new InvalidConfigurationException(key, HIDDEN, "must be a list of text");
      }
      out.removeIf(String::isBlank);
      return out;
    }

    boolean bool(String key, boolean fallback) {
      Object v = raw(key);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      if (v instanceof String s && (s.strip().equalsIgnoreCase("true") || s.strip().equalsIgnoreCase("false"))) {
        return Boolean.parseBoolean(s.strip());
      }
      throw new InvalidConfigurationException(key, v, "must be true or false");
    }

    long number(String key, long min, long max, long fallback) {
      Object v = raw(key);
      if (v == null) {
        return fallback;
      }
      long n;
      if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
        n = ((Number) v).longValue();
      } else if (v instanceof String s) {
        try {
          n = Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
          throw new InvalidConfigurationException(key, v, "must be a whole number");
        }
      } else {
        throw new InvalidConfigurationException(key, v, "must be a whole number");
      }
      if (n < min || n > max) {
        throw new InvalidConfigurationException(key, v, "must be " + min + ".." + max);
      }
      return n;
    }

    Duration millis(String key) {
      return raw(key) == null ? null : Duration.ofMillis(number(key, 1, Long.MAX_VALUE / 1_000_000, 1));
    }
  }
}
