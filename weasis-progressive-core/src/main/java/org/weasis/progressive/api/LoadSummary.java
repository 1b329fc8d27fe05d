package org.weasis.progressive.api;

import java.util.Map;

/**
 * How a load went.
 *
 * @param images images in the series; an instance left out as malformed counts as one
 * @param finalImages images that reached their final status: {@link ImageQualityStatus#FULL_RESOLUTION}, or
 *     {@link ImageQualityStatus#LOSSY} for an image the series stores lossy
 * @param failedImages images that ended below it, instances left out as malformed included
 * @param bytesReceived frame bytes received (response bodies of frame requests, usable or not)
 * @param firstImageMs when the first image version was delivered, or -1
 * @param finalMs when the last image reached its final status, or -1
 * @param bytesPerStage frame bytes received per stage id
 * @param cancelled true when the load was cancelled
 */
public record LoadSummary(
    int images,
    int finalImages,
    int failedImages,
    long bytesReceived,
    long firstImageMs,
    long finalMs,
    Map<String, Long> bytesPerStage,
    boolean cancelled) {
  public LoadSummary {
    bytesPerStage = Map.copyOf(bytesPerStage);
  }
}
