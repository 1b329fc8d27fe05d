package org.weasis.progressive.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** One DICOM JSON object (PS3.18 F.2): attributes by tag, each with its VR and values. */
public final class DicomJsonObject {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode object = JSON.createObjectNode();

  /** Adds an attribute whose values are strings (UI, CS, LO, ...). */
  public DicomJsonObject strings(String tag, String vr, String... values) {
    ArrayNode list = attribute(tag, vr).putArray("Value");
    for (String value : values) {
      list.add(value);
    }
    return this;
  }

  /** Adds an attribute whose values are numbers (US, IS, DS, ...). */
  public DicomJsonObject numbers(String tag, String vr, Number... values) {
    ArrayNode list = attribute(tag, vr).putArray("Value");
    for (Number value : values) {
      addNumber(list, value);
    }
    return this;
  }

  /** Adds a person name (PN), written in its alphabetic form as DICOM JSON wants it. */
  public DicomJsonObject person(String tag, String alphabetic) {
    attribute(tag, "PN").putArray("Value").addObject().put("Alphabetic", alphabetic);
    return this;
  }

  /** Adds an attribute whose value is fetched separately from {@code uri}. */
  public DicomJsonObject bulkData(String tag, String vr, String uri) {
    attribute(tag, vr).put("BulkDataURI", uri);
    return this;
  }

  public String toJson() {
    return write(object);
  }

  /** A JSON array of the given objects, as series metadata is. */
  public static String array(List<DicomJsonObject> objects) {
    ArrayNode array = JSON.createArrayNode();
    objects.forEach(o -> array.add(o.object));
    return write(array);
  }

  private ObjectNode attribute(String tag, String vr) {
    ObjectNode attribute = object.putObject(tag);
    attribute.put("vr", vr);
    return attribute;
  }

  private static void addNumber(ArrayNode list, Number value) {
    if (value instanceof Double || value instanceof Float) {
      double d = value.doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      // Whole numbers without ".0", as DICOM JSON writers usually do.
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        list.add((long) d);
      } else {
        list.add(d);
      }
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof Long) {
      list.add(value.longValue());
    } else {
      list.add(new BigDecimal(value.toString()));
    }
  }

  private static String write(Object node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of JSON nodes always serializes", e);
    }
  }
}
