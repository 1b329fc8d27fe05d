package org.weasis.progressive.internal.dicom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.decoder.PixelDescription;

/**
 * Turns WADO-RS series metadata (DICOM JSON) into the frames the engine loads, reading only the
 * attributes it needs so that no DICOM toolkit is required and sloppy servers (numbers written as
 * strings, missing optional attributes, bulk data URIs of their own making) still work.
 */
public final class SeriesMetadata {
  /** The largest Rows or Columns: both are US, a 16-bit value. */
  public static final int MAX_DIMENSION = 65_535;

  /**
   * The most images (frames) a series may list: a NumberOfFrames past it, typed or hostile, must not
   * make the engine allocate one entry per claimed frame.
   */
  public static final int MAX_IMAGES = 100_000;

  /** The largest uncompressed frame, 1 GiB: the most any decoder here fills for one image. */
  public static final long MAX_FRAME_BYTES = 1L << 30;

  /**
   * A series as read: the images of its well-formed instances, and why each other instance was refused
   * (one malformed instance costs its own images only).
   */
  public record Series(List<ImageRef> images, List<MetadataException> rejected) {
    public Series {
      images = List.copyOf(images);
      rejected = List.copyOf(rejected);
    }
  }

  /** The caller opened the stream and closes it; Jackson must not. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  private SeriesMetadata() {}

  /**
   * The frames of a series in display order: along the slice normal, or without geometry by
   * InstanceNumber, then SOPInstanceUID, then frame number ({@link SliceOrder}); strict: the first
   * malformed instance fails the whole series.
   *
   * @param dicomJson the metadata, uncompressed; the caller closes it
   * @param seriesUrl the series resource, for example {@code .../studies/1.2/series/1.2.3}
   * @param studyUid used when an instance does not give its StudyInstanceUID
   * @param seriesUid used when an instance does not give its SeriesInstanceUID
   */
  public static List<ImageRef> parse(
      InputStream dicomJson, URI seriesUrl, String studyUid, String seriesUid)
      throws MetadataException {
    Series series = read(dicomJson, seriesUrl, studyUid, seriesUid);
    if (!series.rejected().isEmpty()) {
      throw series.rejected().getFirst();
    }
    return series.images();
  }

