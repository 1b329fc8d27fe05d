package org.weasis.progressive.weasis.internal.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.weasis.core.api.media.data.TagView;
import org.weasis.core.api.media.data.TagW;
import org.weasis.core.api.media.data.TagW.TagType;
import org.weasis.dicom.codec.display.CornerDisplay;
import org.weasis.dicom.codec.display.CornerInfoData;
import org.weasis.dicom.codec.display.Modality;
import org.weasis.dicom.codec.display.ModalityInfoData;
import org.weasis.dicom.codec.display.ModalityView;
import org.weasis.progressive.weasis.internal.Messages;

/**
 * Shows an image's quality in the 2D viewer's corner information. Weasis' InfoLayer prints, per corner,
 * the tags its modality view lists, reading them from the image first; it has no hook for a per-image
 * string. So we add one tag of our own, {@link #QUALITY}, to a free line of the bottom-right corner of
 * every modality view, and set it on each image that is not final (an image without it shows nothing).
 */
public final class QualityCorner {
  /** The quality text of a non-final image, e.g. "759×759 of 3036×3036, sub-resolution". */
  public static final TagW QUALITY =
      new TagW("ProgressiveQuality", Messages.getString("quality.tag"), TagType.STRING);

  private final List<TagView[]> patched = new ArrayList<>();

  /** Adds the quality line to each modality's bottom-right corner that has a free line. */
  public synchronized void install() {
    TagView view = new TagView(QUALITY);
    patch(ModalityView.DEFAULT_MODALITY_VIEW, view);
    for (Map.Entry<Modality, ModalityInfoData> entry : ModalityView.getModalityViewEntries()) {
      patch(entry.getValue(), view);
    }
  }

  /** Takes the quality line out again (the bundle stops). */
  public synchronized void uninstall() {
    for (TagView[] infos : patched) {
      for (int i = 0; i < infos.length; i++) {
        if (infos[i] != null && infos[i].containsTag(QUALITY)) {
          infos[i] = null;
        }
      }
    }
    patched.clear();
  }

  private void patch(ModalityInfoData modality, TagView view) {
    CornerInfoData corner = modality.getCornerInfo(CornerDisplay.BOTTOM_RIGHT);
    TagView[] infos = corner.getInfos();
    if (patched.contains(infos)) {
      return;
    }
    // The bottom-right corner is painted from the last line up: the first free line is its top one.
    for (int i = 0; i < infos.length; i++) {
      if (infos[i] == null) {
        infos[i] = view;
        patched.add(infos);
        return;
      }
    }
  }
}
