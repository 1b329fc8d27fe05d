package org.weasis.progressive.internal.settings;

import static org.weasis.progressive.internal.config.JsonFields.integer;
import static org.weasis.progressive.internal.config.JsonFields.requireObject;
import static org.weasis.progressive.internal.config.JsonFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.node.NodeConfig;
import org.weasis.progressive.api.node.NodeConfig.Authentication;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.internal.config.ConfigurationJson;
import org.weasis.progressive.internal.config.JsonFields;

/**
 * Node settings as a JSON document a user can keep, share or hand to another machine: the retrieve
 * configuration inside in Cornerstone3D's shape, secrets only when asked for. Reading walks the tree by
 * hand so that an error names the node and key ({@code nodes[1].authentication.type}).
 */
public final class NodeJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> ROOT_KEYS = Set.of("nodes", "secretsIncluded");
  private static final Set<String> NODE_KEYS = Set.of("id", "name", "baseUrl", "authentication", "progressive",
      "strategy", "preset", "retrieveConfiguration", "maxConnections", "connectTimeoutMs", "stallTimeoutMs",
      "requestTimeoutMs", "verifyTls", "maxLoadBytes", "minTransferRate", "rateWindowMs", "otherOriginsAllowed");
  private static final Set<String> AUTH_KEYS = Set.of("type", "user", "secret", "headers");
  private static final String HIDDEN = "(hidden)";

  private NodeJson() {}

  /**
   * The document for these nodes.
   *
   * @param includeSecrets false writes no secret and each custom header with a null value
   */
  public static String write(List<NodeConfig> nodes, boolean includeSecrets) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("secretsIncluded", includeSecrets);
    ArrayNode array = root.putArray("nodes");
    nodes.forEach(node -> array.add(writeNode(node, includeSecrets)));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a JSON tree built here", e);
    }
  }

  /**
   * The nodes of a document. A secret left out reads as not entered (null secret, empty header value).
   *
   * @throws InvalidConfigurationException naming the node and key
   */
  public static List<NodeConfig> read(String json) {
    JsonNode root;
    try {
      root = json == null ? null : MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigurationException("json", abbreviate(json), "not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidConfigurationException("json", abbreviate(json), "must be an object with a \"nodes\" array");
    }
    checkKeys(root, "", ROOT_KEYS);
    JsonNode array = root.get("nodes");
    if (array == null || !array.isArray()) {
      throw new InvalidConfigurationException("nodes", array, "must be an array of nodes");
    }
    List<NodeConfig> nodes = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String path = "nodes[" + i + "]";
      try {
        nodes.add(readNode(array.get(i), path));
      } catch (InvalidConfigurationException e) {
        throw e.key().startsWith(path) ? e : e.under(path);
      }
    }
    return nodes;
  }

  /**
   * The imported node, with each secret it lacks taken from the stored node (same id), so that exporting
   * without secrets and importing back on the same machine keeps them — but only while the node still
   * points at the origin the secrets were stored for: an export whose URL was edited to another scheme,
   * host or port must not hand that server the stored credentials.
   */
  public static NodeConfig keepStoredSecrets(NodeConfig imported, NodeConfig stored) {
    Authentication in = imported.authentication();
    Authentication kept = stored.authentication();
    if (!in.lacksSecrets() || !sameOrigin(imported.baseUrl(), stored.baseUrl())) {
      return imported;
    }
    String secret = in.secret() == null && in.type() == kept.type() ? kept.secret() : in.secret();
    Map<String, String> headers = new LinkedHashMap<>(in.headers());
    headers.replaceAll((name, value) -> value.isEmpty() ? kept.headers().getOrDefault(name, "") : value);
    return imported.withAuthentication(new Authentication(in.type(), in.user(), secret, headers));
  }

  /** Scheme, host and port equal, a missing port being the scheme's default. */
  public static boolean sameOrigin(String url, String other) {
    return origin(url).equals(origin(other));
  }

  private static String origin(String url) {
    URI u = URI.create(url);
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort() != -1 ? u.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }

  private static ObjectNode writeNode(NodeConfig node, boolean includeSecrets) {
    ObjectNode n = MAPPER.createObjectNode();
    if (node.id() != null) {
      n.put("id", node.id());
    }
    n.put("name", node.name());
    n.put("baseUrl", node.baseUrl());
    n.set("authentication", writeAuthentication(node.authentication(), includeSecrets));
    n.put("progressive", node.progressive());
    n.put("strategy", node.strategy());
    n.put("preset", node.preset());
    n.set("retrieveConfiguration", ConfigurationJson.toTree(node.retrieveConfiguration()));
    n.put("maxConnections", node.maxConnections());
    n.put("connectTimeoutMs", node.connectTimeout().toMillis());
    n.put("stallTimeoutMs", node.stallTimeout().toMillis());
    n.put("requestTimeoutMs", node.requestTimeout().toMillis());
    n.put("verifyTls", node.verifyTls());
    n.put("maxLoadBytes", node.maxLoadBytes());
    n.put("minTransferRate", node.minTransferRate());
    n.put("rateWindowMs", node.rateWindow().toMillis());
    n.put("otherOriginsAllowed", node.otherOriginsAllowed());
    return n;
  }

  private static ObjectNode writeAuthentication(Authentication auth, boolean includeSecrets) {
    ObjectNode a = MAPPER.createObjectNode();
    a.put("type", auth.type().name());
    if (auth.user() != null) {
      a.put("user", auth.user());
    }
    if (includeSecrets && auth.secret() != null) {
      a.put("secret", auth.secret());
    }
    if (!auth.headers().isEmpty()) {
      ObjectNode headers = a.putObject("headers");
      auth.headers().forEach((name, value) -> {
        if (includeSecrets && !value.isEmpty()) {
          headers.put(name, value);
        } else {
          headers.putNull(name);
        }
      });
    }
    return a;
  }

  private static NodeConfig readNode(JsonNode n, String path) {
    requireObject(n, path);
    checkKeys(n, path + ".", NODE_KEYS);
    Integer connections = integer(n, "maxConnections", path);
    return new NodeConfig(
        text(n, "id", path),
        text(n, "name", path),
        text(n, "baseUrl", path),
        readAuthentication(n.get("authentication"), path + ".authentication"),
        bool(n, "progressive", path, false),
        text(n, "strategy", path),
        text(n, "preset", path),
        readRetrieveConfiguration(n.get("retrieveConfiguration"), path + ".retrieveConfiguration"),
        connections == null ? NodeSettings.DEFAULT_MAX_CONNECTIONS : connections,
        millis(n, "connectTimeoutMs", path),
        millis(n, "stallTimeoutMs", path),
        millis(n, "requestTimeoutMs", path),
        bool(n, "verifyTls", path, true),
        wholeNumber(n, "maxLoadBytes", path, NodeSettings.DEFAULT_MAX_LOAD_BYTES),
        wholeNumber(n, "minTransferRate", path, NodeSettings.DEFAULT_MIN_TRANSFER_RATE),
        millis(n, "rateWindowMs", path),
        bool(n, "otherOriginsAllowed", path, false));
  }

  private static Authentication readAuthentication(JsonNode a, String path) {
    if (a == null || a.isNull()) {
      return Authentication.none();
    }
    requireObject(a, path);
    checkKeys(a, path + ".", AUTH_KEYS);
    String type = text(a, "type", path);
    Authentication.Type parsed;
    try {
      parsed = type == null ? Authentication.Type.NONE : Authentication.Type.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(path + ".type", type, "must be NONE, BASIC, BEARER or HEADERS");
    }
    JsonNode secret = a.get("secret");
    if (secret != null && !secret.isNull() && !secret.isTextual()) {
      throw new InvalidConfigurationException(path + ".secret", HIDDEN, "must be a string");
    }
    return new Authentication(parsed, text(a, "user", path), secret == null ? null : secret.textValue(),
        readHeaders(a.get("headers"), path + ".headers"));
  }

  private static Map<String, String> readHeaders(JsonNode h, String path) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (h == null || h.isNull()) {
      return headers;
    }
    requireObject(h, path);
    for (Map.Entry<String, JsonNode> e : h.properties()) {
      JsonNode value = e.getValue();
      if (!value.isNull() && !value.isTextual()) {
        throw new InvalidConfigurationException(path + "." + e.getKey(), HIDDEN, "must be a string or null");
      }
      headers.put(e.getKey(), value.isNull() ? "" : value.textValue());
    }
    return headers;
  }

  private static RetrieveConfiguration readRetrieveConfiguration(JsonNode c, String path) {
    if (c == null || c.isNull()) {
      return null;
    }
    requireObject(c, path);
    try {
      return ConfigurationJson.fromTree(c);
    } catch (InvalidConfigurationException e) {
      throw e.under(path);
    }
  }

  private static Duration millis(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
      throw new InvalidConfigurationException(path + "." + field, v, "must be a positive number of milliseconds");
    }
    return Duration.ofMillis(v.longValue());
  }

  /** An absent key (an export older than the key) takes the default; the node checks the range. */
  private static long wholeNumber(JsonNode node, String field, String path, long fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidConfigurationException(path + "." + field, v, "must be a whole number");
    }
    return v.longValue();
  }

  private static boolean bool(JsonNode node, String field, String path, boolean fallback) {
    Boolean value = JsonFields.bool(node, field, path);
    return value == null ? fallback : value;
  }

  private static void checkKeys(JsonNode node, String prefix, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        // The value of a mistyped key may be a secret ("secrets": ...): name the key only.
        throw new InvalidConfigurationException(
            prefix + key, HIDDEN, "unknown key (known: " + known.stream().sorted().toList() + ")");
      }
    }
  }

  private static String abbreviate(String json) {
    if (json == null) {
      return null;
    }
    // Never echo a document that may hold secrets: its length says enough to find it.
    return "(" + json.length() + " characters)";
  }
}
