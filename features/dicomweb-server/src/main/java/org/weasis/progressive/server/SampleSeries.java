package org.weasis.progressive.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.weasis.progressive.internal.dicom.DicomJsonWriter;

/**
 * A synthetic uncompressed series written in the Static DICOMweb layout, so the engine can be shown and
 * tested pixel-exact without any native codec: every image is a gradient plus a bright disc that moves
 * along the diagonal with the image index.
 */
public final class SampleSeries {
  /** Explicit VR Little Endian: what the frames are labelled with. */
  public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
  /** The alternate path segment (in place of {@code frames}) of the quarter-size thumbnails. */
  public static final String THUMBNAIL_PATH = "thumbnail4";
  /** Thumbnails keep one sample of each square block of this side. */
  public static final int THUMBNAIL_FACTOR = 4;

  private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
  private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
  private static final int MAX_UID_LENGTH = 64;

  private final String studyUid;
  private final String seriesUid;
  private final int rows;
  private final int columns;
  private final int bitsStored;
  private final boolean signed;
  /** In InstanceNumber order: instance i has number i + 1. */
  private final List<String> sopInstanceUids;

  private SampleSeries(String studyUid, String seriesUid, int images, int rows, int columns,
      int bitsStored, boolean signed) {
    this.studyUid = checkUid(studyUid, "studyUid");
    this.seriesUid = checkUid(seriesUid, "seriesUid");
    checkRange("images", images, 1, 100_000);
    checkRange("rows", rows, 1, 65535);
    checkRange("columns", columns, 1, 65535);
    checkRange("bitsStored", bitsStored, 2, 16);
    this.rows = rows;
    this.columns = columns;
    this.bitsStored = bitsStored;
    this.signed = signed;
    this.sopInstanceUids = sopInstanceUids(seriesUid, images);
  }

  /**
   * Writes the series below {@code root}: frames, quarter-size thumbnails, series metadata and the QIDO
   * lists of the series and of its instances. 16 bits are allocated; samples use {@code bitsStored} bits.
   */
  public static SampleSeries write(Path root, String studyUid, String seriesUid, int images, int rows,
      int columns, int bitsStored, boolean signed) throws IOException {
    Objects.requireNonNull(root, "root");
    SampleSeries series =
        new SampleSeries(studyUid, seriesUid, images, rows, columns, bitsStored, signed);
    series.writeTo(root);
    return series;
  }

  public String studyUid() {
    return studyUid;
  }

  public String seriesUid() {
    return seriesUid;
  }

  /** The SOP Instance UIDs in InstanceNumber order. */
  public List<String> sopInstanceUids() {
    return sopInstanceUids;
  }

