package org.weasis.progressive.internal.config;

import static org.weasis.progressive.internal.config.JsonFields.bool;
import static org.weasis.progressive.internal.config.JsonFields.integer;
import static org.weasis.progressive.internal.config.JsonFields.requireObject;
import static org.weasis.progressive.internal.config.JsonFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NearbyFrame;
import org.weasis.progressive.api.RequestType;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;

/**
 * Reads and writes retrieve configurations in Cornerstone3D's JSON shape. Reading walks the tree by
 * hand rather than binding, so that every error names the path of the offending key and its value.
 */
public final class ConfigurationJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final Set<String> STAGE_KEYS =
      Set.of("id", "retrieveType", "positions", "decimate", "offset", "priority", "requestType",
          "nearbyFrames");
  private static final Set<String> OPTION_KEYS =
      Set.of("framesPath", "urlArguments", "accept", "decodeLevel", "imageQualityStatus", "status",
          "streaming", "rangeIndex", "chunkSize", "initialChunkSize", "transferSyntaxes",
          "transferSyntaxUID");
  /**
   * Cornerstone3D keys that change nothing here; accepted so its configurations load as they are.
   * {@code minChunkSize} spaces its streaming decodes by byte count; ours follow the codestream's
   * resolution levels instead.
   */
  private static final Set<String> IGNORED_OPTION_KEYS =
      Set.of("cacheKey", "isLossy", "needsScale", "minChunkSize");

  private ConfigurationJson() {}

  public static RetrieveConfiguration read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigurationException(
          "json", abbreviate(json), "not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidConfigurationException("json", abbreviate(json), "must be a JSON object");
    }
    return fromTree(root);
  }

  /**
   * Reads a configuration already parsed, for documents that embed one (node exports); error keys are
   * relative to {@code root}.
   */
  public static RetrieveConfiguration fromTree(JsonNode root) {
    requireObject(root, "retrieveConfiguration");
    checkKeys(root, "", Set.of("stages", "retrieveOptions"), Set.of());
    List<RetrieveStage> stages = readStages(root.get("stages"));
    Map<String, RetrieveOptions> options = new LinkedHashMap<>();
    JsonNode optionsNode = root.get("retrieveOptions");
    if (optionsNode != null && !optionsNode.isNull()) {
      requireObject(optionsNode, "retrieveOptions");
      for (Map.Entry<String, JsonNode> e : optionsNode.properties()) {
        options.put(e.getKey(), readOptions(e.getValue(), "retrieveOptions." + e.getKey(), true));
      }
    }
    return new RetrieveConfiguration(stages, options);
  }

  public static String write(RetrieveConfiguration configuration) {
    try {
      return MAPPER.writeValueAsString(toTree(configuration));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a JSON tree built here", e);
    }
  }

  /** The configuration as a JSON tree, for documents that embed one. */
  public static ObjectNode toTree(RetrieveConfiguration configuration) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode stages = root.putArray("stages");
    for (RetrieveStage stage : configuration.stages()) {
      stages.add(writeStage(stage));
    }
    ObjectNode options = root.putObject("retrieveOptions");
    configuration.retrieveOptions().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> options.set(e.getKey(), writeOptions(e.getValue())));
    return root;
  }

  /**
   * The stages, or without any Cornerstone3D's default for a stack: the single preset, one stage of
   * retrieveType {@code single} (whose options fall back to {@code default}).
   */
  private static List<RetrieveStage> readStages(JsonNode stagesNode) {
    if (stagesNode == null || stagesNode.isNull()) {
      return RetrieveConfiguration.single().stages();
    }
    if (!stagesNode.isArray()) {
      throw new InvalidConfigurationException("stages", stagesNode, "must be an array of stages");
    }
    List<RetrieveStage> stages = new ArrayList<>();
    for (int i = 0; i < stagesNode.size(); i++) {
      stages.add(readStage(stagesNode.get(i), "stages[" + i + "]"));
    }
    return stages;
  }

  private static RetrieveStage readStage(JsonNode node, String path) {
    requireObject(node, path);
    checkKeys(node, path + ".", STAGE_KEYS, Set.of());
    String id = text(node, "id", path);
    if (id == null) {
      throw new InvalidConfigurationException(path + ".id", null, "a stage needs an id");
    }
    List<Double> positions = null;
    JsonNode p = node.get("positions");
    if (p != null && !p.isNull()) {
      if (!p.isArray()) {
        throw new InvalidConfigurationException(path + ".positions", p, "must be an array of numbers");
      }
      positions = new ArrayList<>();
      for (int i = 0; i < p.size(); i++) {
        if (!p.get(i).isNumber()) {
          throw new InvalidConfigurationException(
              path + ".positions[" + i + "]", p.get(i), "must be a number");
        }
        positions.add(p.get(i).doubleValue());
      }
    }
    Integer decimate = integer(node, "decimate", path);
    Integer offset = integer(node, "offset", path);
    Integer priority = integer(node, "priority", path);
    String requestType = text(node, "requestType", path);
    try {
      return new RetrieveStage(
          id,
          text(node, "retrieveType", path),
          positions,
          decimate == null ? 1 : decimate,
          offset == null ? 0 : offset,
          priority == null ? RetrieveStage.DEFAULT_PRIORITY : priority,
          requestType == null ? null : parse(path + ".requestType", requestType, ConfigurationJson::requestType),
          readNearby(node.get("nearbyFrames"), path + ".nearbyFrames"));
    } catch (InvalidConfigurationException e) {
      throw prefixed(path, e);
    }
  }

  /** Cornerstone3D's queues; its {@code compute} queue, the last one, is our prefetch queue. */
  private static RequestType requestType(String name) {
    return "compute".equalsIgnoreCase(name.trim()) ? RequestType.PREFETCH : RequestType.parse(name);
  }

  private static List<NearbyFrame> readNearby(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidConfigurationException(path, node, "must be an array of {offset, imageQualityStatus}");
    }
    List<NearbyFrame> nearby = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String itemPath = path + "[" + i + "]";
      JsonNode item = node.get(i);
      requireObject(item, itemPath);
      checkKeys(item, itemPath + ".", Set.of("offset", "imageQualityStatus"), Set.of());
      Integer offset = integer(item, "offset", itemPath);
      if (offset == null) {
        throw new InvalidConfigurationException(itemPath, item, "needs an offset");
      }
      // Cornerstone3D's status is optional here; a copy without one is the lowest placeholder.
      ImageQualityStatus status = status(item, "imageQualityStatus", itemPath);
      nearby.add(new NearbyFrame(offset, status == null ? ImageQualityStatus.FAR_REPLICATE : status));
    }
    return nearby;
  }

  private static RetrieveOptions readOptions(JsonNode node, String path, boolean allowNested) {
    requireObject(node, path);
    checkKeys(node, path + ".", OPTION_KEYS, IGNORED_OPTION_KEYS);
    Map<String, RetrieveOptions> bySyntax = new LinkedHashMap<>();
    JsonNode nested = node.get("transferSyntaxes");
    if (nested != null && !nested.isNull()) {
      if (!allowNested) {
        throw new InvalidConfigurationException(path + ".transferSyntaxes", nested, "cannot be nested");
      }
      requireObject(nested, path + ".transferSyntaxes");
      for (Map.Entry<String, JsonNode> e : nested.properties()) {
        bySyntax.put(
            e.getKey(), readOptions(e.getValue(), path + ".transferSyntaxes." + e.getKey(), false));
      }
    }
    String accept = text(node, "accept", path);
    String requestedSyntax = text(node, "transferSyntaxUID", path);
    if (accept == null && requestedSyntax != null) {
      accept = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=" + requestedSyntax;
    }
    try {
      return RetrieveOptions.builder()
          .framesPath(text(node, "framesPath", path))
          .urlArguments(text(node, "urlArguments", path))
          .accept(accept)
          .decodeLevel(integer(node, "decodeLevel", path))
          .imageQualityStatus(sameValue(path, "imageQualityStatus", status(node, "imageQualityStatus", path),
              "status", status(node, "status", path)))
          .streaming(bool(node, "streaming", path))
          .rangeIndex(integer(node, "rangeIndex", path))
          .chunkSize(sameValue(path, "chunkSize", integer(node, "chunkSize", path),
              "initialChunkSize", integer(node, "initialChunkSize", path)))
          .transferSyntaxes(bySyntax)
          .build();
    } catch (InvalidConfigurationException e) {
      throw prefixed(path, e);
    }
  }

  private static ObjectNode writeStage(RetrieveStage stage) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", stage.id());
    n.put("retrieveType", stage.retrieveType());
    if (stage.positions() != null) {
      ArrayNode positions = n.putArray("positions");
      stage.positions().forEach(positions::add);
    } else {
      n.put("decimate", stage.decimate());
      n.put("offset", stage.offset());
    }
    n.put("priority", stage.priority());
    n.put("requestType", stage.requestType().jsonName());
    if (!stage.nearbyFrames().isEmpty()) {
      ArrayNode nearby = n.putArray("nearbyFrames");
      for (NearbyFrame f : stage.nearbyFrames()) {
        nearby.addObject().put("offset", f.offset()).put("imageQualityStatus", f.status().value());
      }
    }
    return n;
  }

  private static ObjectNode writeOptions(RetrieveOptions o) {
    ObjectNode n = MAPPER.createObjectNode();
    putIfSet(n, "framesPath", o.framesPath());
    putIfSet(n, "urlArguments", o.urlArguments());
    putIfSet(n, "accept", o.accept());
    if (o.decodeLevel() != null) {
      n.put("decodeLevel", o.decodeLevel());
    }
    if (o.imageQualityStatus() != null) {
      n.put("imageQualityStatus", o.imageQualityStatus().value());
    }
    if (o.streaming() != null) {
      n.put("streaming", o.streaming());
    }
    if (o.rangeIndex() != null) {
      n.put("rangeIndex", o.rangeIndex());
    }
    if (o.chunkSize() != null) {
      n.put("chunkSize", o.chunkSize());
    }
    if (!o.transferSyntaxes().isEmpty()) {
      ObjectNode nested = n.putObject("transferSyntaxes");
      o.transferSyntaxes().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> nested.set(e.getKey(), writeOptions(e.getValue())));
    }
    return n;
  }

  private static void putIfSet(ObjectNode n, String key, String value) {
    if (value != null) {
      n.put(key, value);
    }
  }

  /**
   * The value of a key that has two names in Cornerstone3D configurations; both may be given when
   * they agree.
   */
  private static <T> T sameValue(String path, String name, T value, String alias, T aliasValue) {
    if (value != null && aliasValue != null && !value.equals(aliasValue)) {
      throw new InvalidConfigurationException(path + "." + alias, aliasValue,
          "differs from " + name + " = " + value + "; both name the same setting");
    }
    return value != null ? value : aliasValue;
  }

  private static ImageQualityStatus status(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String key = path + "." + field;
    if (v.isIntegralNumber()) {
      return parse(key, v.intValue(), ImageQualityStatus::fromValue);
    }
    if (v.isTextual()) {
      return parse(key, v.textValue(), ImageQualityStatus::parse);
    }
    throw new InvalidConfigurationException(key, v, "must be a number (1, 3, 6, 7, 8) or a name");
  }

  private static void checkKeys(JsonNode node, String prefix, Set<String> known, Set<String> ignored) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key) && !ignored.contains(key)) {
        throw new InvalidConfigurationException(
            prefix + key, node.get(key), "unknown key (known: " + known.stream().sorted().toList() + ")");
      }
    }
  }

  private static <T, R> R parse(String key, T value, java.util.function.Function<T, R> parser) {
    try {
      return parser.apply(value);
    } catch (InvalidConfigurationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(key, value, e.getMessage());
    }
  }

  /** Record validation names only the field; put the path in front so the user finds it. */
  private static InvalidConfigurationException prefixed(String path, InvalidConfigurationException e) {
    return e.key().startsWith(path) ? e : e.under(path);
  }

  private static String abbreviate(String json) {
    if (json == null) {
      return null;
    }
    return json.length() <= 60 ? json : json.substring(0, 57) + "...";
  }
}
