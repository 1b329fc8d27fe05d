package org.weasis.progressive.api.node;

import java.util.List;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;

/**
 * What a {@link NodeProbe} found out about a node, and the retrieve configuration it proposes, so a
 * user sees why a configuration fits instead of guessing.
 *
 * @param metadataAnswered the series metadata was read and lists at least one image
 * @param metadataError why not, or null
 * @param firstFrameUrl the frame the other checks asked for, or null without metadata
 * @param range the first frame asked with {@code Range: bytes=0-1023}
 * @param rangeHonoured a 206 with a Content-Range for exactly that start came back
 * @param defaultAccept the first frame with {@link RetrieveOptions#DEFAULT_ACCEPT}
 * @param jlsAccept the first frame with {@link #JLS_ACCEPT}
 * @param htj2kAccept the first frame with {@link #HTJ2K_ACCEPT}
 * @param jlsAlternate the first frame on the {@code /jls/} path
 * @param jlsThumbnailAlternate the first frame on the {@code /jlsThumbnail/} path
 * @param proposal the retrieve configuration that fits what was found
 * @param notes what was found and why the proposal, one sentence each
 */
public record ProbeReport(
    boolean metadataAnswered,
    String metadataError,
    String firstFrameUrl,
    Answer range,
    boolean rangeHonoured,
    Answer defaultAccept,
    Answer jlsAccept,
    Answer htj2kAccept,
    Answer jlsAlternate,
    Answer jlsThumbnailAlternate,
    RetrieveConfiguration proposal,
    List<String> notes) {

  public static final String JLS_ACCEPT = "multipart/related; type=\"image/jls\"";
  public static final String HTJ2K_ACCEPT = "multipart/related; type=\"image/jphc\"";

  public ProbeReport {
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /**
   * One request of the probe and what came back.
   *
   * @param url the URL asked, or null when the request was not made
   * @param accept the Accept header sent
   * @param range the Range header sent, or null
   * @param status the HTTP status, or 0 when none came (connection error, not asked)
   * @param contentType the response's Content-Type, or null
   * @param contentRange the response's Content-Range, or null
   * @param transferSyntaxUid of the frame: from the part's Content-Type, else the response's; or null
   * @param error what went wrong, or null
   */
  public record Answer(
      String url,
      String accept,
      String range,
      int status,
      String contentType,
      String contentRange,
      String transferSyntaxUid,
      String error) {

    /** A request the probe did not make, and why. */
    public static Answer skipped(String why) {
      return new Answer(null, null, null, 0, null, null, null, why);
    }

    /** The node answered with the resource (200 or 206). */
    public boolean answered() {
      return status == 200 || status == 206;
    }
  }
}
