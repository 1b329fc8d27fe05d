package org.weasis.progressive.api;

/**
 * A stage that failed for one image.
 *
 * @param imageIndex position of the image in the series, or -1 for a series-level failure (metadata) or
 *     an instance left out as malformed
 * @param image the frame, or null for a series-level failure
 * @param stageId the stage that failed, or null for a series-level failure
 * @param reason what went wrong, naming the URL, status code or decoder
 * @param permanent true when no later stage will try this image again
 * @param elapsedMs milliseconds since the load started
 * @param cause the underlying exception, or null
 */
public record ErrorEvent(
    int imageIndex,
    ImageRef image,
    String stageId,
    String reason,
    boolean permanent,
    long elapsedMs,
    Throwable cause) {}
