package org.weasis.progressive.weasis.internal.viewer;

import java.util.HashMap;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.img.DicomMetaData;
import org.weasis.core.api.media.data.SimpleTaggable;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.codec.utils.DicomMediaUtils;

/**
 * Gives a multi-frame reader's header back the modality and VOI LUTs of the instance's functional groups. Weasis
 * 4.7.2 puts them into the header it caches per reader while it makes the reader's tags and elements (shared
 * groups, then each frame's); when an element leaves its image cache the reader is closed, the cached header is
 * dropped, and the header read again has only the top-level LUTs. Each better version of a frame takes its old
 * pixels out of that cache, so without this the frames of an enhanced CT would lose their rescale to
 * Hounsfield units at the first version replaced (seen in Weasis: a white body at window 400/40).
 */
final class FrameLuts {
  private FrameLuts() {}

  /** Reads the reader's header (again) and applies its functional groups as Weasis' reading of the file did. */
  static void reapply(DicomMediaIO reader) {
    DicomMetaData metadata = reader.getDicomMetaData();
    Attributes header = metadata == null ? null : metadata.getDicomObject();
    if (header == null) {
      return;
    }
    // The tags Weasis writes meanwhile go to a scratch map: the elements' own tags are already right.
    SimpleTaggable scratch = new SimpleTaggable(new HashMap<>());
    Attributes shared = header.getNestedDataset(Tag.SharedFunctionalGroupsSequence);
    if (shared != null) {
      DicomMediaUtils.writeFunctionalGroupsSequence(scratch, metadata, shared, -1);
    }
    int frames = header.getInt(Tag.NumberOfFrames, 1);
    for (int index = 0; index < frames; index++) {
      DicomMediaUtils.writeFrameGeometry(scratch, metadata, index);
    }
  }
}
