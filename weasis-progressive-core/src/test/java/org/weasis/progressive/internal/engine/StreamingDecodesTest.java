package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.testing.LocalEngine;
import org.weasis.progressive.testing.TinySeries;

/**
 * Streaming loads whose partial decodes are slow, over a real local server: the response keeps being
 * read while a partial decode runs, levels completed meanwhile collapse into one decode of the finest,
 * and no partial version is delivered after the stage's own decode or after a cancel.
 */
class StreamingDecodesTest {
  private static final TinySeries SERIES = new TinySeries(1, 64, 64);
  private static final int PAYLOAD = SERIES.rows * SERIES.columns * 2;
  /** Payload bytes the server sends so that the decoder sees exactly level 3, 2 or 1 complete. */
  private static final int LEVEL_3 = 200;
  private static final int LEVEL_2 = 1000;
  private static final int LEVEL_1 = 3000;
  private static final long SLOW_MS = 300;

  private final SlowProgressiveDecoder decoder = new SlowProgressiveDecoder();
  private final Recorder listener = new Recorder();
  private final CountDownLatch release = new CountDownLatch(1);

  @RegisterExtension
  final LocalEngine local = LocalEngine.with(decoder).countingThreads();

  /** Runs before the engine closes: a handler still holding its request lets it go. */
  @AfterEach
  void release() {
    release.countDown();
  }

  @Test
  void theResponseIsReadToTheEndAndTheFinalDeliveredWhileAPartialDecodeRuns() throws Exception {
    serveFrame(x -> {
      x.send(LEVEL_3);
      x.awaitThat(() -> decoder.partialsStarted() == 1, "a partial decode started");
      x.sendRest();
    });
    load(null);
    awaitThat(decoder::idle, "the decoder is idle");

    Decode partial = decoder.partials().get(0);
    assertEquals(3, partial.level());
    assertTrue(listener.finalAt() < partial.endedAt(),
        "the final came only after the partial decode ended: the socket was not read meanwhile");
    ImageEvent last = listener.events.getLast();
    assertEquals(ImageQualityStatus.FULL_RESOLUTION, last.status(), listener::toString);
  }

  @Test
  void levelsCompletedDuringAPartialDecodeAreSkippedForTheFinestOne() throws Exception {
    serveFrame(x -> {
      x.send(LEVEL_3);
      x.awaitThat(() -> decoder.partialsStarted() == 1, "the level 3 decode started");
      x.send(LEVEL_2);
      x.awaitThat(() -> decoder.inspected.contains(2), "level 2 seen");
      x.send(LEVEL_1);
      x.awaitThat(() -> decoder.inspected.contains(1), "level 1 seen");
      x.awaitThat(() -> listener.events.size() == 2, "the level 1 version delivered");
      x.sendRest();
    });
    load(null);

    assertEquals(List.of(3, 1), decoder.partials().stream().map(Decode::level).toList(),
        "level 2, complete while level 3 was decoding, is superseded by level 1");
    assertEquals(List.of(3, 1, 0), listener.events.stream().map(ImageEvent::decodeLevel).toList());
    assertEquals(ImageQualityStatus.FULL_RESOLUTION, listener.events.getLast().status());
  }

  @Test
  void aPartialDecodeEndingAfterTheStagesOwnDecodeIsNotDeliveredEvenAtTheSameGrade() throws Exception {
    serveFrame(x -> {
      x.send(LEVEL_3);
      x.awaitThat(() -> decoder.partialsStarted() == 1, "a partial decode started");
      x.sendRest();
    });
    // The stage's own version is a level 1 subresolution, graded as the partial one would be: a stage
    // that says SUBRESOLUTION keeps its decodeLevel for complete data too.
    load(1);
    awaitThat(decoder::idle, "the decoder is idle");

    assertEquals(List.of(1), listener.events.stream().map(ImageEvent::decodeLevel).toList(),
        "the level 3 partial is not delivered after the level 1 version");
    assertTrue(decoder.partials().get(0).endedAt() > listener.arrivals.get(0),
        "the partial decode really ended after the stage's version");
  }

