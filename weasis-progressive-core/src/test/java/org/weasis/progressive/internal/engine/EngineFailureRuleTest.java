package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.internal.dicom.SeriesMetadata;
import org.weasis.progressive.internal.schedule.RequestScheduler;
import org.weasis.progressive.internal.schedule.SequentialStrategy;
import org.weasis.progressive.testing.EventRecorder;
import org.weasis.progressive.testing.LoadOutcome;
import org.weasis.progressive.testing.LocalEngine;
import org.weasis.progressive.testing.TinySeries;
import org.weasis.progressive.testing.WholeFrameUncompressed;

/**
 * The engine-wide rule: whatever is thrown on an engine thread — an Error, OutOfMemoryError included,
 * from a decoder, a listener or the metadata — ends its image or the load with an error event, and
 * every load completes, once. And the metadata's own faults cost their instance only.
 */
class EngineFailureRuleTest {
  private static final TinySeries SERIES = new TinySeries(4, 8, 6);
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final LocalEngine local = LocalEngine.with().deadline(DEADLINE);

  static Stream<Supplier<Error>> errors() {
    return Stream.of(
        () -> new OutOfMemoryError("Java heap space"),
        StackOverflowError::new,
        () -> new AssertionError("a decoder's broken invariant"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void aDecoderThatThrowsAnErrorEndsItsImageWithAnErrorEventAndTheOthersLoad(Supplier<Error> error)
      throws Exception {
    serve(SERIES.metadataJson());
    local.engine().addDecoder(new ThrowingOnce(error));

    LoadOutcome out = load();

    assertEquals(1, out.errors().size(), out.errors()::toString);
    ErrorEvent failed = out.errors().getFirst();
    assertTrue(failed.permanent(), failed::toString);
    assertTrue(failed.imageIndex() >= 0, failed::toString);
    assertEquals(error.get().getClass(), failed.cause().getClass());
    if (failed.cause() instanceof OutOfMemoryError) {
      assertEquals("out of memory (Java heap space)", failed.reason());
    }
    assertSummary(out.summary(), 4, 3);
    for (int i = 0; i < 4; i++) {
      if (i != failed.imageIndex()) {
        assertEquals(ImageQualityStatus.FULL_RESOLUTION, out.last(i).status(), "image " + i);
      }
    }
  }

  @Test
  void aListenerThatThrowsErrorsDoesNotStopTheLoadAndItsCompletionStillComes() throws Exception {
    serve(SERIES.metadataJson());
    local.engine().addDecoder(new UncompressedDecoder());
    AtomicInteger completions = new AtomicInteger();
    List<ImageEvent> images = new CopyOnWriteArrayList<>();
    List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
    LoadListener throwing = new LoadListener() {
      @Override
      public void onImage(ImageEvent event) {
        images.add(event);
        throw new OutOfMemoryError("the listener's own");
      }

      @Override
      public void onError(ErrorEvent event) {
        errors.add(event);
        throw new IllegalStateException("the listener's own failure");
      }

      @Override
      public void onComplete(LoadSummary summary) {
        completions.incrementAndGet();
        throw new StackOverflowError();
      }
    };

    LoadSummary summary = local.engine().load(request(), RetrieveConfiguration.single(), throwing).completion()
        .toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

    assertSummary(summary, 4, 4);
    assertEquals(List.of(), errors, "a listener's Error is not the image's failure");
    assertEquals(4, images.size());
    assertEquals(1, completions.get());
  }

  @Test
  void anOutOfMemoryErrorReadingTheSeriesEndsTheLoadWithAnErrorEvent() throws Exception {
    EventRecorder recorder = new EventRecorder();
    RequestScheduler scheduler = new RequestScheduler(Runnable::run);
    SeriesLoad load = new SeriesLoad(LoadParts.of(recorder), request(), RetrieveConfiguration.single(),
        new StageRunner() {
          @Override
          public void retrieve(ImageState image, RetrieveStage stage, Runnable bodyIn) {
            throw new AssertionError("no image to retrieve");
          }

          @Override
          public SeriesMetadata.Series readSeries() {
            throw new OutOfMemoryError("Java heap space");
          }
        }, scheduler, new SequentialStrategy());

    load.start();

    LoadSummary summary = load.completion().toCompletableFuture().get(1, TimeUnit.SECONDS);
    assertEquals(0, summary.images());
    assertEquals(1, recorder.completions.get());
    assertEquals(1, recorder.errors.size(), recorder.errors::toString);
    assertEquals("Cannot read the series metadata: out of memory (Java heap space)",
        recorder.errors.getFirst().reason());
  }

  @Test
  void oneMalformedInstanceAmongGoodOnesFailsAloneNamingItselfAndTheAttribute() throws Exception {
    serve(withAttributes(1, Map.of("00280002", 3, "00280010", Integer.MAX_VALUE, "00280011", Integer.MAX_VALUE)));
    local.engine().addDecoder(new UncompressedDecoder());

    LoadOutcome out = load();

    assertEquals(1, out.errors().size(), out.errors()::toString);
    ErrorEvent error = out.errors().getFirst();
    assertEquals(-1, error.imageIndex());
    assertTrue(error.permanent());
    assertEquals("Instance left out: Instance " + TinySeries.sop(1)
        + ": Rows (00280010) = 2147483647 is over 65535, the largest value of its VR (US)", error.reason());
    assertSummary(out.summary(), 4, 3);
    assertEquals(3, out.events().stream().map(e -> e.image().sopInstanceUid()).distinct().count());
    assertTrue(out.events().stream().noneMatch(e -> e.image().sopInstanceUid().equals(TinySeries.sop(1))));
    assertTrue(local.server().requests().stream().noneMatch(r -> r.target().contains(TinySeries.sop(1))),
        "nothing is asked for the left-out instance");
  }

  @Test
  void aNumberOfFramesOf2147483647FailsThatInstanceWithinSecondsAndTheOthersLoad() throws Exception {
    serve(withAttributes(2, Map.of("00280008", Integer.MAX_VALUE)));
    local.engine().addDecoder(new UncompressedDecoder());
    long start = System.nanoTime();

    LoadOutcome out = load();

    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    assertEquals(1, out.errors().size(), out.errors()::toString);
    assertTrue(out.errors().getFirst().reason().startsWith("Instance left out: Instance " + TinySeries.sop(2)
        + ": NumberOfFrames (00280008) = 2147483647 is over 100000"), out.errors().getFirst().reason());
    assertSummary(out.summary(), 4, 3);
  }

  @Test
  void aSeriesWhoseEveryInstanceIsMalformedFailsWithTheFirstReason() throws Exception {
    byte[] json = SERIES.metadataJson();
    for (int i = 0; i < SERIES.images; i++) {
      json = withAttributes(json, i, Map.of("00280008", -1));
    }
    serve(json);
    local.engine().addDecoder(new UncompressedDecoder());

    LoadOutcome out = load();

    assertEquals(1, out.errors().size(), out.errors()::toString);
    assertTrue(out.errors().getFirst().reason().contains("lists no usable image: Instance "
        + TinySeries.sop(0) + ": NumberOfFrames (00280008) must be 1 or more, got -1"), out.errors()::toString);
    assertEquals(0, out.summary().finalImages());
  }

  private void serve(byte[] metadata) {
    local.server().handle((r, x) -> {
      if (r.target().endsWith("/metadata")) {
        x.respond(200, Map.of("Content-Type", "application/dicom+json"), metadata);
      } else {
        x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
            SERIES.multipartFrame(SERIES.indexOf(r.target())));
      }
    });
  }

  private static byte[] withAttributes(int instance, Map<String, Integer> values) throws IOException {
    return withAttributes(SERIES.metadataJson(), instance, values);
  }

  /** The metadata with integer attributes of one instance set (IS/US values as numbers). */
  private static byte[] withAttributes(byte[] json, int instance, Map<String, Integer> values)
      throws IOException {
    ArrayNode root = (ArrayNode) JSON.readTree(json);
    ObjectNode target = (ObjectNode) root.get(instance);
    values.forEach((tag, value) -> {
      ObjectNode element = target.putObject(tag);
      element.put("vr", tag.equals("00280008") ? "IS" : "US");
      element.putArray("Value").add(value);
    });
    return JSON.writeValueAsBytes(root);
  }

  private SeriesRequest request() {
    return LocalEngine.sequential(NodeConfig.of(local.server().baseUrl()));
  }

  private LoadOutcome load() throws Exception {
    return local.loadCompletingOnce(NodeConfig.of(local.server().baseUrl()), RetrieveConfiguration.single());
  }

  private static void assertSummary(LoadSummary summary, int images, int finals) {
    assertEquals(images, summary.images(), summary::toString);
    assertEquals(finals, summary.finalImages(), summary::toString);
    assertEquals(images - finals, summary.failedImages(), summary::toString);
  }

  /** The uncompressed decoder, except that its first decode throws the given Error. */
  private static final class ThrowingOnce extends WholeFrameUncompressed {
    private final Supplier<Error> error;
    private final AtomicInteger calls = new AtomicInteger();

    ThrowingOnce(Supplier<Error> error) {
      this.error = error;
    }

    @Override
    public DecodedFrame decode(ByteBuffer data, DecodeRequest request) throws DecodeException {
      if (calls.getAndIncrement() == 0) {
        throw error.get();
      }
      return super.decode(data, request);
    }
  }
}
