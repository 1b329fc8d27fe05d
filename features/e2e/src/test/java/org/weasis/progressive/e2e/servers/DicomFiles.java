package org.weasis.progressive.e2e.servers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes small, valid DICOM Part 10 files with known 16-bit pixels, so that a DICOM server such as
 * Orthanc can be filled with data whose every pixel a test can check after a round trip.
 */
public final class DicomFiles {
  public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
  public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
  public static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

  /** Ours: "2.25." + a fixed UUID as a decimal integer, as PS3.5 B.2 allows without a registered root. */
  private static final String IMPLEMENTATION_CLASS_UID = "2.25.229426317938017458405573516315069741011";
  private static final String IMPLEMENTATION_VERSION = "WP_E2E_1";
  private static final int PREAMBLE = 128;

  private DicomFiles() {}

  /**
   * One single-frame image: 16 bits allocated and stored, unsigned, MONOCHROME2.
   *
   * @param pixels row by row, {@code rows * columns} samples read as unsigned
   */
  public record Image(String studyUid, String seriesUid, String sopInstanceUid, int instanceNumber,
      int rows, int columns, short[] pixels) {
    public Image {
      Objects.requireNonNull(studyUid, "studyUid");
      Objects.requireNonNull(seriesUid, "seriesUid");
      Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
      if (rows < 1 || rows > 65535 || columns < 1 || columns > 65535) {
        throw new IllegalArgumentException("rows and columns must be 1..65535, got " + rows + "x" + columns);
      }
      if (pixels.length != rows * columns) {
        throw new IllegalArgumentException(pixels.length + " pixels for " + rows + "x" + columns);
      }
      pixels = pixels.clone();
    }

    /** A copy: the image stays what was written. */
    @Override
    public short[] pixels() {
      return pixels.clone();
    }

    /** The pixel data as stored: 2 bytes per sample, little endian. */
    public byte[] pixelBytes() {
      ByteBuffer bytes = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asShortBuffer().put(pixels);
      return bytes.array();
    }
  }

  /**
   * {@code count} images of one series, InstanceNumber 1..count, SOP Instance UID
   * {@code <seriesUid>.<number>}, each with its own pixels.
   */
  public static List<Image> series(String studyUid, String seriesUid, int count, int rows, int columns) {
    List<Image> images = new ArrayList<>(count);
    for (int number = 1; number <= count; number++) {
      images.add(new Image(studyUid, seriesUid, seriesUid + "." + number, number, rows, columns,
          pixels(number, rows, columns)));
    }
    return List.copyOf(images);
  }

