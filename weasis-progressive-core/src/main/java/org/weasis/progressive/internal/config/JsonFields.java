package org.weasis.progressive.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.weasis.progressive.api.InvalidConfigurationException;

/**
 * Typed reads of optional JSON fields that fail with the field's full path and value, shared by the
 * configuration and node-settings readers so that both report errors the same way.
 */
public final class JsonFields {
  private JsonFields() {}

  public static String text(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidConfigurationException(path + "." + field, v, "must be a string");
    }
    return v.textValue();
  }

  public static Integer integer(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidConfigurationException(path + "." + field, v, "must be a whole number");
    }
    return v.intValue();
  }

  public static Boolean bool(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new InvalidConfigurationException(path + "." + field, v, "must be true or false");
    }
    return v.booleanValue();
  }

  public static void requireObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new InvalidConfigurationException(path, node, "must be a JSON object");
    }
  }
}
