package org.weasis.progressive.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NearbyFrame;
import org.weasis.progressive.api.RequestType;
import org.weasis.progressive.api.RetrieveStage;

/**
 * One stage as the stages table shows it: the text the user typed, kept as typed so that a bad value stays
 * on screen, and turned into a {@link RetrieveStage} only when the node is built, with errors named
 * {@code stages[i].key} as the JSON reader names them.
 */
public record StageRow(
    String id,
    String retrieveType,
    String positions,
    String decimate,
    String offset,
    String priority,
    String requestType,
    String nearbyFrames) {

  /** The table's columns, named with Cornerstone3D's keys. */
  public enum Field {
    ID("id"),
    RETRIEVE_TYPE("retrieveType"),
    POSITIONS("positions"),
    DECIMATE("decimate"),
    OFFSET("offset"),
    PRIORITY("priority"),
    REQUEST_TYPE("requestType"),
    NEARBY_FRAMES("nearbyFrames");

    private final String key;

    Field(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  static final String NOT_A_NUMBER = "not a number";
  static final String NOT_NEARBY = "not offset:imageQualityStatus, e.g. -1:3, 2:1";

  /** A stage over every image with Cornerstone3D's defaults. */
  static StageRow named(String id) {
    return of(RetrieveStage.of(id, RetrieveStage.DEFAULT_RETRIEVE_TYPE));
  }

  static StageRow of(RetrieveStage stage) {
    return new StageRow(stage.id(), stage.retrieveType(), formatPositions(stage.positions()),
        Integer.toString(stage.decimate()), Integer.toString(stage.offset()), Integer.toString(stage.priority()),
        stage.requestType().jsonName(), formatNearby(stage.nearbyFrames()));
  }

  public String get(Field field) {
    return switch (field) {
      case ID -> id;
      case RETRIEVE_TYPE -> retrieveType;
      case POSITIONS -> positions;
      case DECIMATE -> decimate;
      case OFFSET -> offset;
      case PRIORITY -> priority;
      case REQUEST_TYPE -> requestType;
      case NEARBY_FRAMES -> nearbyFrames;
    };
  }

  StageRow with(Field field, String text) {
    String t = text == null ? "" : text.strip();
    return new StageRow(field == Field.ID ? t : id, field == Field.RETRIEVE_TYPE ? t : retrieveType,
        field == Field.POSITIONS ? t : positions, field == Field.DECIMATE ? t : decimate,
        field == Field.OFFSET ? t : offset, field == Field.PRIORITY ? t : priority,
        field == Field.REQUEST_TYPE ? t : requestType, field == Field.NEARBY_FRAMES ? t : nearbyFrames);
  }

  /** The options-table row this stage reads its options from; blank is Cornerstone3D's {@code default}. */
  String retrieveTypeOrDefault() {
    return retrieveType.isBlank() ? RetrieveStage.DEFAULT_RETRIEVE_TYPE : retrieveType;
  }

  /** True when positions are given, which makes decimate and offset unused. */
  public boolean hasPositions() {
    return !positions.isBlank();
  }

  /**
   * The stage at {@code index} of the configuration; blanks take the JSON reader's defaults.
   *
   * @throws InvalidConfigurationException naming {@code stages[index].key} and the value
   */
  RetrieveStage build(int index) {
    String path = "stages[" + index + "]";
    try {
      return new RetrieveStage(id, retrieveTypeOrDefault(), parsePositions(path),
          integer(path, Field.DECIMATE, decimate, 1), integer(path, Field.OFFSET, offset, 0),
          integer(path, Field.PRIORITY, priority, RetrieveStage.DEFAULT_PRIORITY),
          parseRequestType(path), parseNearby(path));
    } catch (InvalidConfigurationException e) {
      // The record names only the field; the path says which stage.
      throw e.key().startsWith(path) ? e : e.under(path);
    }
  }

  private List<Double> parsePositions(String path) {
    if (!hasPositions()) {
      return null;
    }
    List<Double> parsed = new ArrayList<>();
    for (String item : positions.split(",", -1)) {
      try {
        parsed.add(Double.parseDouble(item.strip()));
      } catch (NumberFormatException e) {
        throw new InvalidConfigurationException(path + ".positions", item.strip(), NOT_A_NUMBER);
      }
    }
    return parsed;
  }

  private RequestType parseRequestType(String path) {
    if (requestType.isBlank()) {
      return RequestType.INTERACTION;
    }
    try {
      return RequestType.parse(requestType);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(path + ".requestType", requestType,
          "must be interaction, thumbnail or prefetch");
    }
  }

  private List<NearbyFrame> parseNearby(String path) {
    List<NearbyFrame> parsed = new ArrayList<>();
    if (nearbyFrames.isBlank()) {
      return parsed;
    }
    for (String item : nearbyFrames.split(",", -1)) {
      String[] parts = item.strip().split(":", -1);
      try {
        parsed.add(new NearbyFrame(Integer.parseInt(parts[0].strip()), ImageQualityStatus.parse(parts[1])));
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
        throw new InvalidConfigurationException(path + ".nearbyFrames", item.strip(), NOT_NEARBY);
      }
    }
    return parsed;
  }

  private static int integer(String path, Field field, String text, int blank) {
    return text.isBlank() ? blank : TextInput.requiredInt(path + "." + field.key(), text);
  }

  /** Whole numbers without ".0", so that {@code 0.5, 0, -1} reads as the user would write it. */
  static String formatPositions(List<Double> positions) {
    if (positions == null) {
      return "";
    }
    return positions.stream().map(StageRow::formatNumber).collect(Collectors.joining(", "));
  }

  private static String formatNumber(double p) {
    return p == Math.rint(p) && Math.abs(p) < 1e15 ? Long.toString((long) p) : Double.toString(p);
  }

  /** {@code offset:status} with Cornerstone3D's status numbers, e.g. {@code -1:3, 2:1}. */
  static String formatNearby(List<NearbyFrame> nearby) {
    return nearby.stream().map(f -> f.offset() + ":" + f.status().value()).collect(Collectors.joining(", "));
  }
}
