package org.weasis.progressive.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/octet-stream; transfer-syntax="
        + "1.2.840.10008.1.2.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(pixels(index));
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  public static String multipartType() {
    return "multipart/related; type=\"application/octet-stream\"; boundary=" + BOUNDARY;
  }

  public byte[] metadataJson() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < images; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{")
          .append(attr("00080018", "UI", "\"" + sop(i) + "\""))
          .append(',').append(attr("0020000D", "UI", "\"" + STUDY + "\""))
          .append(',').append(attr("0020000E", "UI", "\"" + SERIES + "\""))
          .append(',').append(attr("00200013", "IS", String.valueOf(i + 1)))
          .append(',').append(attr("00280010", "US", String.valueOf(rows)))
          .append(',').append(attr("00280011", "US", String.valueOf(columns)))
          .append(',').append(attr("00280100", "US", "16"))
          .append(',').append(attr("00280101", "US", "12"))
          .append(',').append(attr("00280103", "US", "0"))
          .append(',').append(attr("00280004", "CS", "\"MONOCHROME2\""))
          .append(",\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"instances/").append(sop(i))
          .append("/frames\"}}");
    }
    return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
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

  private static String attr(String tag, String vr, String value) {
    return "\"" + tag + "\":{\"vr\":\"" + vr + "\",\"Value\":[" + value + "]}";
  }
}