  @Test
  void aPartialDecodeRunningWhenTheBodyEndsIsDeliveredWhenItEndsBeforeTheStagesOwnDecode() throws Exception {
    decoder.holdPartialsUntilTheFinalStarts = true;
    decoder.finalWaitsFor = () -> listener.events.size() == 1;
    serveFrame(x -> {
      x.send(LEVEL_3);
      x.awaitThat(() -> decoder.partialsStarted() == 1, "a partial decode started");
      x.sendRest();
    });
    load(null);

    assertEquals(List.of(3, 0), listener.events.stream().map(ImageEvent::decodeLevel).toList(),
        "the level 3 version, decoded while the last bytes came, comes before the final, not lost");
    assertTrue(decoder.partials().get(0).endedAt() > decoder.finalStartedAt.get(),
        "the partial decode was still running when the stage's own decode began");
  }

  @Test
  void cancellingDuringAPartialDecodeDropsThePendingOneAndDeliversNothing() throws Exception {
    serveFrame(x -> {
      x.send(LEVEL_3);
      x.awaitThat(() -> decoder.partialsStarted() == 1, "the level 3 decode started");
      x.send(LEVEL_1);
      release.await(30, TimeUnit.SECONDS); // the body stalls until the test ends
    });
    LoadHandle handle = local.engine().load(request(), streaming(null), listener);
    awaitThat(() -> decoder.inspected.contains(1) && decoder.partialsStarted() == 1,
        "level 1 pending while level 3 decodes");
    handle.cancel();
    assertTrue(handle.completion().toCompletableFuture().get(5, TimeUnit.SECONDS).cancelled());
    awaitThat(decoder::idle, "the level 3 decode ended");
    Thread.sleep(SLOW_MS); // room for a wrongly scheduled level 1 decode to start

    assertEquals(List.of(3), decoder.partials().stream().map(Decode::level).toList(),
        "the pending level 1 is not decoded after the cancel");
    assertTrue(listener.events.isEmpty(), listener::toString);
  }

  // --- helpers ---

  /** One partial or final decode, with System.nanoTime() at its start and end. */
  private record Decode(int level, boolean complete, long startedAt, long endedAt) {}

  /**
   * A progressive decoder over raw 16-bit pixels: a prefix of 1/4^L of the frame holds level L, and
   * decoding a prefix takes {@link #SLOW_MS}, like a level-1 HTJ2K decode of a big image.
   */
  private static final class SlowProgressiveDecoder implements FrameDecoder {
    final List<Integer> inspected = new CopyOnWriteArrayList<>();
    final List<Decode> decodes = new CopyOnWriteArrayList<>();
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicLong finalStartedAt = new AtomicLong(-1);
    /** Partial decodes end only once the final's decode has begun (instead of after SLOW_MS). */
    volatile boolean holdPartialsUntilTheFinalStarts;
    /** The final's decode ends only once this holds, or after {@link #SLOW_MS} times 10. */
    volatile BooleanSupplier finalWaitsFor = () -> true;

    @Override
    public Set<String> transferSyntaxes() {
      return Set.of("1.2.840.10008.1.2.1");
    }

    @Override
    public boolean supportsReducedResolution() {
      return true;
    }

    @Override
    public boolean supportsPartialData() {
      return true;
    }

    @Override
    public int decodableLevel(ByteBuffer data, DecodeRequest request) {
      int n = data.remaining();
      int level = n >= PAYLOAD ? 0 : n >= PAYLOAD / 4 ? 1 : n >= PAYLOAD / 16 ? 2 : n >= PAYLOAD / 64 ? 3 : -1;
      inspected.add(level);
      return level;
    }

