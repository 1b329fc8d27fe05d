package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.testing.LoadOutcome;
import org.weasis.progressive.testing.LocalEngine;
import org.weasis.progressive.testing.TinySeries;
import org.weasis.progressive.testing.WholeFrameUncompressed;

/**
 * A frame whose body is in gives its connection slot to the next request before it is decoded, so the
 * link does not idle while frames decode (issue 11: interleaved stacks keep the link full).
 */
class ConnectionSlotTest {
  private static final TinySeries SERIES = new TinySeries(2, 16, 16);

  private final AtomicInteger frameRequests = new AtomicInteger();
  private final CountDownLatch secondFrameAsked = new CountDownLatch(1);
  private final List<Boolean> secondAskedDuringFirstDecode = new CopyOnWriteArrayList<>();

  @RegisterExtension
  final LocalEngine local = LocalEngine.with(new FirstDecodeWaits());

  @BeforeEach
  void serveTheSeries() {
    local.server().handle((r, x) -> {
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

  @Test
  void withOneConnectionTheNextFrameIsAskedForWhileTheFirstIsStillDecoding() throws Exception {
    NodeConfig node = NodeConfig.builder().baseUrl(local.server().baseUrl()).maxConnections(1).build();
    SeriesRequest request = SeriesRequest.of(node, TinySeries.STUDY, TinySeries.SERIES)
        .withStrategy(SeriesLoadingStrategy.SEQUENTIAL);

    LoadOutcome out = local.load(request, RetrieveConfiguration.single());

    assertEquals(List.of(), out.errors());
    assertEquals(2, out.summary().finalImages());
    assertEquals(List.of(true), secondAskedDuringFirstDecode,
        "the second frame was asked for while the first was decoding");
    assertEquals(2, local.server().requests().stream().filter(r -> r.target().contains("/frames/")).count());
  }

  /** The uncompressed decoder, whose first decode waits (at most 5 s) for the second frame's request. */
  private final class FirstDecodeWaits extends WholeFrameUncompressed {
    private final AtomicInteger decodes = new AtomicInteger();

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
      return super.decode(data, request);
    }
  }
}
