package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.internal.http.NodeConnections;
import org.weasis.progressive.testing.EventRecorder;

class LoadClockTest {
  /**
   * Stands for HttpClient's classes loading in a fresh JVM. Only a lower bound is asserted, which the
   * sleep guarantees however busy the machine is; a load that started its clock after the client would
   * be far below it, once the JVM has run one load (which this test's first load is for).
   */
  private static final long MAKING_THE_CLIENT_MS = 1000;

  @Test
  void aLoadsTimesCountFromItsCallIncludingTheMakingOfItsNodesClient() throws Exception {
    Warmup.loopbackLoad(new EventRecorder()); // this JVM's classes of the request path, loaded
    EventRecorder recorder = new EventRecorder();
    try (WarmupServer server = WarmupServer.start(Warmup.metadata(), Warmup.frame(),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ProgressiveEngine engine = new ProgressiveEngine(2, LoadClockTest::slowlyMadeClient)) {
      engine.addDecoder(new UncompressedDecoder());
      String study = "1.2.826.0.1.3680043.8.498.1";
      LoadSummary summary = engine.load(SeriesRequest.of(NodeConfig.of(server.baseUrl()), study, study + ".1"),
          RetrieveConfiguration.single(), recorder).completion().toCompletableFuture().get(20, TimeUnit.SECONDS);

      assertEquals(List.of(), recorder.errors);
      assertEquals(2, server.requests().size(), "metadata and frame: " + server.requests());
      ImageEvent first = recorder.images.getFirst();
      assertTrue(first.elapsedMs() >= MAKING_THE_CLIENT_MS,
          "the first image's time counts the client's making: " + first.elapsedMs() + " ms");
      assertTrue(summary.firstImageMs() >= MAKING_THE_CLIENT_MS, "first image " + summary.firstImageMs() + " ms");
      assertTrue(summary.finalMs() >= MAKING_THE_CLIENT_MS, "final " + summary.finalMs() + " ms");
    }
  }

  private static NodeConnections slowlyMadeClient(NodeConfig node) {
    try {
      Thread.sleep(MAKING_THE_CLIENT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new NodeConnections(node);
  }
}
