package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoding;
import org.weasis.progressive.testing.LoadOutcome;
import org.weasis.progressive.testing.LocalEngine;
import org.weasis.progressive.testing.TinySeries;
import org.weasis.progressive.testing.WholeFrameUncompressed;

/**
 * A decoder that decodes while the bytes arrive (JPEG-LS does) is fed every read of the frame's body, and
 * the final is what its decoding finishes; if that decoding gives up, the whole decode decides.
 */
class DecodingWhileReceivingTest {
  private static final TinySeries SERIES = new TinySeries(1, 32, 32);

  private final List<Integer> advanced = new CopyOnWriteArrayList<>();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicInteger wholeDecodes = new AtomicInteger();
  private volatile boolean failWhileReceiving;

  @RegisterExtension
  final LocalEngine local = LocalEngine.with(new RecordingDecoder());

  @BeforeEach
  void serveTheFrameInThreeReads() {
    local.server().handle((r, x) -> {
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

  @Test
  void everyReadIsFedToTheDecodingAndItsFinishIsTheFinal() throws Exception {
    LoadOutcome out = load();

    assertTrue(advanced.size() >= 3, "fed after each read: " + advanced);
    assertTrue(advanced.getFirst() < SERIES.rows * SERIES.columns * 2, "fed before the last byte: " + advanced);
    for (int i = 1; i < advanced.size(); i++) {
      assertTrue(advanced.get(i) >= advanced.get(i - 1), "every byte so far, each time: " + advanced);
    }
    assertEquals(1, finished.get(), "finished once");
    assertEquals(0, wholeDecodes.get(), "no whole decode after the last byte");
    assertFinalPixelExact(out);
  }

  @Test
  void aDecodingThatGivesUpLeavesTheFinalToTheWholeDecode() throws Exception {
    failWhileReceiving = true;

    LoadOutcome out = load();

    assertEquals(1, advanced.size(), "given up at its first read: " + advanced);
    assertEquals(0, finished.get());
    assertEquals(1, wholeDecodes.get(), "the whole decode after the last byte");
    assertFinalPixelExact(out);
  }

  private LoadOutcome load() throws Exception {
    SeriesRequest request =
        SeriesRequest.of(NodeConfig.of(local.server().baseUrl()), TinySeries.STUDY, TinySeries.SERIES);
    return local.load(request, RetrieveConfiguration.single());
  }

  private static void assertFinalPixelExact(LoadOutcome out) {
    assertEquals(List.of(), out.errors());
    ImageEvent last = out.events().getLast();
    assertEquals(ImageQualityStatus.FULL_RESOLUTION, last.status());
    ShortBuffer samples = (ShortBuffer) last.raster().samples();
    for (int r = 0; r < SERIES.rows; r++) {
      for (int c = 0; c < SERIES.columns; c++) {
        assertEquals(TinySeries.pixel(0, r, c), samples.get(r * SERIES.columns + c), "at " + r + "," + c);
      }
    }
  }

  /** The uncompressed decoder, with a decoding that records what it is fed and finishes with a decode. */
  private final class RecordingDecoder extends WholeFrameUncompressed {
    @Override
    public DecodedFrame decode(ByteBuffer data, DecodeRequest request) throws DecodeException {
      wholeDecodes.incrementAndGet();
      return super.decode(data, request);
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
