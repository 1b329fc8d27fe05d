package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.testing.TinySeries;

/**
 * A frame whose body is in gives its connection slot to the next request before it is decoded, so the
 * link does not idle while frames decode (issue 11: interleaved stacks keep the link full).
 */
class ConnectionSlotTest {
  private static final TinySeries SERIES = new TinySeries(2, 16, 16);

  private final UncompressedDecoder uncompressed = new UncompressedDecoder();
  private final AtomicInteger frameRequests = new AtomicInteger();
  private final CountDownLatch secondFrameAsked = new CountDownLatch(1);
  private final List<Boolean> secondAskedDuringFirstDecode = new CopyOnWriteArrayList<>();
  private final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
  private FaultServer server;
  private ProgressiveEngine engine;

  @BeforeEach
  void start() throws Exception {
    server = new FaultServer();
    engine = new ProgressiveEngine();
    engine.addDecoder(new FirstDecodeWaits());
    server.handle((r, x) -> {
      if (r.target().endsWith("/metadata")) {
        x.respond(200, Map.of("Content-Type", "application/dicom+json"), SERIES.metadataJson());
        return;
      }
      if (frameRequests.incrementAndGet() == 2) {
        secondFrameAsked.countDown();
      }
      x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
          SERIES.multipartFrame(SERIES.indexOf(r.target())));
    });
  }

  @AfterEach
  void stop() throws Exception {
    engine.close();
    server.close();
  }

  @Test
  void withOneConnectionTheNextFrameIsAskedForWhileTheFirstIsStillDecoding() throws Exception {
    NodeConfig node = NodeConfig.builder().baseUrl(server.baseUrl()).maxConnections(1).build();
    SeriesRequest request = SeriesRequest.of(node, TinySeries.STUDY, TinySeries.SERIES)
        .withStrategy(SeriesLoadingStrategy.SEQUENTIAL);

    LoadSummary summary = engine.load(request, RetrieveConfiguration.single(), new LoadListener() {
      @Override
      public void onImage(ImageEvent event) {}

      @Override
      public void onError(ErrorEvent event) {
        errors.add(event);
      }

      @Override
      public void onComplete(LoadSummary s) {}
    }).completion().toCompletableFuture().get(20, TimeUnit.SECONDS);

    assertEquals(List.of(), errors);
    assertEquals(2, summary.finalImages());
    assertEquals(List.of(true), secondAskedDuringFirstDecode,
        "the second frame was asked for while the first was decoding");
    assertEquals(2, server.requests().stream().filter(r -> r.target().contains("/frames/")).count());
  }

  /** The uncompressed decoder, whose first decode waits (at most 5 s) for the second frame's request. */
  private final class FirstDecodeWaits implements FrameDecoder {
    private final AtomicInteger decodes = new AtomicInteger();

    @Override
    public Set<String> transferSyntaxes() {
      return uncompressed.transferSyntaxes();
    }

    @Override
    public boolean supportsReducedResolution() {
      return false;
    }

    @Override
    public boolean supportsPartialData() {
      return false;
    }

    @Override
    public int decodableLevel(ByteBuffer data, DecodeRequest request) throws DecodeException {
      return uncompressed.decodableLevel(data, request);
    }

    @Override
    public DecodedFrame decode(ByteBuffer data, DecodeRequest request) throws DecodeException {
      if (decodes.incrementAndGet() == 1) {
        try {
          secondAskedDuringFirstDecode.add(secondFrameAsked.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DecodeException(request.transferSyntaxUid(), "interrupted");
        }
      }
      return uncompressed.decode(data, request);
    }
  }
}
