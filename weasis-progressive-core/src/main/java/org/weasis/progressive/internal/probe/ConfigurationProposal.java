package org.weasis.progressive.internal.probe;

import java.util.Map;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;

/**
 * The rule that turns what a probe found into a retrieve configuration, kept apart from the HTTP so
 * that the choice and its explanation can be read (and tested) on their own.
 */
public final class ConfigurationProposal {
  /** A proposed configuration and the sentence that says why. */
  public record Choice(RetrieveConfiguration configuration, String reason) {}

  private ConfigurationProposal() {}

  /**
   * Byte ranges when the node honours Range and sends HTJ2K (a prefix of an HTJ2K codestream decodes to
   * a lower resolution), else JPEG-LS thumbnails when the node has them, else one plain stage.
   */
  public static Choice choose(boolean rangeHonoured, boolean htj2kFrames, boolean jlsThumbnail, boolean jls) {
    if (rangeHonoured && htj2kFrames) {
      return new Choice(byteRange(), "Proposal: sequential with byte ranges, because the node honours Range"
          + " and sends HTJ2K: the first 64 KiB of each frame give a fast lower-resolution image, then the"
          + " rest of the same frame completes it without fetching anything twice.");
    }
    if (jlsThumbnail) {
      String last = jls
          ? "the lossless frame from /jls/"
          : "the frame from the default path (there is no /jls/ alternate)";
      return new Choice(thumbnails(jls), "Proposal: sequential with JPEG-LS thumbnails, because the node has"
          + " /jlsThumbnail/ frames: a small sub-resolution image first, then " + last + "."
          + (rangeHonoured ? " Byte ranges were not chosen: the frames are not HTJ2K." : ""));
    }
    String why = !rangeHonoured
        ? "the node does not honour Range"
        : "the frames are not HTJ2K, so a prefix of them cannot be shown";
    return new Choice(RetrieveConfiguration.single(), "Proposal: a single stage fetching each frame whole, because "
        + why + " and there is no /jlsThumbnail/ alternate.");
  }

  private static RetrieveConfiguration byteRange() {
    return RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", options(null, null, 0, RetrieveOptions.DEFAULT_CHUNK_SIZE),
        "singleFinal", options(null, null, -1, null)));
  }

  private static RetrieveConfiguration thumbnails(boolean jls) {
    return RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", options("/jlsThumbnail/", ImageQualityStatus.SUBRESOLUTION, null, null),
        "singleFinal", jls ? options("/jls/", null, null, null) : RetrieveOptions.DEFAULT));
  }

  private static RetrieveOptions options(
      String framesPath, ImageQualityStatus status, Integer rangeIndex, Integer chunkSize) {
    return RetrieveOptions.builder()
        .framesPath(framesPath)
        .imageQualityStatus(status)
        .rangeIndex(rangeIndex)
        .chunkSize(chunkSize)
        .build();
  }
}