  /**
   * The frames of a series in display order, leaving out each malformed instance with the reason.
   *
   * @throws MetadataException when the document itself is unusable or lists more than {@link
   *     #MAX_IMAGES} images
   */
  public static Series read(InputStream dicomJson, URI seriesUrl, String studyUid, String seriesUid)
      throws MetadataException {
    Objects.requireNonNull(dicomJson, "dicomJson");
    Objects.requireNonNull(seriesUrl, "seriesUrl");
    JsonNode root = readTree(dicomJson);
    if (!root.isArray()) {
      throw new MetadataException(
          "Series metadata must be a JSON array of instances, found " + root.getNodeType());
    }
    String seriesBase = withoutTrailingSlash(seriesUrl.toString()) + "/";
    List<SliceOrder.Slice> slices = new ArrayList<>();
    List<MetadataException> rejected = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      try {
        Instance instance = Instance.of(root.get(i), i);
        requireRoom(slices.size(), frameCount(instance));
        List<ImageRef> frames = new ArrayList<>();
        addFrames(instance, seriesBase, studyUid, seriesUid, frames);
        double[] position = instance.geometry(Tag.IMAGE_POSITION_PATIENT, 3);
        double[] orientation = instance.geometry(Tag.IMAGE_ORIENTATION_PATIENT, 6);
        frames.forEach(f -> slices.add(new SliceOrder.Slice(f, position, orientation)));
      } catch (InstanceException e) {
        rejected.add(e);
      }
    }
    return new Series(SliceOrder.displayOrder(slices), rejected);
  }

  private static JsonNode readTree(InputStream in) throws MetadataException {
    try {
      JsonNode root = MAPPER.readTree(in);
      return root == null ? MissingNode.getInstance() : root;
    } catch (JsonProcessingException e) {
      throw new MetadataException("Series metadata is not valid JSON: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MetadataException("Could not read the series metadata: " + e.getMessage(), e);
    }
  }

  private static void addFrames(
      Instance instance, String seriesBase, String studyUid, String seriesUid, List<ImageRef> out)
      throws MetadataException {
    PixelDescription pixels = describe(instance);
    requireFrameSize(instance, pixels);
    int frames = frameCount(instance);
    String study = orDefault(instance.text(Tag.STUDY_INSTANCE_UID), studyUid);
    String series = orDefault(instance.text(Tag.SERIES_INSTANCE_UID), seriesUid);
    String framesUrl = framesUrl(instance, seriesBase);
    String transferSyntax = transferSyntax(instance);
    int instanceNumber = orDefault(instance.integer(Tag.INSTANCE_NUMBER), 0);
    for (int frame = 1; frame <= frames; frame++) {
      out.add(
          new ImageRef(
              study, series, instance.sopInstanceUid(), frame, framesUrl, transferSyntax,
              instanceNumber, pixels));
    }
  }

  // ---- sanity limits: what a hostile or broken server may claim is bounded before anything is allocated ----

  /** NumberOfFrames (1 when absent), within 1..{@link #MAX_IMAGES}. */
  private static int frameCount(Instance instance) throws MetadataException {
    int frames = orDefault(instance.integer(Tag.NUMBER_OF_FRAMES), 1);
    if (frames < 1) {
      throw instance.error(Tag.NUMBER_OF_FRAMES + " must be 1 or more, got " + frames);
    }
    if (frames > MAX_IMAGES) {
      throw instance.error(Tag.NUMBER_OF_FRAMES + " = " + frames + " is over " + MAX_IMAGES
          + ", the most images a series may have here");
    }
    return frames;
  }

  /** Past {@link #MAX_IMAGES} the series, not one instance, is refused: which frames to drop is no guess. */
  private static void requireRoom(int listed, int more) throws MetadataException {
    if ((long) listed + more > MAX_IMAGES) {
      throw new MetadataException("The series lists more than " + MAX_IMAGES
          + " images (frames), the most a load takes");
    }
  }

  /** Rows and Columns are US: anything past 16 bits is not a DICOM value. */
  private static int requireDimension(Instance instance, Tag tag) throws MetadataException {
    int value = requirePositive(instance, tag);
    if (value > MAX_DIMENSION) {
      throw instance.error(tag + " = " + value + " is over " + MAX_DIMENSION + ", the largest value of its VR (US)");
    }
    return value;
  }

  /** The uncompressed frame, computed in long arithmetic, must fit {@link #MAX_FRAME_BYTES}. */
  private static void requireFrameSize(Instance instance, PixelDescription pixels) throws MetadataException {
    long bytes = pixels.frameBytes();
    if (bytes > MAX_FRAME_BYTES) {
      throw instance.error(Tag.ROWS + " x " + Tag.COLUMNS + " x " + Tag.SAMPLES_PER_PIXEL + " x "
          + Tag.BITS_ALLOCATED + " = " + pixels.rows() + " x " + pixels.columns() + " x "
          + pixels.samplesPerPixel() + " x " + pixels.bitsAllocated() + " bits is a frame of " + bytes
          + " bytes, over the limit of " + MAX_FRAME_BYTES);
    }
  }

  /** Pixel attributes with the defaults the standard implies when a server leaves them out. */
  private static PixelDescription describe(Instance instance) throws MetadataException {
    int rows = requireDimension(instance, Tag.ROWS);
    int columns = requireDimension(instance, Tag.COLUMNS);
    int samples = orDefault(instance.integer(Tag.SAMPLES_PER_PIXEL), 1);
    boolean colour = samples == 3;
    int bitsAllocated = orDefault(instance.integer(Tag.BITS_ALLOCATED), colour ? 8 : 16);
    try {
      return new PixelDescription(
          rows,
          columns,
          samples,
          bitsAllocated,
          orDefault(instance.integer(Tag.BITS_STORED), bitsAllocated),
          orDefault(instance.integer(Tag.PIXEL_REPRESENTATION), 0) != 0,
          orDefault(instance.text(Tag.PHOTOMETRIC_INTERPRETATION), colour ? "RGB" : "MONOCHROME2"),
          orDefault(instance.integer(Tag.PLANAR_CONFIGURATION), 0),
          orDefault(instance.decimal(Tag.RESCALE_SLOPE), 1.0),
          orDefault(instance.decimal(Tag.RESCALE_INTERCEPT), 0.0),
          instance.displayDecimal(Tag.WINDOW_CENTER),
          instance.displayDecimal(Tag.WINDOW_WIDTH));
    } catch (IllegalArgumentException e) {
      throw new InstanceException(instance.prefix() + e.getMessage(), e);
    }
  }

  private static int requirePositive(Instance instance, Tag tag) throws MetadataException {
    Integer value = instance.integer(tag);
    if (value == null) {
      throw instance.error(tag + " is missing; it is required");
    }
    if (value < 1) {
      throw instance.error(tag + " must be positive, got " + value);
    }
    return value;
  }

  /**
   * The instance's frames resource. Static DICOMweb names it in PixelData's BulkDataURI, relative to
   * the series; other servers (Orthanc) put a bulk data resource there that does not serve frames, so
   * anything not ending with {@code /frames} gives way to the WADO-RS path.
   */
  private static String framesUrl(Instance instance, String seriesBase) {
    String bulk = instance.bulkDataUri(Tag.PIXEL_DATA);
    if (bulk != null && withoutTrailingSlash(bulk).endsWith("/frames")) {
      try {
        return withoutTrailingSlash(URI.create(seriesBase).resolve(bulk).toString());
      } catch (IllegalArgumentException e) {
        // Not a valid URI reference: the WADO-RS path below still is.
      }
    }
    return seriesBase + "instances/" + instance.sopInstanceUid() + "/frames";
  }

  private static String transferSyntax(Instance instance) {
    String uid = instance.text(Tag.TRANSFER_SYNTAX_UID);
    return uid != null ? uid : instance.text(Tag.AVAILABLE_TRANSFER_SYNTAX_UID);
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** The attributes read here, with their keywords for error messages. */
  private enum Tag {
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

  /** One instance's attributes; every error it raises names the instance and the attribute. */
  private record Instance(JsonNode json, String sopInstanceUid) {

    static Instance of(JsonNode json, int index) throws MetadataException {
      if (!json.isObject()) {
        throw new InstanceException(
            "Series metadata entry " + index + " must be a JSON object, found " + json.getNodeType(), null);
      }
      String sop = new Instance(json, null).text(Tag.SOP_INSTANCE_UID);
      if (sop == null) {
        throw new InstanceException(
            "Series metadata entry " + index + " has no " + Tag.SOP_INSTANCE_UID, null);
      }
      return new Instance(json, sop);
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
      return new InstanceException(prefix() + message, null);
    }

    private MetadataException invalid(Tag tag, JsonNode value, String expected) {
      return error(tag + " must be " + expected + ", got " + value);
    }
  }

  /** A fault of one instance: the series goes on without it. */
  private static final class InstanceException extends MetadataException {
    private static final long serialVersionUID = 1L;

    InstanceException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
