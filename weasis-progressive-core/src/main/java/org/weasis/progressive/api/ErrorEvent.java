package org.weasis.progressive.api;

import java.util.OptionalInt;

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
 * @param cause the underlying exception, or null; an {@link HttpStatusException} when the error is the
 *     node's HTTP answer (see {@link #httpStatus()})
 */
public record ErrorEvent(
    int imageIndex,
    ImageRef image,
    String stageId,
    String reason,
    boolean permanent,
    long elapsedMs,
    Throwable cause) {

  /**
   * The status of the node's HTTP answer when the error is one (401 refused credentials, 404, a 503 still
   * there after the retries ...), taken from the {@link #cause()}; none for an error that is no HTTP answer
   * (I/O, a timeout, a refused redirect, bytes that do not decode). Tell errors apart by it, not by the
   * reason's words. Since 3.1.
   */
  public OptionalInt httpStatus() {
    return HttpStatusException.statusOf(cause);
  }
}
