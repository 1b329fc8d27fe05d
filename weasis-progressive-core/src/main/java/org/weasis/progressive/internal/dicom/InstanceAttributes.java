package org.weasis.progressive.internal.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * One instance of DICOM JSON metadata, read attribute by attribute with the leniency real servers need
 * (numbers written as strings, lower-case tags); every error it raises names the instance and the
 * attribute.
 */
record InstanceAttributes(JsonNode json, String sopInstanceUid) {
  static InstanceAttributes of(JsonNode json, int index) throws MetadataException {
    if (!json.isObject()) {
      throw new Failure(
          "Series metadata entry " + index + " must be a JSON object, found " + json.getNodeType(), null);
    }
    String sop = new InstanceAttributes(json, null).text(Tag.SOP_INSTANCE_UID);
    if (sop == null) {
      throw new Failure(
          "Series metadata entry " + index + " has no " + Tag.SOP_INSTANCE_UID, null);
    }
    return new InstanceAttributes(json, sop);
  }

  /** The element of a tag: upper-case hex as the standard says, lower-case tolerated. */
  JsonNode element(Tag tag) {
    JsonNode element = json.get(tag.hex);
    if (element == null) {
      element = json.get(tag.hex.toLowerCase(Locale.ROOT));
    }
    return element != null && element.isObject() ? element : null;
  }

  /** The first value of a tag, or null when the tag is absent or has no (or an empty) value. */
  JsonNode first(Tag tag) {
    JsonNode element = element(tag);
    JsonNode values = element == null ? null : element.get("Value");
    if (values == null || !values.isArray() || values.isEmpty()) {
      return null;
    }
    JsonNode value = values.get(0);
    boolean blank = value.isNull() || (value.isTextual() && value.asText().isBlank());
    return blank ? null : value;
  }

  String text(Tag tag) {
    JsonNode value = first(tag);
    return value == null ? null : value.asText().trim();
  }

  /** An IS or US value, given as a JSON number or as a string. */
  Integer integer(Tag tag) throws MetadataException {
    JsonNode value = first(tag);
    if (value == null) {
      return null;
    }
    if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToInt()) {
      return value.intValue();
    }
    try {
      return Integer.parseInt(value.asText().trim());
    } catch (NumberFormatException e) {
      throw invalid(tag, value, "an integer");
    }
  }

  /** A DS value, given as a JSON number or as a string. */
  Double decimal(Tag tag) throws MetadataException {
    JsonNode value = first(tag);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    try {
      double parsed = Double.parseDouble(value.asText().trim());
      if (Double.isFinite(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below with the attribute's name.
    }
    throw invalid(tag, value, "a decimal number");
  }

  /** A value used only for display (window): a bad one is dropped, not worth failing the image. */
  Double displayDecimal(Tag tag) {
    try {
      return decimal(tag);
    } catch (MetadataException e) {
      return null;
    }
  }

  /**
   * A multi-valued DS attribute used only to order frames: null when absent or not {@code count}
   * finite numbers, so that bad geometry falls back to InstanceNumber instead of failing the series.
   */
  double[] geometry(Tag tag, int count) {
    JsonNode element = element(tag);
    JsonNode values = element == null ? null : element.get("Value");
    if (values == null || !values.isArray() || values.size() != count) {
      return null;
    }
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      JsonNode v = values.get(i);
      try {
        out[i] = v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Double.isFinite(out[i])) {
        return null;
      }
    }
    return out;
  }

  String bulkDataUri(Tag tag) {
    JsonNode element = element(tag);
    JsonNode uri = element == null ? null : element.get("BulkDataURI");
    return uri != null && uri.isTextual() ? uri.asText().trim() : null;
  }

  String prefix() {
    return "Instance " + sopInstanceUid + ": ";
  }

  MetadataException error(String message) {
    return new Failure(prefix() + message, null);
  }

  private MetadataException invalid(Tag tag, JsonNode value, String expected) {
    return error(tag + " must be " + expected + ", got " + value);
  }

  /** The attributes read here, with their keywords for error messages. */
  enum Tag {
    TRANSFER_SYNTAX_UID("00020010", "TransferSyntaxUID"),
    SOP_INSTANCE_UID("00080018", "SOPInstanceUID"),
    AVAILABLE_TRANSFER_SYNTAX_UID("00083002", "AvailableTransferSyntaxUID"),
    STUDY_INSTANCE_UID("0020000D", "StudyInstanceUID"),
    SERIES_INSTANCE_UID("0020000E", "SeriesInstanceUID"),
    INSTANCE_NUMBER("00200013", "InstanceNumber"),
    IMAGE_POSITION_PATIENT("00200032", "ImagePositionPatient"),
    IMAGE_ORIENTATION_PATIENT("00200037", "ImageOrientationPatient"),
    SAMPLES_PER_PIXEL("00280002", "SamplesPerPixel"),
    PHOTOMETRIC_INTERPRETATION("00280004", "PhotometricInterpretation"),
    PLANAR_CONFIGURATION("00280006", "PlanarConfiguration"),
    NUMBER_OF_FRAMES("00280008", "NumberOfFrames"),
    ROWS("00280010", "Rows"),
    COLUMNS("00280011", "Columns"),
    BITS_ALLOCATED("00280100", "BitsAllocated"),
    BITS_STORED("00280101", "BitsStored"),
    PIXEL_REPRESENTATION("00280103", "PixelRepresentation"),
    WINDOW_CENTER("00281050", "WindowCenter"),
    WINDOW_WIDTH("00281051", "WindowWidth"),
    RESCALE_INTERCEPT("00281052", "RescaleIntercept"),
    RESCALE_SLOPE("00281053", "RescaleSlope"),
    PIXEL_DATA("7FE00010", "PixelData");

    final String hex;
    final String keyword;

    Tag(String hex, String keyword) {
      this.hex = hex;
      this.keyword = keyword;
    }

    @Override
    public String toString() {
      return keyword + " (" + hex + ")";
    }
  }

  /** A fault of one instance: the series goes on without it. */
  static final class Failure extends MetadataException {
    private static final long serialVersionUID = 1L;

    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
