package org.weasis.progressive.weasis.internal.viewer;

import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.weasis.internal.Messages;

/** The quality line the corner information shows until an image is final. */
public final class QualityText {
  private QualityText() {}

  /**
   * For example {@code 759×759 of 3036×3036, sub-resolution}; null for a final version, which shows
   * nothing.
   */
  public static String of(ImageEvent event) {
    ImageQualityStatus status = event.status();
    if (status.isFinal()) {
      return null;
    }
    int fullRows = event.image().pixels().rows();
    int fullColumns = event.image().pixels().columns();
    String size = event.columns() + "×" + event.rows();
    String full = fullColumns + "×" + fullRows;
    String what = Messages.getString("quality." + status.name());
    if (event.isReplicate()) {
      return Messages.format("quality.copy", String.valueOf(event.sourceIndex() + 1), size, full, what);
    }
    if (event.rows() == fullRows && event.columns() == fullColumns) {
      return Messages.format("quality.fullSize", full, what);
    }
    return Messages.format("quality.reduced", size, full, what);
  }
}
