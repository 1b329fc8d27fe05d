package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.internal.dicom.SeriesMetadata;
import org.weasis.progressive.testing.EventRecorder;

class WarmupTest {
  private static final LoadListener QUIET = new LoadListener() {
    @Override
    public void onImage(ImageEvent event) {}

    @Override
    public void onError(ErrorEvent event) {}
  };

  @Test
  void theWarmUpLoadsItsOneImageSeriesFromItsLoopbackServerWithTheRealRequests() throws Exception {
    EventRecorder recorder = new EventRecorder();

    Warmup.LoopbackLoad load = Warmup.loopbackLoad(recorder);

    assertEquals(List.of(), recorder.errors);
    assertEquals(1, load.summary().finalImages(), "the image reached its final status");
    assertEquals(List.of(
        "GET /studies/1.2.826.0.1.3680043.8.498.1/series/1.2.826.0.1.3680043.8.498.1.1/metadata HTTP/1.1",
        "GET /studies/1.2.826.0.1.3680043.8.498.1/series/1.2.826.0.1.3680043.8.498.1.1/instances/"
            + "1.2.826.0.1.3680043.8.498.1.1.1/frames/1 HTTP/1.1"), load.requests());
    ImageEvent last = recorder.images.getLast();
    assertEquals(ImageQualityStatus.FULL_RESOLUTION, last.status());
    assertEquals(Warmup.SIDE, last.rows());
    assertEquals(Warmup.SIDE, last.columns());
    ShortBuffer samples = (ShortBuffer) last.raster().samples();
    for (int i : new int[] {0, 1, 2, 3, Warmup.SIDE * Warmup.SIDE - 1}) {
      assertEquals((short) (i + 1), samples.get(samples.position() + i), "sample " + i);
    }
  }

  @Test
  void theWarmUpsOwnLoadIsNotARealOneButAnyOtherLoadMakesItLeaveOutTheStepsNotYetBegun() throws Exception {
    Warmup.forgetLoads();
    Warmup.loopbackLoad(QUIET);
    assertFalse(Warmup.yielded(), "the warm-up's own load does not count");

    try (WarmupServer server = WarmupServer.start("[]".getBytes(StandardCharsets.UTF_8), new byte[0],
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN); ProgressiveEngine engine = new ProgressiveEngine(1)) {
      engine.load(SeriesRequest.of(NodeConfig.of(server.baseUrl()), "1.2.3", "1.2.3.4"),
          RetrieveConfiguration.single(), QUIET).completion().toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertEquals(List.of("GET /studies/1.2.3/series/1.2.3.4/metadata HTTP/1.1"), server.requests());
    }
    assertTrue(Warmup.yielded(), "a real load started");
    assertEquals(List.of(), Warmup.run(), "no step is begun after a real load started");

    Warmup.forgetLoads();
    assertEquals(List.of("metadata read", "loopback load", "TLS context", "metadata reads " + Warmup.METADATA_READS),
        Warmup.run());
  }

  @Test
  void theRepeatedlyReadMetadataIsAStackTheReaderTakesWhole() throws Exception {
    SeriesMetadata.Series series = SeriesMetadata.read(
        new ByteArrayInputStream(Warmup.metadata(Warmup.METADATA_INSTANCES)),
        URI.create("http://127.0.0.1/studies/1/series/1.1"), "1", "1.1");

    assertEquals(List.of(), series.rejected(), "every instance taken: the warm-up runs the reader's usual path");
    assertEquals(Warmup.METADATA_INSTANCES, series.images().size());
    for (int i = 0; i < Warmup.METADATA_INSTANCES; i++) {
      ImageRef image = series.images().get(i);
      assertTrue(image.sopInstanceUid().endsWith("." + (i + 1)), "image " + i + ": " + image);
      assertEquals(Warmup.SIDE, image.pixels().rows(), "image " + i + ": " + image);
    }
  }

  @Test
  void theRepeatedMetadataReadsStopOnceARealLoadStarted() throws Exception {
    Warmup.forgetLoads();
    assertEquals(Warmup.METADATA_READS, Warmup.readMetadataRepeatedly());

    try (ProgressiveEngine engine = new ProgressiveEngine(1)) {
      Warmup.loadStarting(engine); // a real load starts: not on the warm-up's own engine
      assertEquals(0, Warmup.readMetadataRepeatedly());
    } finally {
      Warmup.forgetLoads();
    }
  }

  @Test
  void theBackgroundWarmUpIsADaemonThreadStartedOncePerClassLoader() throws Exception {
    Thread first = Warmup.inBackground();
    Thread second = Warmup.inBackground();

    assertSame(first, second, "started once");
    assertTrue(first.isDaemon(), "never keeps the JVM alive");
    first.join(20_000);
    assertFalse(first.isAlive(), "warm-up finished");
  }
}
