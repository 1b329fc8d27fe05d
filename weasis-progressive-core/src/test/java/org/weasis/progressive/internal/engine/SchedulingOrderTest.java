package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.internal.schedule.InterleavedStrategy;
import org.weasis.progressive.internal.schedule.NearestStrategy;
import org.weasis.progressive.internal.schedule.ManualExecutor;
import org.weasis.progressive.internal.schedule.RequestScheduler;
import org.weasis.progressive.internal.schedule.SequentialStrategy;

/**
 * The order in which a load runs its (image, stage) requests, on an executor stepped by hand with one
 * connection unless a test says otherwise, and a stage runner that grades "multipleFast" SUBRESOLUTION and everything else final.
 */
class SchedulingOrderTest {
  private final ManualExecutor executor = new ManualExecutor();
  private final RequestScheduler scheduler = new RequestScheduler(executor);
  private final List<String> ran = new ArrayList<>();
  private final Recorder recorder = new Recorder();

  @Test
  void interleavedPresetRunsCornerstonesOrderAndSkipsStagesOfFinalImages() {
    SeriesLoad load = start(13, RetrieveConfiguration.interleaved(), new InterleavedStrategy(), -1);
    executor.runAll();
    assertEquals(List.of(
            "6:initialImages", "0:initialImages", "12:initialImages",
            "3:quarterThumb", "7:quarterThumb", "11:quarterThumb",
            "1:halfThumb", "5:halfThumb", "9:halfThumb",
            "2:quarterFull", "10:quarterFull",
            "4:halfFull", "8:halfFull",
            "1:threeQuarterFull", "5:threeQuarterFull", "9:threeQuarterFull",
            "3:finalFull", "7:finalFull", "11:finalFull"),
        ran);
    LoadSummary summary = load.completion().toCompletableFuture().getNow(null);
    assertEquals(13, summary.finalImages());
    assertTrue(recorder.errors.isEmpty(), recorder.errors::toString);
  }

  @Test
  void nearbyFramesGetReplicatesOnlyUntilTheirOwnDataArrives() {
    start(13, RetrieveConfiguration.interleaved(), new InterleavedStrategy(), -1);
    executor.runNext(); // image 6, initialImages, fills 5 and 7 (adjacent) and 8 (far)
    assertEquals(List.of("6<-6:8", "5<-6:3", "7<-6:3", "8<-6:1"), recorder.images);
    executor.runAll();
    for (int i = 0; i < 13; i++) {
      assertEquals(ImageQualityStatus.FULL_RESOLUTION, recorder.lastStatus(i), "image " + i);
    }
    assertTrue(recorder.neverDowngraded(), recorder.images::toString);
  }

  @Test
  void sequentialPresetSkipsTheFinalStageWhenTheFirstIsAlreadyLossless() {
    start(4, RetrieveConfiguration.sequential(), new SequentialStrategy(), -1);
    executor.runAll();
    assertEquals(List.of("0:lossySequential", "1:lossySequential", "2:lossySequential",
        "3:lossySequential"), ran);
  }

  @Test
  void interactionPreemptsEverythingQueued() {
    SeriesLoad load = start(13, RetrieveConfiguration.interleaved(), new InterleavedStrategy(), -1);
    load.prioritize(10); // image 6 already holds the only connection
    executor.runNext();
    executor.runNext();
    executor.runNext();
    assertEquals(List.of("6:initialImages", "10:quarterFull", "0:initialImages"), ran);
  }

  @Test
  void nearestStrategyLoadsOutwardsFromTheFocusedImage() {
    start(7, RetrieveConfiguration.single(), new NearestStrategy(), 3);
    executor.runAll();
    assertEquals(List.of("3:initialImages", "4:initialImages", "2:initialImages", "5:initialImages",
        "1:initialImages", "6:initialImages", "0:initialImages"), ran);
  }

  @Test
  void theFocusedImagesFirstChunkIsFetchedAloneThenTheOtherImagesShareTheConnections() {
    SeriesLoad load = start(6, firstChunkThenRest(), new SequentialStrategy(), 0, 3);
    assertEquals(5, scheduler.queuedCount(load), "the focused image's first chunk runs alone");

    executor.runNext();

    assertEquals(List.of("0:lossySequential"), ran);
    assertEquals(2, scheduler.queuedCount(load), "then three requests share the three connections");
    executor.runAll();
    assertEquals(6, ran.size());
  }

  @Test
  void withoutAFocusedImageTheFirstRequestsShareTheConnections() {
    SeriesLoad load = start(6, firstChunkThenRest(), new SequentialStrategy(), -1, 3);
    assertEquals(3, scheduler.queuedCount(load));
  }

