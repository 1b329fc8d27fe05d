package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.internal.schedule.RequestScheduler;
import org.weasis.progressive.internal.schedule.SequentialStrategy;

/**
 * Which requests a load marks as finals for the scheduler, and with how many pixels: those that bring a
 * frame's last byte for a full-resolution version. Each stage's request is run at once, in order.
 */
class FinalPixelsTest {
  private static final PixelDescription PIXELS = PixelDescription.grey(30, 40, 12, false);
  private final List<String> ran = new ArrayList<>();

  @Test
  void theRestAfterAFirstRangeIsAFinalOfTheFramesPixelsAndTheRangeBeforeItIsNot() {
    RetrieveConfiguration configuration = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", RetrieveOptions.builder().rangeIndex(0).chunkSize(4096).build(),
        "singleFinal", RetrieveOptions.builder().rangeIndex(-1).build()));

    run(configuration, TransferSyntax.HTJ2K_LOSSLESS);

    assertEquals(List.of("lossySequential: 0", "finalSequential: 1200"), ran);
  }

  @Test
  void optionsForTheFramesTransferSyntaxDecide() {
    RetrieveOptions firstChunk = RetrieveOptions.builder().rangeIndex(0).build();
    RetrieveConfiguration configuration = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", RetrieveOptions.builder()
            .transferSyntaxes(Map.of(TransferSyntax.HTJ2K_LOSSLESS, firstChunk)).build()));

    run(configuration, TransferSyntax.JPEG_LS_LOSSLESS);
    run(configuration, TransferSyntax.HTJ2K_LOSSLESS);

    assertEquals(List.of("lossySequential: 1200", "finalSequential: 1200", "lossySequential: 0",
        "finalSequential: 1200"), ran);
  }

  @Test
  void aWholeFrameGradedBelowFullResolutionIsNoFinal() {
    RetrieveConfiguration configuration = new RetrieveConfiguration(
        List.of(RetrieveStage.of("thumbnail", "thumbnail"), RetrieveStage.of("whole", "whole")),
        Map.of("thumbnail", RetrieveOptions.builder().framesPath("/thumbnail/")
            .imageQualityStatus(ImageQualityStatus.SUBRESOLUTION).build()));

    run(configuration, null);

    assertEquals(List.of("thumbnail: 0", "whole: 1200"), ran);
  }

  /** Runs every stage of one image of {@link #PIXELS}, recording each request's final pixels. */
  private void run(RetrieveConfiguration configuration, String transferSyntax) {
    ImageRef ref = new ImageRef("1", "1.1", "1.1.1", 1, "http://127.0.0.1:1/frames", transferSyntax, 1, PIXELS);
    SeriesRequest request = new SeriesRequest(NodeConfig.builder().baseUrl("http://127.0.0.1:1").build(), "1",
        "1.1", List.of(ref), "sequential", -1);
    StagePlan plan = new StagePlan(configuration, 1);
    ImageState image = new ImageState(0, ref, plan.chain(0));
    LoadScheduling[] scheduling = new LoadScheduling[1];
    scheduling[0] = new LoadScheduling(this, request, configuration, new RequestScheduler(Runnable::run),
        new SequentialStrategy(), (job, releaseSlot) -> {
          ran.add(configuration.stages().get(job.stageIndex).id() + ": " + job.finalPixels());
          if (job.image.hasNextStage()) {
            scheduling[0].submitNextStage(job.image);
          }
        }, () -> {});
    scheduling[0].submitFirstStages(plan, List.of(image));
  }
}
