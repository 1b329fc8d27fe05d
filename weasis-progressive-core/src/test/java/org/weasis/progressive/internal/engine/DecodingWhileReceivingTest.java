package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.FrameDecoding;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.testing.TinySeries;

/**
 * A decoder that decodes while the bytes arrive (JPEG-LS does) is fed every read of the frame's body, and
 * the final is what its decoding finishes; if that decoding gives up, the whole decode decides.
 */
class DecodingWhileReceivingTest {
  private static final TinySeries SERIES = new TinySeries(1, 32, 32);

  private final UncompressedDecoder uncompressed = new UncompressedDecoder();
  private final List<Integer> advanced = new CopyOnWriteArrayList<>();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicInteger wholeDecodes = new AtomicInteger();
  private final List<ImageEvent> events = new CopyOnWriteArrayList<>();
  private final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
  private volatile boolean failWhileReceiving;
  private FaultServer server;
  private ProgressiveEngine engine;

  @BeforeEach
  void start() throws Exception {
    server = new FaultServer();
    engine = new ProgressiveEngine();
    engine.addDecoder(new RecordingDecoder());
    server.handle((r, x) -> {
      if (r.target().endsWith("/metadata")) {
        x.respond(200, Map.of("Content-Type", "application/dicom+json"), SERIES.metadataJson());
        return;
      }
      byte[] body = SERIES.multipartFrame(0);
      x.writeHead(200, Map.of("Content-Type", TinySeries.multipartType()), body.length);
      int third = body.length / 3;
      for (int from = 0; from < body.length; from += third) {
        x.write(body, from, Math.min(third, body.length - from));
        Thread.sleep(100); // three reads at least
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    engine.close();
    server.close();
  }

  @Test
  void everyReadIsFedToTheDecodingAndItsFinishIsTheFinal() throws Exception {
    load();

    assertTrue(advanced.size() >= 3, "fed after each read: " + advanced);
    assertTrue(advanced.getFirst() < SERIES.rows * SERIES.columns * 2, "fed before the last byte: " + advanced);
    for (int i = 1; i < advanced.size(); i++) {
      assertTrue(advanced.get(i) >= advanced.get(i - 1), "every byte so far, each time: " + advanced);
    }
    assertEquals(1, finished.get(), "finished once");
    assertEquals(0, wholeDecodes.get(), "no whole decode after the last byte");
    assertFinalPixelExact();
  }

  @Test
  void aDecodingThatGivesUpLeavesTheFinalToTheWholeDecode() throws Exception {
    failWhileReceiving = true;

    load();

    assertEquals(1, advanced.size(), "given up at its first read: " + advanced);
    assertEquals(0, finished.get());
    assertEquals(1, wholeDecodes.get(), "the whole decode after the last byte");
    assertFinalPixelExact();
  }

  private void load() throws Exception {
    SeriesRequest request = SeriesRequest.of(NodeConfig.of(server.baseUrl()), TinySeries.STUDY, TinySeries.SERIES);
    engine.load(request, RetrieveConfiguration.single(), new LoadListener() {
      @Override
      public void onImage(ImageEvent event) {
        events.add(event);
      }

      @Override
      public void onError(ErrorEvent event) {
        errors.add(event);
      }

      @Override
      public void onComplete(LoadSummary summary) {}
    }).completion().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private void assertFinalPixelExact() {
    assertEquals(List.of(), errors);
    ImageEvent last = events.getLast();
    assertEquals(ImageQualityStatus.FULL_RESOLUTION, last.status());
    ShortBuffer samples = (ShortBuffer) last.raster().samples();
    for (int r = 0; r < SERIES.rows; r++) {
      for (int c = 0; c < SERIES.columns; c++) {
        assertEquals(TinySeries.pixel(0, r, c), samples.get(r * SERIES.columns + c), "at " + r + "," + c);
      }
    }
  }

  /** The uncompressed decoder, with a decoding that records what it is fed and finishes with a decode. */
  private final class RecordingDecoder implements FrameDecoder {
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
      wholeDecodes.incrementAndGet();
      return uncompressed.decode(data, request);
    }

    @Override
    public FrameDecoding startDecoding(DecodeRequest request) {
      return new FrameDecoding() {
        @Override
        public void advance(ByteBuffer data) throws DecodeException {
          advanced.add(data.remaining());
          if (failWhileReceiving) {
            throw new DecodeException(request.transferSyntaxUid(), "gave up on purpose");
          }
        }

        @Override
        public DecodedFrame finish(ByteBuffer data) throws DecodeException {
          finished.incrementAndGet();
          return uncompressed.decode(data, request);
        }
      };
    }
  }
}
