package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.fixtures.FaultServer.Recorded;
import org.weasis.progressive.testing.EventRecorder;
import org.weasis.progressive.testing.LocalEngine;
import org.weasis.progressive.testing.TinySeries;
import org.weasis.progressive.testing.WholeFrameUncompressed;

/**
 * Three loads of one node with three connections: a 64² final ("large"), four 16² finals ("small") and
 * four 16² images that first take a lossy version ("fast") and then their final. While the large final
 * is fetched the small finals keep one connection and the fast requests get the other. The server holds
 * the large answer until every fast request has come, and the first small final until the large answer
 * has gone: had a second small final been asked for meanwhile, it would come before the large answer in
 * the recorded requests.
 */
class LargerFinalFirstHttpTest {
  private static final int IMAGES = 4;
  private static final TinySeries LARGE = new TinySeries(1, 64, 64);
  private static final TinySeries SMALL = new TinySeries(IMAGES, 16, 16);

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final CountDownLatch fastRequests = new CountDownLatch(IMAGES);
  private final CountDownLatch largeAnswered = new CountDownLatch(1);

  @RegisterExtension
  final LocalEngine local = LocalEngine.with(new WholeFrameUncompressed() {});

  @BeforeEach
  void serveTheThreeSeries() {
    local.server().handle((r, x) -> {
      String name = nameOf(r);
      log.add(name);
      if (name.equals("large final")) {
        fastRequests.await(10, TimeUnit.SECONDS);
        log.add("large answered");
        largeAnswered.countDown();
      } else if (name.equals("small 0 final")) {
        largeAnswered.await(10, TimeUnit.SECONDS);
      } else if (name.endsWith("fast")) {
        fastRequests.countDown();
      }
      TinySeries series = name.startsWith("large") ? LARGE : SMALL;
      x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
          series.multipartFrame(Integer.parseInt(r.path().replaceAll(".*/instances/(\\d+)/frames/1", "$1"))));
    });
  }

  @Test
  void whileALargeFinalIsFetchedSmallerFinalsOfOtherLoadsKeepOneConnection() throws Exception {
    NodeConfig node = NodeConfig.builder().baseUrl(local.server().baseUrl()).maxConnections(3).build();
    RetrieveConfiguration fastThenFinal = new RetrieveConfiguration(
        List.of(RetrieveStage.of("fast", "fast"), RetrieveStage.of("final", "final")),
        Map.of("fast", RetrieveOptions.builder().urlArguments("fast=1")
            .imageQualityStatus(ImageQualityStatus.LOSSY).build()));

    List<CompletableFuture<LoadSummary>> loads = new ArrayList<>();
    loads.add(load(node, "large", LARGE, RetrieveConfiguration.single()));
    loads.add(load(node, "small", SMALL, RetrieveConfiguration.single()));
    loads.add(load(node, "lossy", SMALL, fastThenFinal));
    for (CompletableFuture<LoadSummary> load : loads) {
      assertEquals(load == loads.getFirst() ? 1 : IMAGES, load.get(20, TimeUnit.SECONDS).finalImages());
    }

    List<String> beforeLargeAnswer = log.subList(0, log.indexOf("large answered"));
    assertEquals(Set.of("large final", "small 0 final", "lossy 0 fast", "lossy 1 fast", "lossy 2 fast",
        "lossy 3 fast"), Set.copyOf(beforeLargeAnswer), "requests before the large answer: " + beforeLargeAnswer);
    assertEquals(6, beforeLargeAnswer.size(), beforeLargeAnswer::toString);
    assertEquals(1 + IMAGES + 2 * IMAGES, local.server().requests().size(), local.server().requests()::toString);
    assertTrue(log.subList(log.indexOf("large answered"), log.size()).containsAll(List.of(
        "small 1 final", "small 2 final", "small 3 final", "lossy 0 final", "lossy 3 final")), log::toString);
  }

  /** "large final", "small 2 final", "lossy 1 fast": which load, image and stage a request is. */
  private static String nameOf(Recorded r) {
    String load = r.path().replaceAll(".*/series/([a-z]+)/.*", "$1");
    if (load.equals("large")) {
      return "large final";
    }
    String image = r.path().replaceAll(".*/instances/(\\d+)/.*", "$1");
    return load + " " + image + (r.target().contains("fast=1") ? " fast" : " final");
  }

  /** Starts a load of {@code series} as its own series, its images given, none in focus. */
  private CompletableFuture<LoadSummary> load(NodeConfig node, String name, TinySeries series,
      RetrieveConfiguration configuration) {
    String seriesUrl = node.baseUrl() + "/studies/1/series/" + name;
    List<ImageRef> images = new ArrayList<>();
    for (int i = 0; i < series.images; i++) {
      images.add(new ImageRef("1", name, name + "." + i, 1, seriesUrl + "/instances/" + i + "/frames", null, i,
          PixelDescription.grey(series.rows, series.columns, 12, false)));
    }
    SeriesRequest request = new SeriesRequest(node, "1", name, images, SeriesLoadingStrategy.SEQUENTIAL, -1);
    return local.engine().load(request, configuration, new EventRecorder()).completion().toCompletableFuture();
  }
}
