package org.weasis.progressive.internal.engine;

import java.util.List;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;

/**
 * Where one image of a load stands. Each field is guarded by the part of the load that owns it: the
 * stage chain's position and queued job by {@link LoadScheduling}, the versions by {@link ImageVersions},
 * the bytes by {@link LoadAccounts}, the end and the last error by {@link SeriesLoad}.
 */
final class ImageState {
  final int index;
  final ImageRef ref;
  /** Indices of the stages that cover this image, in configuration order. */
  final List<Integer> chain;
  /** Position in {@link #chain} of the stage queued or running. */
  int step;
  /** Best status delivered so far, null before the first version (replicates included). */
  ImageQualityStatus shown;
  /** Best status delivered from this image's own data. */
  ImageQualityStatus own;
  /** The series stores this image lossy and its complete data came in: LOSSY is its final status. */
  boolean storedLossy;
  long bytes;
  boolean ended;
  String lastError;
  FrameJob queued;

  ImageState(int index, ImageRef ref, List<Integer> chain) {
    this.index = index;
    this.ref = ref;
    this.chain = chain;
  }

  /** FULL_RESOLUTION, or LOSSY for an image stored lossy (nothing better exists, as in Cornerstone3D). */
  boolean isFinal() {
    return own == ImageQualityStatus.FULL_RESOLUTION
        || (storedLossy && own == ImageQualityStatus.LOSSY);
  }

  int currentStage() {
    return chain.get(step);
  }

  boolean hasNextStage() {
    return step + 1 < chain.size();
  }
}
