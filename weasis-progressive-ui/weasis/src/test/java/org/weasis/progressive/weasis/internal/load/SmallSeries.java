package org.weasis.progressive.weasis.internal.load;

import java.io.IOException;
import java.util.Map;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.internal.dicom.DicomJsonWriter;
import org.weasis.progressive.internal.http.MultipartWriter;

/** A small series of uncompressed 16-bit images as a DICOMweb node serves it: its metadata and its frames. */
final class SmallSeries {
  static final String STUDY = "1.2.3";
  static final String SERIES = "1.2.3.4";
  static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  static final int IMAGES = 6;
  private static final int ROWS = 16;
  private static final String BOUNDARY = "frame-boundary";

  private SmallSeries() {}

  /** Answers the series metadata or one of its frames; 404 to anything else. */
  static void answer(FaultServer.Recorded r, FaultServer.Exchange x) throws IOException {
    if (r.path().endsWith("/metadata")) {
      x.respond(200, Map.of("Content-Type", "application/dicom+json"), metadataJson());
      return;
    }
    for (int i = 0; i < IMAGES; i++) {
      if (r.path().equals(framePath(i))) {
        x.respond(200, Map.of("Content-Type", MultipartWriter.contentType(BOUNDARY)),
            MultipartWriter.frame(BOUNDARY, EXPLICIT_LE, pixels(i)));
        return;
      }
    }
    x.respond(404, Map.of(), new byte[0]);
  }

  static String framePath(int index) {
    return "/studies/" + STUDY + "/series/" + SERIES + "/instances/" + sop(index) + "/frames/1";
  }

  private static String sop(int index) {
    return SERIES + "." + (index + 1);
  }

  /** 16-bit little-endian samples, distinct per image. */
  private static byte[] pixels(int index) {
    byte[] bytes = new byte[ROWS * ROWS * 2];
    for (int p = 0; p < ROWS * ROWS; p++) {
      int value = (index * 31 + p) & 0x0FFF;
      bytes[2 * p] = (byte) value;
      bytes[2 * p + 1] = (byte) (value >> 8);
    }
    return bytes;
  }

  private static byte[] metadataJson() {
    DicomJsonWriter json = DicomJsonWriter.series();
    for (int i = 0; i < IMAGES; i++) {
      json.instance()
          .strings("00080018", "UI", sop(i))
          .strings("0020000D", "UI", STUDY)
          .strings("0020000E", "UI", SERIES)
          .strings("00020010", "UI", EXPLICIT_LE)
          .numbers("00200013", "IS", i + 1)
          .greyscale16(ROWS, ROWS, 12)
          .bulkData("7FE00010", "OW", "instances/" + sop(i) + "/frames");
    }
    return json.toBytes();
  }
}
