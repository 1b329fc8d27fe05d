package org.weasis.progressive.api;

import java.util.Objects;
import org.weasis.progressive.api.decoder.PixelDescription;

/**
 * One frame of one instance: the unit the engine retrieves, decodes and delivers.
 *
 * @param studyUid StudyInstanceUID
 * @param seriesUid SeriesInstanceUID
 * @param sopInstanceUid SOPInstanceUID
 * @param frameNumber 1-based frame number
 * @param framesUrl absolute URL of the instance's frames resource (ends with {@code /frames})
 * @param transferSyntaxUid transfer syntax announced by the metadata, or null when unknown
 * @param instanceNumber InstanceNumber, or 0 when absent
 * @param pixels how to interpret and display the decoded pixels
 */
public record ImageRef(
    String studyUid,
    String seriesUid,
    String sopInstanceUid,
    int frameNumber,
    String framesUrl,
    String transferSyntaxUid,
    int instanceNumber,
    PixelDescription pixels) {

  public ImageRef {
    Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    Objects.requireNonNull(framesUrl, "framesUrl");
    Objects.requireNonNull(pixels, "pixels");
    if (frameNumber < 1) {
      throw new IllegalArgumentException("frameNumber is 1-based, got " + frameNumber);
    }
  }
}
