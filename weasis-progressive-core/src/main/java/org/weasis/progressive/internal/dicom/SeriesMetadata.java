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
import java.util.Objects;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.internal.dicom.InstanceAttributes.Tag;

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
        InstanceAttributes instance = InstanceAttributes.of(root.get(i), i);
        requireRoom(slices.size(), frameCount(instance));
        List<ImageRef> frames = new ArrayList<>();
        addFrames(instance, seriesBase, studyUid, seriesUid, frames);
        double[] position = instance.geometry(Tag.IMAGE_POSITION_PATIENT, 3);
        double[] orientation = instance.geometry(Tag.IMAGE_ORIENTATION_PATIENT, 6);
        frames.forEach(f -> slices.add(new SliceOrder.Slice(f, position, orientation)));
      } catch (InstanceAttributes.Failure e) {
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
      InstanceAttributes instance, String seriesBase, String studyUid, String seriesUid, List<ImageRef> out)
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
  private static int frameCount(InstanceAttributes instance) throws MetadataException {
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
  private static int requireDimension(InstanceAttributes instance, Tag tag) throws MetadataException {
    int value = requirePositive(instance, tag);
    if (value > MAX_DIMENSION) {
      throw instance.error(tag + " = " + value + " is over " + MAX_DIMENSION + ", the largest value of its VR (US)");
    }
    return value;
  }

  /** The uncompressed frame, computed in long arithmetic, must fit {@link #MAX_FRAME_BYTES}. */
  private static void requireFrameSize(InstanceAttributes instance, PixelDescription pixels) throws MetadataException {
    long bytes = pixels.frameBytes();
    if (bytes > MAX_FRAME_BYTES) {
      throw instance.error(Tag.ROWS + " x " + Tag.COLUMNS + " x " + Tag.SAMPLES_PER_PIXEL + " x "
          + Tag.BITS_ALLOCATED + " = " + pixels.rows() + " x " + pixels.columns() + " x "
          + pixels.samplesPerPixel() + " x " + pixels.bitsAllocated() + " bits is a frame of " + bytes
          + " bytes, over the limit of " + MAX_FRAME_BYTES);
    }
  }

  /** Pixel attributes with the defaults the standard implies when a server leaves them out. */
  private static PixelDescription describe(InstanceAttributes instance) throws MetadataException {
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
      throw new InstanceAttributes.Failure(instance.prefix() + e.getMessage(), e);
    }
  }

  private static int requirePositive(InstanceAttributes instance, Tag tag) throws MetadataException {
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
  private static String framesUrl(InstanceAttributes instance, String seriesBase) {
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

  private static String transferSyntax(InstanceAttributes instance) {
    String uid = instance.text(Tag.TRANSFER_SYNTAX_UID);
    return uid != null ? uid : instance.text(Tag.AVAILABLE_TRANSFER_SYNTAX_UID);
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