  public int size() {
    return sopInstanceUids.size();
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  public int bitsStored() {
    return bitsStored;
  }

  public boolean signed() {
    return signed;
  }

  /** The series' path below the served root, {@code studies/<study>/series/<series>}. */
  public String seriesPath() {
    return "studies/" + studyUid + "/series/" + seriesUid;
  }

  /** Height of a thumbnail: ceil(rows / 4). */
  public int thumbnailRows() {
    return ceilDiv(rows, THUMBNAIL_FACTOR);
  }

  /** Width of a thumbnail: ceil(columns / 4). */
  public int thumbnailColumns() {
    return ceilDiv(columns, THUMBNAIL_FACTOR);
  }

  /** The full frame of image {@code index} (0-based), row by row; signed values are sign-extended. */
  public short[] pixels(int index) {
    Objects.checkIndex(index, size());
    int min = minValue();
    int max = maxValue();
    long range = (long) max - min;
    // The disc walks the diagonal with the index, so a viewer shows at a glance which image it holds.
    long cx = (long) (columns - 1) * (index + 1) / (size() + 1);
    long cy = (long) (rows - 1) * (index + 1) / (size() + 1);
    long radius = Math.max(1, Math.min(rows, columns) / 8);
    // The whole background also rises with the index, so no two images are equal even when tiny.
    long offset = range * index / (4L * size());
    long diagonal = Math.max(1, rows + columns - 2);
    short[] pixels = new short[rows * columns];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        boolean inDisc = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
        long value = inDisc ? max : min + offset + range * 3 * (x + y) / (5 * diagonal);
        pixels[y * columns + x] = (short) value;
      }
    }
    return pixels;
  }

  /** The thumbnail of image {@code index}: the top-left sample of each 4x4 block of the full frame. */
  public short[] thumbnailPixels(int index) {
    return decimate(pixels(index));
  }

  private void writeTo(Path root) throws IOException {
    Path series = root.resolve(seriesPath());
    for (int i = 0; i < size(); i++) {
      Path instance = series.resolve("instances").resolve(sopInstanceUids.get(i));
      short[] full = pixels(i);
      writeFrame(instance.resolve("frames").resolve("1.mht"), full);
      writeFrame(instance.resolve(THUMBNAIL_PATH).resolve("1.mht"), decimate(full));
    }
    StaticDicomWebFiles.writeGzip(series.resolve("metadata.gz"), metadataJson());
    StaticDicomWebFiles.writeGzip(series.resolveSibling("index.json.gz"), seriesListJson());
    StaticDicomWebFiles.writeGzip(series.resolve("instances").resolve("index.json.gz"), instanceListJson());
  }

  /** Writes one frame as Static DICOMweb does: a single-part multipart body in a {@code .mht} file. */
  private static void writeFrame(Path file, short[] samples) throws IOException {
    StaticDicomWebFiles.writeFrame(file, "application/octet-stream;transfer-syntax=" + EXPLICIT_VR_LITTLE_ENDIAN,
        littleEndian(samples));
  }

  private static byte[] littleEndian(short[] samples) {
    ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asShortBuffer().put(samples);
    return bytes.array();
  }

  private short[] decimate(short[] full) {
    int thumbRows = thumbnailRows();
    int thumbColumns = thumbnailColumns();
    short[] thumb = new short[thumbRows * thumbColumns];
    for (int r = 0; r < thumbRows; r++) {
      for (int c = 0; c < thumbColumns; c++) {
        thumb[r * thumbColumns + c] = full[r * THUMBNAIL_FACTOR * columns + c * THUMBNAIL_FACTOR];
      }
    }
    return thumb;
  }

  private byte[] metadataJson() {
    DicomJsonWriter json = DicomJsonWriter.series();
    for (int i = 0; i < size(); i++) {
      instanceMetadata(json.instance(), i);
    }
    return json.toBytes();
  }

  private void instanceMetadata(DicomJsonWriter instance, int index) {
    String sop = sopInstanceUids.get(index);
    int windowWidth = (1 << bitsStored);
    int windowCenter = minValue() + windowWidth / 2;
    instance
        .strings("00080016", "UI", SECONDARY_CAPTURE)
        .strings("00080018", "UI", sop)
        .strings("00080060", "CS", "OT")
        .strings("00083002", "UI", EXPLICIT_VR_LITTLE_ENDIAN)
        .strings("0020000D", "UI", studyUid)
        .strings("0020000E", "UI", seriesUid)
        .numbers("00200013", "IS", index + 1)
        // Position and orientation let a viewer stack the images as a volume, one millimetre apart.
        .numbers("00200032", "DS", 0, 0, index)
        .numbers("00200037", "DS", 1, 0, 0, 0, 1, 0)
        .numbers("00280002", "US", 1)
        .strings("00280004", "CS", "MONOCHROME2")
        .numbers("00280010", "US", rows)
        .numbers("00280011", "US", columns)
        .numbers("00280030", "DS", 1, 1)
        .numbers("00280100", "US", 16)
        .numbers("00280101", "US", bitsStored)
        .numbers("00280102", "US", bitsStored - 1)
        .numbers("00280103", "US", signed ? 1 : 0)
        .numbers("00281050", "DS", windowCenter)
        .numbers("00281051", "DS", windowWidth)
        .numbers("00281052", "DS", 0)
        .numbers("00281053", "DS", 1)
        .bulkData("7FE00010", "OW", "instances/" + sop + "/frames");
  }

  private byte[] seriesListJson() {
    return DicomJsonWriter.series().instance()
        .strings("00080060", "CS", "OT")
        .strings("0008103E", "LO", "Synthetic uncompressed series")
        .strings("0020000D", "UI", studyUid)
        .strings("0020000E", "UI", seriesUid)
        .numbers("00200011", "IS", 1)
        .numbers("00201209", "IS", size())
        .toBytes();
  }

  private byte[] instanceListJson() {
    DicomJsonWriter json = DicomJsonWriter.series();
    for (int i = 0; i < size(); i++) {
      json.instance()
          .strings("00080016", "UI", SECONDARY_CAPTURE)
          .strings("00080018", "UI", sopInstanceUids.get(i))
          .strings("0020000D", "UI", studyUid)
          .strings("0020000E", "UI", seriesUid)
          .numbers("00200013", "IS", i + 1)
          .numbers("00280010", "US", rows)
          .numbers("00280011", "US", columns);
    }
    return json.toBytes();
  }

  private int minValue() {
    return signed ? -(1 << (bitsStored - 1)) : 0;
  }

  private int maxValue() {
    return signed ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1;
  }

  private static List<String> sopInstanceUids(String seriesUid, int images) {
    String last = seriesUid + "." + images;
    if (last.length() > MAX_UID_LENGTH) {
      throw new IllegalArgumentException(
          "seriesUid too long: instance UIDs such as " + last + " would exceed 64 characters");
    }
    List<String> uids = new ArrayList<>(images);
    for (int i = 1; i <= images; i++) {
      uids.add(seriesUid + "." + i);
    }
    return List.copyOf(uids);
  }

  private static String checkUid(String uid, String name) {
    Objects.requireNonNull(uid, name);
    // Only digits and dots: the UID becomes a directory name and a URL segment as it is.
    if (uid.length() > MAX_UID_LENGTH || !UID.matcher(uid).matches()) {
      throw new IllegalArgumentException(name + " is not a DICOM UID: " + uid);
    }
    return uid;
  }

  private static void checkRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
