package org.weasis.progressive.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPOutputStream;
import org.weasis.progressive.internal.dicom.DicomJsonWriter;
import org.weasis.progressive.internal.http.MultipartWriter;

/**
 * A small uncompressed 16-bit series for HTTP tests: its WADO-RS metadata and the frame bodies a
 * DICOMweb server would send, with each image's pixels known exactly.
 */
public final class TinySeries {
  public static final String STUDY = "1.2.3";
  public static final String SERIES = "1.2.3.4";
  public static final String BOUNDARY = "frame-boundary-7";

  public final int images;
  public final int rows;
  public final int columns;

  public TinySeries(int images, int rows, int columns) {
    this.images = images;
    this.rows = rows;
    this.columns = columns;
  }

  public static String sop(int index) {
    return SERIES + "." + (index + 1);
  }

  public String seriesPath() {
    return "/studies/" + STUDY + "/series/" + SERIES;
  }

  public String framePath(int index) {
    return seriesPath() + "/instances/" + sop(index) + "/frames/1";
  }

  /** Pixel value at (row, column) of image {@code index}: distinct per image and position. */
  public static int pixel(int index, int row, int column) {
    return (index * 97 + row * 13 + column * 7) & 0x0FFF;
  }

  public byte[] pixels(int index) {
    ByteBuffer b = ByteBuffer.allocate(rows * columns * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        b.putShort((short) pixel(index, r, c));
      }
    }
    return b.array();
  }

  /** A single-part multipart/related body as WADO-RS sends one frame. */
  public byte[] multipartFrame(int index) {
    return MultipartWriter.frame(BOUNDARY, "1.2.840.10008.1.2.1", pixels(index));
  }

  public static String multipartType() {
    return MultipartWriter.contentType(BOUNDARY);
  }

  public byte[] metadataJson() {
    DicomJsonWriter json = DicomJsonWriter.series();
    for (int i = 0; i < images; i++) {
      json.instance()
          .strings("00080018", "UI", sop(i))
          .strings("0020000D", "UI", STUDY)
          .strings("0020000E", "UI", SERIES)
          .numbers("00200013", "IS", i + 1)
          .greyscale16(rows, columns, 12)
          .bulkData("7FE00010", "OW", "instances/" + sop(i) + "/frames");
    }
    return json.toBytes();
  }

  public byte[] metadataGzip() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(metadataJson());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** The image index of a frame request path, or -1. */
  public int indexOf(String target) {
    for (int i = 0; i < images; i++) {
      if (target.startsWith(seriesPath() + "/instances/" + sop(i) + "/")) {
        return i;
      }
    }
    return -1;
  }
}
