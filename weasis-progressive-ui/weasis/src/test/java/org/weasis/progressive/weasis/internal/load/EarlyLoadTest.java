package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.swing.JProgressBar;
import org.dcm4che3.data.Attributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadProgress;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.internal.engine.JsonQueries;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.weasis.internal.NodeAuthorization;
import org.weasis.progressive.weasis.internal.viewer.SeriesPresenter;

/**
 * The load the open starts for the viewer's series before Weasis runs the series' task: the real engine loads a
 * small series from a node on 127.0.0.1, and the series' run (as Weasis' download thread runs it) takes the load
 * over, or starts its own when there is none to take.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a regression here hangs: fail instead
class EarlyLoadTest {
  private static final RetrieveConfiguration SINGLE = RetrieveConfiguration.forLoading(false,
      RetrieveConfiguration.single());

  @TempDir
  Path dir;

  private FaultServer node;
  private CapturedLog log;
  private ProgressiveEngine engine;
  private final JsonQueries queries = new JsonQueries();
  /** Lets the node answer the requests {@link #holdRequests} holds. */
  private final CountDownLatch requestsMayGo = new CountDownLatch(1);
  /** The handles of the loads the engine started. */
  private final List<LoadHandle> loads = new CopyOnWriteArrayList<>();
  /** The engine, recording the handle of each load it starts. */
  private final ProgressiveRetrieveService service = (request, configuration, listener) -> {
    LoadHandle handle = engine.load(request, configuration, listener);
    loads.add(handle);
    return handle;
  };

  @BeforeEach
  void start() throws IOException {
    node = new FaultServer();
    log = new CapturedLog();
    engine = new ProgressiveEngine(4);
    engine.addDecoder(new UncompressedDecoder());
  }

  @AfterEach
  void stop() throws IOException {
    requestsMayGo.countDown();
    engine.close();
    log.close();
    queries.close();
    node.close();
  }

  @Test
  void theRunTakesTheLoadOverWithWhatItDeliveredMeanwhileAndNothingIsFetchedTwice() throws Exception {
    node.handle(SmallSeries::answer);
    EarlyLoad early = startEarly();
    awaitFrameRequests(SmallSeries.IMAGES); // Weasis runs the task late: the load is done, or nearly

    SeriesRun.Outcome outcome = run(early);

    assertEquals(SeriesRun.Outcome.DONE, outcome, log.text());
    assertAllFinal();
    assertTrue(log.text().contains(" adopted="), "the run did not take the open's load over: " + log.text());
    assertEquals(1, loads.size(), "loads started");
    for (int i = 0; i < SmallSeries.IMAGES; i++) {
      String path = SmallSeries.framePath(i);
      assertEquals(1, node.requests().stream().filter(r -> r.path().equals(path)).count(), path);
    }
    // The engine's read of the metadata and the run's own read of the headers.
    assertEquals(2, node.requests().stream().filter(r -> r.path().endsWith("/metadata")).count());
    assertEquals(Optional.empty(), early.adopt(new Recording()), "a second run takes it over again");
  }

  @Test
  void aTaskThatEndsBeforeItsRunCancelsTheLoadAndALaterRunLoadsTheSeriesItself() throws Exception {
    holdRequests(r -> r.path().contains("/frames/"));
    EarlyLoad early = startEarly();
    awaitFrameRequests(1);

    early.discard(); // Weasis stopped the series' task while it was queued
    LoadSummary cancelled = loads.getFirst().completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
    requestsMayGo.countDown();

    assertTrue(cancelled.cancelled(), "the open's load was not cancelled: " + cancelled);
    assertEquals(Optional.empty(), early.adopt(new Recording()), "a discarded load was taken over");
    SeriesRun.Outcome outcome = run(early); // the series resumed: a new task, a load of its own
    assertEquals(SeriesRun.Outcome.DONE, outcome, log.text());
    assertEquals(2, loads.size(), "loads started");
    assertFalse(log.text().contains(" adopted="), log.text());
    assertAllFinal();
  }

  @Test
  void aRenewalAskedBeforeTheRunTookTheLoadOverWaitsForTheRunsAnswer() throws Exception {
    holdRequests(r -> true);
    EarlyLoad early = startEarly();
    CompletableFuture<Optional<Authentication>> renewal =
        CompletableFuture.supplyAsync(() -> early.renewAuthentication(Authentication.bearer("refused")));

    Thread.sleep(200);
    assertFalse(renewal.isDone(), "answered before any run took the load over: " + renewal);
    Recording run = new Recording();
    run.renewed = Authentication.bearer("fresh");
    assertTrue(early.adopt(run).isPresent());
    assertEquals(Optional.of(Authentication.bearer("fresh")), renewal.get(10, TimeUnit.SECONDS));

    EarlyLoad discarded = startEarly();
    discarded.discard();
    assertEquals(Optional.empty(), discarded.renewAuthentication(Authentication.bearer("refused")),
        "a discarded load's renewal");
  }

  @Test
  void callbacksBeforeTheTakeOverReachTheRunInTheEngineOrderThenDirectly() throws Exception {
    node.handle(SmallSeries::answer);
    EarlyLoad early = startEarly();
    awaitFrameRequests(2);

    Recording run = new Recording();
    LoadHandle handle = early.adopt(run).orElseThrow();
    LoadSummary summary = handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(SmallSeries.IMAGES, summary.finalImages());
    assertEquals("series", run.calls.getFirst(), run.calls.toString());
    assertEquals(SmallSeries.IMAGES, run.calls.stream().filter("image"::equals).count(), run.calls.toString());
    awaitTrue(() -> run.calls.contains("complete"));
    assertEquals("complete", run.calls.getLast(), run.calls.toString());
  }

  @Test
  void aLoadNoRunTookOverInTimeIsCancelledAndTheLateRunLoadsTheSeriesItself() throws Exception {
    holdRequests(r -> r.path().contains("/frames/"));
    EarlyLoad early = EarlyLoad.start(service, request(), weasisNode(), SINGLE, new Marks(System.nanoTime()),
        Duration.ofMillis(100), EarlyLoad.MAX_KEPT_BYTES);

    LoadSummary cancelled = loads.getFirst().completion().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertTrue(cancelled.cancelled(), "the load nobody took over was not cancelled: " + cancelled);
    assertTrue(log.text().contains("no run took it over within 100 ms"), log.text());
    requestsMayGo.countDown();
    assertEquals(SeriesRun.Outcome.DONE, run(early), log.text());
    assertEquals(2, loads.size(), "loads started");
    assertAllFinal();
  }

  @Test
  void aLoadKeepingMorePixelsThanItsLimitForARunIsCancelled() throws Exception {
    node.handle(SmallSeries::answer);
    // Room for one 16x16 16-bit image's pixels, not two.
    EarlyLoad early = EarlyLoad.start(service, request(), weasisNode(), SINGLE, new Marks(System.nanoTime()),
        EarlyLoad.WAIT, 600);

    awaitTrue(() -> log.text().contains("it kept more than"));

    assertEquals(Optional.empty(), early.adopt(new Recording()), "a load over its limit was taken over");
  }

  @Test
  void aLoadOverItsPixelLimitBeforeTheEngineEvenReturnedItsHandleIsCancelledAllTheSame() {
    DrivenHandle handle = new DrivenHandle();
    EarlyLoad early = EarlyLoad.start((request, configuration, listener) -> {
      listener.onImage(image(0)); // 512 bytes of pixels, over the limit of 100
      return handle;
    }, request(), weasisNode(), SINGLE, new Marks(System.nanoTime()), Duration.ofMinutes(1), 100);

    assertTrue(handle.cancelled, "the load over its limit goes on");
    assertEquals(Optional.empty(), early.adopt(new Recording()), "a load over its limit was taken over");
  }

  @Test
  void whatComesWhileTheRunTakesTheLoadOverWaitsForWhatWasKeptBefore() throws Exception {
    DrivenHandle handle = new DrivenHandle();
    List<LoadListener> engineSide = new CopyOnWriteArrayList<>();
    EarlyLoad early = EarlyLoad.start((request, configuration, listener) -> {
      engineSide.add(listener);
      return handle;
    }, request(), weasisNode(), SINGLE, new Marks(System.nanoTime()));
    LoadListener engineCalls = engineSide.getFirst();
    engineCalls.onSeries(List.of()); // kept for the run
    CountDownLatch replaying = new CountDownLatch(1);
    CountDownLatch replayMayEnd = new CountDownLatch(1);
    Recording run = new Recording();
    run.whileGivenSeries = () -> {
      replaying.countDown();
      awaitQuietly(replayMayEnd);
    };

    Thread taking = Thread.ofPlatform().start(() -> early.adopt(run));
    replaying.await();
    Thread live = Thread.ofPlatform().start(() -> engineCalls.onError(
        new ErrorEvent(-1, null, "stage", "a live error", false, 0, null)));
    Thread.sleep(100);
    List<String> duringReplay = List.copyOf(run.calls);
    replayMayEnd.countDown();
    taking.join();
    live.join();

    assertEquals(List.of("series"), duringReplay, "a live callback overtook the kept ones");
    assertEquals(List.of("series", "error"), run.calls);
    assertFalse(handle.cancelled, "a load taken over was cancelled");
    early.discard();
    assertFalse(handle.cancelled, "discarding a load taken over cancelled it");
  }

  /**
   * Every image reached its final version in the engine, none failed there. The instances have no SOP Class UID, so
   * the hand-over to Weasis stops before Weasis' DicomMediaIO, which needs Weasis' whole runtime (the series'
   * errors count those hand-overs): the real-Weasis tests show the whole path.
   */
  private void assertAllFinal() {
    assertTrue(log.text().contains("progressive series done series=" + SmallSeries.SERIES + " final="
        + SmallSeries.IMAGES + " "), log.text());
    assertFalse(log.text().contains("Series " + SmallSeries.SERIES + " image "), "failed in the engine: " + log.text());
  }

  /** Runs the series as a Weasis download thread runs it, with a presenter of its own. */
  private SeriesRun.Outcome run(EarlyLoad early) {
    CompletableFuture<Map<String, Attributes>> metadata = new CompletableFuture<>();
    ProgressiveOpenerComponent.readMetadata(new DicomWebJson(queries, weasisNode()), NodeAuthorization.none(),
        SmallSeries.STUDY, SmallSeries.SERIES, metadata);
    Executor inline = Runnable::run;
    SeriesPresenter presenter = new SeriesPresenter(null, new DicomSeries(SmallSeries.SERIES), null, dir, inline,
        inline);
    long start = System.nanoTime();
    return new SeriesRun(service, request(), NodeAuthorization.none(), SINGLE,
        () -> Set.of(SmallSeries.EXPLICIT_LE), metadata, presenter, new SeriesProgress(new JProgressBar(), () -> {}),
        start, new Marks(start), early).run();
  }

  /**
   * The load the open starts, with Weasis' pixel limit and a wait no busy test machine outlasts (the wait's own
   * test sets its own).
   */
  private EarlyLoad startEarly() {
    return EarlyLoad.start(service, request(), weasisNode(), SINGLE, new Marks(System.nanoTime()),
        Duration.ofMinutes(1), EarlyLoad.MAX_KEPT_BYTES);
  }

  /** A 16x16 16-bit final version of image {@code index}, as the engine delivers it. */
  private static ImageEvent image(int index) {
    ImageRef ref = new ImageRef(SmallSeries.STUDY, SmallSeries.SERIES, SmallSeries.SERIES + "." + (index + 1), 1,
        "http://127.0.0.1/frames", SmallSeries.EXPLICIT_LE, index + 1, PixelDescription.grey(16, 16, 12, false));
    return new ImageEvent(index, ref, ImageQualityStatus.FULL_RESOLUTION, 16, 16, 0, 512, 512, "final", 0, index,
        new Raster(16, 16, 1, ShortBuffer.allocate(256)));
  }

  private SeriesRequest request() {
    return SeriesRequest.of(weasisNode(), SmallSeries.STUDY, SmallSeries.SERIES);
  }

  private NodeConfig weasisNode() {
    return NodeConfig.builder().name("Test PACS").baseUrl(node.baseUrl()).build();
  }

  /** The node answers the series, holding the requests {@code held} picks until {@link #requestsMayGo}. */
  private void holdRequests(Predicate<FaultServer.Recorded> held) {
    node.handle((r, x) -> {
      if (held.test(r)) {
        awaitQuietly(requestsMayGo);
      }
      SmallSeries.answer(r, x);
    });
  }

  private void awaitFrameRequests(int count) throws InterruptedException {
    awaitTrue(() -> node.requests().stream().filter(r -> r.path().contains("/frames/")).count() >= count);
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(10);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The handle of a load the test makes the callbacks of itself. */
  private static final class DrivenHandle implements LoadHandle {
    volatile boolean cancelled;

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public void prioritize(int imageIndex) {}

    @Override
    public LoadProgress progress() {
      return new LoadProgress(0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public CompletionStage<LoadSummary> completion() {
      return new CompletableFuture<>();
    }
  }

  /** A run that writes down what it was given, and answers a renewal with {@link #renewed}. */
  private static final class Recording implements LoadListener {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Authentication renewed;
    /** Runs once the series was written down. */
    volatile Runnable whileGivenSeries = () -> {};

    @Override
    public void onSeries(List<ImageRef> images) {
      calls.add("series");
      whileGivenSeries.run();
    }

    @Override
    public void onImage(ImageEvent event) {
      calls.add("image");
    }

    @Override
    public void onError(ErrorEvent event) {
      calls.add("error");
    }

    @Override
    public void onComplete(LoadSummary summary) {
      calls.add("complete");
    }

    @Override
    public Optional<Authentication> renewAuthentication(Authentication refused) {
      return Optional.ofNullable(renewed);
    }
  }
}