    @Override
    public DecodedFrame decode(ByteBuffer data, DecodeRequest request) throws DecodeException {
      long start = System.nanoTime();
      started.incrementAndGet();
      running.incrementAndGet();
      try {
        if (request.complete()) {
          finalStartedAt.compareAndSet(-1, start);
          waitUntil(finalWaitsFor);
        } else if (holdPartialsUntilTheFinalStarts) {
          waitUntil(() -> finalStartedAt.get() >= 0);
        } else {
          Thread.sleep(SLOW_MS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DecodeException(request.transferSyntaxUid(), "interrupted");
      } finally {
        decodes.add(new Decode(request.decodeLevel(), request.complete(), start, System.nanoTime()));
        running.decrementAndGet();
      }
      int rows = DecodeRequest.reducedSize(SERIES.rows, request.decodeLevel());
      int columns = DecodeRequest.reducedSize(SERIES.columns, request.decodeLevel());
      return new DecodedFrame(new Raster(rows, columns, 1, ShortBuffer.allocate(rows * columns)),
          request.decodeLevel(), true);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10 * SLOW_MS);
      while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
    }

    int partialsStarted() {
      return started.get() - (int) decodes.stream().filter(Decode::complete).count();
    }

    List<Decode> partials() {
      return decodes.stream().filter(d -> !d.complete()).toList();
    }

    boolean idle() {
      return running.get() == 0;
    }
  }

  /** The images delivered, with the time each arrived. */
  private static final class Recorder implements LoadListener {
    final List<ImageEvent> events = new CopyOnWriteArrayList<>();
    final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
    final AtomicLong finalAt = new AtomicLong(-1);
    final List<Long> arrivals = new CopyOnWriteArrayList<>();

    @Override
    public void onImage(ImageEvent event) {
      arrivals.add(System.nanoTime());
      events.add(event);
      if (event.decodeLevel() == 0 || event.status() == ImageQualityStatus.FULL_RESOLUTION) {
        finalAt.compareAndSet(-1, System.nanoTime());
      }
    }

    @Override
    public void onError(ErrorEvent event) {
      errors.add(event);
    }

    @Override
    public void onComplete(LoadSummary summary) {}

    long finalAt() {
      return finalAt.get();
    }

    @Override
    public String toString() {
      return "images " + events.stream().map(e -> e.status() + "@" + e.decodeLevel()).toList()
          + ", errors " + errors.stream().map(ErrorEvent::reason).toList();
    }
  }

  /** The server side of the frame request: sends the body in steps a test script decides. */
  private interface FrameScript {
    void run(Body body) throws Exception;
  }

  private static final class Body {
    private final FaultServer.Exchange exchange;
    private final byte[] bytes;
    private final int payloadStart;
    private int sent;

    Body(FaultServer.Exchange exchange, byte[] bytes) {
      this.exchange = exchange;
      this.bytes = bytes;
      this.payloadStart = bytes.length - PAYLOAD - ("\r\n--" + TinySeries.BOUNDARY + "--\r\n").length();
    }

    /** Sends the body up to this many payload bytes. */
    void send(int payloadBytes) throws Exception {
      int upTo = payloadStart + payloadBytes;
      exchange.write(bytes, sent, upTo - sent);
      sent = upTo;
    }

    void sendRest() throws Exception {
      exchange.write(bytes, sent, bytes.length - sent);
      sent = bytes.length;
    }

    void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
      StreamingDecodesTest.awaitThat(condition, what);
    }
  }

  private void serveFrame(FrameScript script) {
    local.server().handle((r, x) -> {
      if (r.target().endsWith("/metadata")) {
        x.respond(200, Map.of("Content-Type", "application/dicom+json"), SERIES.metadataJson());
        return;
      }
      byte[] body = SERIES.multipartFrame(0);
      x.writeHead(200, Map.of("Content-Type", TinySeries.multipartType()), body.length);
      try {
        script.run(new Body(x, body));
      } catch (InterruptedException | java.io.IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private void load(Integer decodeLevel) throws Exception {
    LoadHandle handle = local.engine().load(request(), streaming(decodeLevel), listener);
    handle.completion().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Streaming; with a decodeLevel, a stage whose versions are SUBRESOLUTION at that level. */
  private static RetrieveConfiguration streaming(Integer decodeLevel) {
    RetrieveOptions.Builder options = RetrieveOptions.builder().streaming(true).decodeLevel(decodeLevel);
    if (decodeLevel != null) {
      options.imageQualityStatus(ImageQualityStatus.SUBRESOLUTION);
    }
    return RetrieveConfiguration.single().withRetrieveOptions(Map.of("single", options.build()));
  }

  private SeriesRequest request() {
    return SeriesRequest.of(NodeConfig.of(local.server().baseUrl()), TinySeries.STUDY, TinySeries.SERIES);
  }

  private static void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }
}
