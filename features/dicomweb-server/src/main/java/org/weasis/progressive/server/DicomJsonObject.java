package org.weasis.progressive.server;

import java.util.List;

/** Builds one DICOM JSON object (PS3.18 F.2) by hand, so this module needs no JSON library. */
final class DicomJsonObject {
  private final StringBuilder json = new StringBuilder("{");

  /** Adds an attribute whose values are strings (UI, CS, LO, ...). */
  DicomJsonObject strings(String tag, String vr, String... values) {
    StringBuilder list = new StringBuilder();
    for (String value : values) {
      appendSeparator(list).append(quote(value));
    }
    return attribute(tag, vr, "\"Value\":[" + list + "]");
  }

  /** Adds an attribute whose values are numbers (US, IS, DS, ...). */
  DicomJsonObject numbers(String tag, String vr, Number... values) {
    StringBuilder list = new StringBuilder();
    for (Number value : values) {
      appendSeparator(list).append(formatNumber(value));
    }
    return attribute(tag, vr, "\"Value\":[" + list + "]");
  }

  /** Adds an attribute whose value is fetched separately from {@code uri}. */
  DicomJsonObject bulkData(String tag, String vr, String uri) {
    return attribute(tag, vr, "\"BulkDataURI\":" + quote(uri));
  }

  String toJson() {
    return json + "}";
  }

  /** A JSON array of the given objects. */
  static String array(List<DicomJsonObject> objects) {
    StringBuilder out = new StringBuilder("[");
    for (DicomJsonObject object : objects) {
      appendSeparator(out, 1).append(object.toJson());
    }
    return out.append(']').toString();
  }

  private DicomJsonObject attribute(String tag, String vr, String content) {
    appendSeparator(json, 1).append(quote(tag)).append(":{\"vr\":").append(quote(vr)).append(',')
        .append(content).append('}');
    return this;
  }

  private static StringBuilder appendSeparator(StringBuilder list) {
    return appendSeparator(list, 0);
  }

  /** Appends a comma unless {@code list} holds only its {@code openingLength} opening characters. */
  private static StringBuilder appendSeparator(StringBuilder list, int openingLength) {
    return list.length() > openingLength ? list.append(',') : list;
  }

  private static String formatNumber(Number value) {
    if (value instanceof Double || value instanceof Float) {
      double d = value.doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      // Whole numbers without ".0", as DICOM JSON writers usually do.
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
    return value.toString();
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
