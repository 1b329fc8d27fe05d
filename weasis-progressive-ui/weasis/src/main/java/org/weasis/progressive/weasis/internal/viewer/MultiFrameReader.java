package org.weasis.progressive.weasis.internal.viewer;

import java.nio.file.Path;
import java.util.HashMap;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.img.DicomMetaData;
import org.weasis.core.api.media.data.SimpleTaggable;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.codec.utils.DicomMediaUtils;

/**
 * Weasis' reader of one of our multi-frame files, whose every header carries the modality and VOI LUTs of the
 * instance's functional groups. Weasis 4.7.2 puts them into the header it caches per reader while it makes the
 * reader's tags and elements (shared groups, then each frame's), but drops that header whenever the reader is
 * closed (a frame's pixels leaving its image cache, by our better version or by Weasis' own eviction) or the
 * soft cache holding it is cleared; the header read again has only the top-level LUTs, so the frames of an
 * enhanced CT lost their rescale to Hounsfield units (seen in Weasis: a white body at window 400/40).
 *
 * <p>Every header leaves the reader through {@link #getDicomMetaData()}: the element takes the descriptor its
 * pixels are rescaled and windowed with from there once a frame is decoded (Weasis' own decode reads the header
 * only for the frame's size and overlays). So a header is given the groups' LUTs there, once per header read.
 */
final class MultiFrameReader extends DicomMediaIO {
  /** The header last given the groups' LUTs; guarded by this (the monitor Weasis reads the header under). */
  private DicomMetaData applied;

  MultiFrameReader(Path file) {
    super(file);
  }

  @Override
  public synchronized DicomMetaData getDicomMetaData() {
    DicomMetaData metadata = super.getDicomMetaData();
    if (metadata != null && metadata != applied) {
      applied = metadata;
      apply(metadata);
    }
    return metadata;
  }

  /** Applies the functional groups of {@code metadata}'s header to its descriptor, as Weasis' reading did. */
  private static void apply(DicomMetaData metadata) {
    Attributes header = metadata.getDicomObject();
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
