package org.weasis.progressive.internal.engine;

import java.util.ArrayList;
import java.util.List;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveStage;

/**
 * Which stages cover each image, in order (an image's chain), and the order in which the configuration
 * names each (image, stage) pair — Cornerstone3D's interleaving, used to rank requests.
 */
final class StagePlan {
  private final List<List<Integer>> chains = new ArrayList<>();
  private final long[][] sequence;

  StagePlan(RetrieveConfiguration configuration, int imageCount) {
    List<RetrieveStage> stages = configuration.stages();
    sequence = new long[imageCount][stages.size()];
    for (int i = 0; i < imageCount; i++) {
      chains.add(new ArrayList<>());
    }
    long next = 0;
    for (int s = 0; s < stages.size(); s++) {
      for (int index : stages.get(s).imageIndices(imageCount)) {
        chains.get(index).add(s);
        sequence[index][s] = next++;
      }
    }
  }

  /** Stage indices covering the image, in configuration order. */
  List<Integer> chain(int image) {
    return List.copyOf(chains.get(image));
  }

  long sequence(int image, int stage) {
    return sequence[image][stage];
  }
}
