package org.weasis.progressive.weasis.internal.load;

import org.weasis.progressive.api.ImageEvent;

/**
 * The two log lines of issue 10's contract, which the real-Weasis tests parse: keep them exactly as
 * they are.
 */
public final class LogLines {
  private LogLines() {}

  /** One line per image version handed to the viewer; {@code ms} counted from the open() call. */
  public static String image(String seriesUid, ImageEvent event, long ms) {
    return "progressive image series=" + seriesUid + " index=" + event.imageIndex() + " status="
        + event.status().name() + " rows=" + event.rows() + " columns=" + event.columns() + " bytes="
        + event.bytesReceived() + " ms=" + ms;
  }

  /** One line per series, once no more versions will come. */
  public static String seriesDone(String seriesUid, int finalImages, int errors, long ms) {
    return "progressive series done series=" + seriesUid + " final=" + finalImages + " errors="
        + errors + " ms=" + ms;
  }
}
