package org.weasis.progressive.api;

import java.util.List;
import java.util.Optional;

/**
 * Receives what a load delivers. Called from the engine's threads; keep the callbacks short (copy or
 * hand the raster to the UI thread).
 */
@org.osgi.annotation.versioning.ConsumerType
public interface LoadListener {
  /** The series is known: called once, before any image. */
  default void onSeries(List<ImageRef> images) {}

  /** A new version of an image, of at least the status of the one shown before. */
  void onImage(ImageEvent event);

  /** A stage failed for an image (or the series could not be read). */
  void onError(ErrorEvent event);

  /** The load ended: every image final or failed, or the load was cancelled. */
  default void onComplete(LoadSummary summary) {}

  /**
   * The node answered 401 (Unauthorized) to the load's credentials, {@code refused}: return the node's
   * authentication with fresh credentials (a renewed access token, with the node's other headers) to send
   * the refused requests again with them, and every later request of this load; or empty (the default) to
   * let them fail, each with an {@link ErrorEvent} of {@link ErrorEvent#httpStatus() HTTP status} 401.
   *
   * <p>Asked at most once per load, on one of the engine's threads and holding none of its locks, the
   * first time the node refuses: a host may block here while it gets a token (a login). The requests
   * refused meanwhile wait for its answer; nothing of a refused answer was kept, so nothing is fetched
   * twice. A 401 to the renewed credentials fails its request: credentials refused twice are wrong, not
   * expired. Since 3.1.
   */
  default Optional<Authentication> renewAuthentication(Authentication refused) {
    return Optional.empty();
  }
}
