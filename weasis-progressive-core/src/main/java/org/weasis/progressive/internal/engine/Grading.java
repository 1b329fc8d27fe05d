package org.weasis.progressive.internal.engine;

import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.PixelDescription;

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
   * True when {@code decoded} is the image as the series stores it, complete and full size, and that
   * is lossy: a lossy syntax ({@link TransferSyntax#mayBeLossy}) whose codestream says lossy. Nothing
   * better can be had, so LOSSY is final, as in Cornerstone3D. The metadata's transfer syntax decides
   * when it gives one (a server may transcode); data from an alternate path never counts.
   */
  public static boolean isStoredLossyFinal(ImageRef image, String receivedSyntax, RetrieveOptions options,
      DecodedFrame decoded, boolean complete, int effectiveLevel) {
    if (!complete || effectiveLevel > 0 || decoded.lossless() || options.framesPath() != null) {
      return false;
    }
    String stored = image.transferSyntaxUid() != null ? image.transferSyntaxUid() : receivedSyntax;
    return TransferSyntax.mayBeLossy(stored);
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
