package org.weasis.progressive.api;

import java.util.List;

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
}
