package org.weasis.progressive.internal.engine;

import org.weasis.progressive.api.DecodeRequest;
import org.weasis.progressive.api.DecodedFrame;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.PixelDescription;
import org.weasis.progressive.api.RetrieveOptions;

/**
 * Grades a decoded version honestly: only complete, lossless, full-size data may be final, whatever
 * the stage's options claim.
 */
public final class Grading {
  private Grading() {}

  public static ImageQualityStatus grade(
      RetrieveOptions options, DecodedFrame decoded, boolean complete, int effectiveLevel) {
    if (!complete) {
      return effectiveLevel > 0 ? ImageQualityStatus.SUBRESOLUTION : ImageQualityStatus.LOSSY;
    }
    ImageQualityStatus status = options.statusOrDefault();
    if (effectiveLevel > 0) {
      status = min(status, ImageQualityStatus.SUBRESOLUTION);
    }
    if (!decoded.lossless()) {
      status = min(status, ImageQualityStatus.LOSSY);
    }
    return status;
  }

  /**
   * The level a raster stands for relative to the full image: 0 at full size, 2 for a quarter-size
   * thumbnail, whichever way it was made.
   */
  public static int effectiveLevel(PixelDescription full, int rows, int columns) {
    int level = 0;
    while (level < 31
        && (DecodeRequest.reducedSize(full.columns(), level) > columns
            || DecodeRequest.reducedSize(full.rows(), level) > rows)) {
      level++;
    }
    return level;
  }

  /** True when {@code candidate} may replace {@code shown}: never a strictly lower status. */
  public static boolean mayReplace(ImageQualityStatus shown, ImageQualityStatus candidate) {
    return shown == null || candidate.value() >= shown.value();
  }

  private static ImageQualityStatus min(ImageQualityStatus a, ImageQualityStatus b) {
    return a.value() <= b.value() ? a : b;
  }
}
