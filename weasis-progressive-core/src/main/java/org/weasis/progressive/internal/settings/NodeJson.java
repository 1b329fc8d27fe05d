package org.weasis.progressive.internal.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;

/**
 * Node settings as a JSON document a user can keep, share or hand to another machine: the retrieve
 * configuration inside in Cornerstone3D's shape, secrets only when asked for. The document is the
 * {@link NodeProperties} of each node with the authentication as an object, and reads back through them,
 * so ConfigAdmin and JSON take the same values with the same checks; an error names the node and key
 * ({@code nodes[1].authentication.type}).
 */
public final class NodeJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String AUTHENTICATION = "authentication";
  private static final String HEADERS = "headers";
  private static final String SECRET = "secret";
  private static final String RETRIEVE_CONFIGURATION = "retrieveConfiguration";
  private static final Set<String> ROOT_KEYS = Set.of("nodes", "secretsIncluded");
  /** The properties' keys, the authentication's nested as in the document, and the id. */
  private static final Set<String> NODE_KEYS = Stream.concat(Stream.of("id"),
          Arrays.stream(NodeProperties.Config.class.getDeclaredMethods())
              .map(m -> NodeProperties.nestedKeyOf(m.getName()).split("\\.")[0]))
      .collect(Collectors.toUnmodifiableSet());
  private static final Set<String> AUTH_KEYS = Arrays.stream(Authentication.class.getRecordComponents())
      .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());
  private static final String HIDDEN = "(hidden)";
  /**
   * Keys added after the 2026-12 document. Releases before them refuse unknown keys, so an export writes
   * them only when they differ from their defaults: a node that does not use them still imports there.
   */
  private static final Set<String> LATER_KEYS = Set.of("maxRetries", "retryBackoffMs", "maxFrameBytes");

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
   * The nodes of a document. A secret left out reads as not entered (null secret, empty header value);
   * a key left out (an export older than the key) takes its default.
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
    return imported.toBuilder().authentication(new Authentication(in.type(), in.user(), secret, headers)).build();
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
    NodeProperties.write(node).forEach((property, value) -> {
      String key = NodeProperties.nestedKeyOf(property);
      if (LATER_KEYS.contains(key) && value.equals(defaultOf(key))) {
        return;
      }
      if (key.startsWith(AUTHENTICATION + ".")) {
        ObjectNode a = n.has(AUTHENTICATION) ? (ObjectNode) n.get(AUTHENTICATION) : n.putObject(AUTHENTICATION);
        writeAuthentication(a, key.substring(AUTHENTICATION.length() + 1), value, includeSecrets);
      } else if (key.equals(RETRIEVE_CONFIGURATION)) {
        n.set(key, tree((String) value));
      } else {
        n.set(key, MAPPER.valueToTree(value));
      }
    });
    return n;
  }

  /** The Metatype default of a node property (a boxed number or boolean, as the store writes it). */
  private static Object defaultOf(String property) {
    try {
      return NodeProperties.Config.class.getDeclaredMethod(property).getDefaultValue();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("No node property " + property, e);
    }
  }

  /** One authentication property; header lines become an object whose values are null without secrets. */
  private static void writeAuthentication(ObjectNode a, String key, Object value, boolean includeSecrets) {
    if (key.equals(HEADERS)) {
      ObjectNode headers = a.putObject(HEADERS);
      for (String line : (String[]) value) {
        int colon = line.indexOf(':');
        String headerValue = line.substring(colon + 1).strip();
        if (includeSecrets && !headerValue.isEmpty()) {
          headers.put(line.substring(0, colon), headerValue);
        } else {
          headers.putNull(line.substring(0, colon));
        }
      }
    } else if (includeSecrets || !key.equals(SECRET)) {
      a.set(key, MAPPER.valueToTree(value));
    }
  }

  private static NodeConfig readNode(JsonNode n, String path) {
    requireObject(n, path);
    checkKeys(n, path + ".", NODE_KEYS);
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : n.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equals(AUTHENTICATION)) {
        readAuthentication(value, path + "." + key, properties);
      } else if (key.equals(RETRIEVE_CONFIGURATION) && !value.isNull()) {
        requireObject(value, path + "." + key);
        properties.put(key, value.toString());
      } else if (!key.equals("id")) {
        properties.put(key, scalar(value));
      }
    }
    JsonNode id = n.get("id");
    if (id != null && !id.isNull() && !id.isTextual()) {
      throw new InvalidConfigurationException(path + ".id", id, "must be a string");
    }
    try {
      return NodeProperties.read(id == null ? null : id.textValue(), properties);
    } catch (InvalidConfigurationException e) {
      throw NodeProperties.renamed(e, NodeProperties.nestedKeyOf(e.key())).under(path);
    }
  }

  /** The authentication object as its flat properties. */
  private static void readAuthentication(JsonNode a, String path, Map<String, Object> properties) {
    if (a.isNull()) {
      return;
    }
    requireObject(a, path);
    checkKeys(a, path + ".", AUTH_KEYS);
    for (Map.Entry<String, JsonNode> field : a.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      String property = NodeProperties.propertyOf(AUTHENTICATION + "." + key);
      if (key.equals(HEADERS)) {
        properties.put(property, headerLines(value, path + "." + key));
      } else if (key.equals(SECRET) && !value.isNull() && !value.isTextual()) {
        throw new InvalidConfigurationException(path + "." + key, HIDDEN, "must be a string");
      } else {
        properties.put(property, scalar(value));
      }
    }
  }

  /** Headers as the "Name: value" lines the properties keep; a null value (not exported) is empty. */
  private static List<String> headerLines(JsonNode h, String path) {
    List<String> lines = new ArrayList<>();
    if (h.isNull()) {
      return lines;
    }
    requireObject(h, path);
    for (Map.Entry<String, JsonNode> e : h.properties()) {
      JsonNode value = e.getValue();
      if (!value.isNull() && !value.isTextual()) {
        throw new InvalidConfigurationException(path + "." + e.getKey(), HIDDEN, "must be a string or null");
      }
      lines.add(e.getKey() + ": " + (value.isNull() ? "" : value.textValue()));
    }
    return lines;
  }

  /** A JSON value as the Java value a configuration property holds; anything else as itself, to be named. */
  private static Object scalar(JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    return value;
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A retrieve configuration wrote JSON it cannot read", e);
    }
  }

  private static void requireObject(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new InvalidConfigurationException(path, node, "must be an object");
    }
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
