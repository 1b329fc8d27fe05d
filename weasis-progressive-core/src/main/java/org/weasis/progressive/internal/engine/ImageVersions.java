package org.weasis.progressive.internal.engine;

import java.util.List;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.NearbyFrame;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.api.RetrieveStage;

/**
 * Which version of each image is shown: a version never replaces a better one, a stage's nearby frames
 * get copies until their own data arrives, and once the load is over nothing more is delivered. Guards
 * {@link ImageState#shown}, {@link ImageState#own} and {@link ImageState#storedLossy}.
 */
final class ImageVersions {
  private final LoadEvents events;
  private final LoadAccounts accounts;
  private List<ImageState> images = List.of();
  private boolean closed;

  ImageVersions(LoadEvents events, LoadAccounts accounts) {
    this.events = events;
    this.accounts = accounts;
  }

  synchronized void begin(List<ImageState> states) {
    images = List.copyOf(states);
  }

  /** The load is cancelled or complete: no version is delivered from now on. */
  synchronized void close() {
    closed = true;
  }

  /**
   * Delivers a version of an image unless a better one is shown, then fills the stage's nearby frames.
   *
   * @param total the frame's length in bytes, -1 if unknown
   */
  void deliver(ImageState image, RetrieveStage stage, ImageQualityStatus status, Raster raster, int level,
      long total) {
    synchronized (events) {
      ImageEvent event;
      synchronized (this) {
        if (closed || !Grading.mayReplace(image.shown, status)) {
          return;
        }
        image.shown = status;
        if (image.own == null || status.value() > image.own.value()) {
          image.own = status;
        }
        accounts.firstImageShown();
        event = new ImageEvent(image.index, image.ref, status, raster.rows(), raster.columns(), level,
            accounts.bytesOf(image), total, stage.id(), accounts.elapsedMs(), image.index, raster);
      }
      events.image(event);
      fillNearby(image, stage, raster, level);
    }
  }

  /** The image's stored data is lossy and complete: LOSSY ends it (see {@link ImageState#isFinal}). */
  synchronized void markStoredLossy(ImageState image) {
    image.storedLossy = true;
  }

  synchronized boolean isFinal(ImageState image) {
    return image.isFinal();
  }

  /** The best status delivered from the image's own data, or null. */
  synchronized ImageQualityStatus ownBest(ImageState image) {
    return image.own;
  }

  synchronized int shownCount() {
    return (int) images.stream().filter(i -> i.shown != null).count();
  }

  private void fillNearby(ImageState source, RetrieveStage stage, Raster raster, int level) {
    for (NearbyFrame nearby : stage.nearbyFrames()) {
      int target = source.index + nearby.offset();
      ImageEvent event;
      synchronized (this) {
        if (target < 0 || target >= images.size()) {
          continue;
        }
        ImageState t = images.get(target);
        if (t.shown != null && t.shown.value() >= nearby.status().value()) {
          continue;
        }
        t.shown = nearby.status();
        accounts.firstImageShown();
        event = new ImageEvent(t.index, t.ref, nearby.status(), raster.rows(), raster.columns(),
            level, accounts.bytesOf(t), -1, stage.id(), accounts.elapsedMs(), source.index, raster);
      }
      events.image(event);
    }
  }
}