  /**
   * Known pixels spread over the whole 16-bit range, different for each instance number: values above
   * 32767 make a signedness mistake visible, the row-times-column term a transposition.
   */
  public static short[] pixels(int instanceNumber, int rows, int columns) {
    short[] pixels = new short[rows * columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int value = instanceNumber * 9973 + r * 521 + c * 131 + (r * c) % 251;
        pixels[r * columns + c] = (short) value;
      }
    }
    return pixels;
  }

  /** Writes {@code image} to {@code file} in {@code transferSyntaxUid} (implicit or explicit VR little endian). */
  public static Path write(Path file, Image image, String transferSyntaxUid) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, encode(image, transferSyntaxUid));
    return file;
  }

  /** The Part 10 bytes: preamble, "DICM", the file meta group, then the data set. */
  public static byte[] encode(Image image, String transferSyntaxUid) {
    boolean explicit = switch (transferSyntaxUid) {
      case EXPLICIT_VR_LITTLE_ENDIAN -> true;
      case IMPLICIT_VR_LITTLE_ENDIAN -> false;
      default -> throw new IllegalArgumentException(
          "only uncompressed little endian is written, not " + transferSyntaxUid);
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[PREAMBLE]);
    out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(fileMetaGroup(image, transferSyntaxUid));
    out.writeBytes(dataSet(image, explicit));
    return out.toByteArray();
  }

  /** Group 2 is always explicit VR little endian, preceded by its own length. */
  private static byte[] fileMetaGroup(Image image, String transferSyntaxUid) {
    Elements meta = new Elements(true)
        .add(0x0002, 0x0001, "OB", new byte[] {0, 1})
        .text(0x0002, 0x0002, "UI", SECONDARY_CAPTURE)
        .text(0x0002, 0x0003, "UI", image.sopInstanceUid())
        .text(0x0002, 0x0010, "UI", transferSyntaxUid)
        .text(0x0002, 0x0012, "UI", IMPLEMENTATION_CLASS_UID)
        .text(0x0002, 0x0013, "SH", IMPLEMENTATION_VERSION);
    byte[] body = meta.bytes();
    return new Elements(true).add(0x0002, 0x0000, "UL", uint32(body.length)).append(body).bytes();
  }

  /** The attributes in ascending tag order, as Part 5 requires. */
  private static byte[] dataSet(Image image, boolean explicit) {
    return new Elements(explicit)
        .text(0x0008, 0x0016, "UI", SECONDARY_CAPTURE)
        .text(0x0008, 0x0018, "UI", image.sopInstanceUid())
        .text(0x0008, 0x0060, "CS", "OT")
        .text(0x0008, 0x0064, "CS", "WSD")
        .text(0x0010, 0x0010, "PN", "E2E^Synthetic")
        .text(0x0010, 0x0020, "LO", "E2E-" + image.studyUid().hashCode())
        .text(0x0020, 0x000D, "UI", image.studyUid())
        .text(0x0020, 0x000E, "UI", image.seriesUid())
        .text(0x0020, 0x0011, "IS", "1")
        .text(0x0020, 0x0013, "IS", Integer.toString(image.instanceNumber()))
        .add(0x0028, 0x0002, "US", uint16(1))
        .text(0x0028, 0x0004, "CS", "MONOCHROME2")
        .add(0x0028, 0x0010, "US", uint16(image.rows()))
        .add(0x0028, 0x0011, "US", uint16(image.columns()))
        .add(0x0028, 0x0100, "US", uint16(16))
        .add(0x0028, 0x0101, "US", uint16(16))
        .add(0x0028, 0x0102, "US", uint16(15))
        .add(0x0028, 0x0103, "US", uint16(0))
        .add(0x7FE0, 0x0010, "OW", image.pixelBytes())
        .bytes();
  }

  private static byte[] uint16(int value) {
    return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array();
  }

  private static byte[] uint32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  /** Data elements in little endian, with or without the VR written out. */
  private static final class Elements {
    private final boolean explicit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Elements(boolean explicit) {
      this.explicit = explicit;
    }

    /** A text value, padded to an even length: UIDs with NUL, other strings with a space. */
    Elements text(int group, int element, String vr, String value) {
      byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
      if (bytes.length % 2 != 0) {
        byte[] padded = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        padded[bytes.length] = (byte) (vr.equals("UI") ? 0 : ' ');
        bytes = padded;
      }
      return add(group, element, vr, bytes);
    }

    Elements add(int group, int element, String vr, byte[] value) {
      if (value.length % 2 != 0) {
        throw new IllegalArgumentException("odd value length for (" + group + "," + element + ")");
      }
      ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      header.putShort((short) group).putShort((short) element);
      if (!explicit) {
        header.putInt(value.length);
      } else if (hasLongLength(vr)) {
        header.put(vr.getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(value.length);
      } else {
        header.put(vr.getBytes(StandardCharsets.US_ASCII)).putShort((short) value.length);
      }
      out.write(header.array(), 0, header.position());
      out.writeBytes(value);
      return this;
    }

    Elements append(byte[] encoded) {
      out.writeBytes(encoded);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    /** Part 5 table 7.1-1: these VRs have two reserved bytes and a 32-bit length. */
    private static boolean hasLongLength(String vr) {
      return switch (vr) {
        case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
        default -> false;
      };
    }
  }
}