  @Test
  void aFocusedImageFetchedWholeDoesNotHoldTheOthers() {
    SeriesLoad load = start(6, RetrieveConfiguration.sequential(), new SequentialStrategy(), 0, 3);
    assertEquals(3, scheduler.queuedCount(load), "a whole frame may come slowly: the others go along");
  }

  @Test
  void aFocusedImageFetchedWholeAtALowerQualityDoesNotHoldTheOthersEither() {
    RetrieveConfiguration lossyFirst = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", RetrieveOptions.builder().framesPath("/lossy/")
            .imageQualityStatus(ImageQualityStatus.LOSSY).build()));
    SeriesLoad load = start(6, lossyFirst, new SequentialStrategy(), 0, 3);
    assertEquals(3, scheduler.queuedCount(load), "a whole lossy frame may come slowly too: the others go along");
  }

  /** The sequential stages where the first takes a 64 KiB first chunk of each frame, then the rest. */
  private static RetrieveConfiguration firstChunkThenRest() {
    return RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", RetrieveOptions.builder().rangeIndex(0).chunkSize(65536).build(),
        "singleFinal", RetrieveOptions.builder().rangeIndex(-1).build()));
  }

  @Test
  void cancellationDropsQueuedRequestsAndCompletesOnce() {
    SeriesLoad load = start(13, RetrieveConfiguration.interleaved(), new InterleavedStrategy(), -1);
    executor.runNext();
    executor.runNext();
    load.cancel();
    load.cancel();
    executor.runAll();
    assertEquals(2, ran.size());
    assertEquals(0, scheduler.queuedCount(load));
    assertEquals(1, recorder.completions.size());
    assertTrue(recorder.completions.get(0).cancelled());
  }

  private SeriesLoad start(int images, RetrieveConfiguration configuration,
      SeriesLoadingStrategy strategy, int focus) {
    return start(images, configuration, strategy, focus, 1);
  }

  private SeriesLoad start(int images, RetrieveConfiguration configuration,
      SeriesLoadingStrategy strategy, int focus, int connections) {
    List<ImageRef> refs = new ArrayList<>();
    PixelDescription pixels = PixelDescription.grey(4, 4, 12, false);
    for (int i = 0; i < images; i++) {
      refs.add(new ImageRef("1", "1.1", "1.1." + i, 1, "http://127.0.0.1:1/frames", null, i, pixels));
    }
    NodeConfig node = NodeConfig.builder().baseUrl("http://127.0.0.1:1").maxConnections(connections).build();
    SeriesRequest request = new SeriesRequest(node, "1", "1.1", refs, strategy.name(), focus);
    LoadParts parts = LoadParts.of(recorder);
    SeriesLoad load = new SeriesLoad(parts, request, configuration, new GradingRunner(parts.versions()), scheduler,
        strategy);
    load.start();
    return load;
  }

  /** Stands in for the network: records the request and delivers a version graded by retrieveType. */
  private final class GradingRunner implements StageRunner {
    private final ImageVersions versions;

    GradingRunner(ImageVersions versions) {
      this.versions = versions;
    }

    @Override
    public void retrieve(ImageState image, RetrieveStage stage, Runnable bodyIn) {
      ran.add(image.index + ":" + stage.id());
      ImageQualityStatus status = stage.retrieveType().equals("multipleFast")
          ? ImageQualityStatus.SUBRESOLUTION
          : ImageQualityStatus.FULL_RESOLUTION;
      Raster raster = new Raster(1, 1, 1, ShortBuffer.wrap(new short[] {(short) image.index}));
      versions.deliver(image, stage, status, raster, 0, -1);
    }

    @Override
    public org.weasis.progressive.internal.dicom.SeriesMetadata.Series readSeries() throws IOException {
      throw new IOException("explicit images only");
    }
  }

  private static final class Recorder implements LoadListener {
    final List<String> images = new ArrayList<>();
    final List<ImageEvent> events = new ArrayList<>();
    final List<ErrorEvent> errors = new ArrayList<>();
    final List<LoadSummary> completions = new ArrayList<>();

    @Override
    public void onImage(ImageEvent e) {
      events.add(e);
      images.add(e.imageIndex() + "<-" + e.sourceIndex() + ":" + e.status().value());
    }

    @Override
    public void onError(ErrorEvent e) {
      errors.add(e);
    }

    @Override
    public void onComplete(LoadSummary s) {
      completions.add(s);
    }

    ImageQualityStatus lastStatus(int index) {
      ImageQualityStatus last = null;
      for (ImageEvent e : events) {
        if (e.imageIndex() == index) {
          last = e.status();
        }
      }
      return last;
    }

    boolean neverDowngraded() {
      int[] best = new int[64];
      for (ImageEvent e : events) {
        if (e.status().value() < best[e.imageIndex()]) {
          return false;
        }
        best[e.imageIndex()] = e.status().value();
      }
      return true;
    }
  }
}
