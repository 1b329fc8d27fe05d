package org.weasis.progressive.api;

import org.weasis.progressive.api.decoder.Raster;

/**
 * One delivered version of one image.
 *
 * @param imageIndex position of the image in the series
 * @param image the frame this version is for
 * @param status quality of this version; never lower than the version it replaces
 * @param rows height of {@code raster} (less than the image's when reduced)
 * @param columns width of {@code raster}
 * @param decodeLevel 0 = full size, level i = 1/2^i per axis
 * @param bytesReceived bytes received for this image so far, all stages together
 * @param totalBytes size of the resource being fetched when known, else -1
 * @param stageId the stage that produced this version
 * @param elapsedMs milliseconds since the load started
 * @param sourceIndex the image whose pixels these are: {@code imageIndex}, or a neighbour for a replicate
 * @param raster the pixels; display with {@code image.pixels()}, scaled up when reduced
 */
public record ImageEvent(
    int imageIndex,
    ImageRef image,
    ImageQualityStatus status,
    int rows,
    int columns,
    int decodeLevel,
    long bytesReceived,
    long totalBytes,
    String stageId,
    long elapsedMs,
    int sourceIndex,
    Raster raster) {

  public boolean isReplicate() {
    return sourceIndex != imageIndex;
  }
}
