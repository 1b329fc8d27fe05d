package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.fixtures.FaultServer.Recorded;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.testing.EventRecorder;
import org.weasis.progressive.testing.LoadOutcome;
import org.weasis.progressive.testing.LocalEngine;
import org.weasis.progressive.testing.TinySeries;

/**
 * A node that refuses the load's credentials (401) in the middle of a series, as when an access token
 * expires during a long load: the listener is asked once for fresh credentials, and only the refused
 * requests go again with them.
 */
class CredentialRenewalTest {
  private static final TinySeries SERIES = new TinySeries(8, 8, 6);
  private static final String OLD = "Bearer token-A";
  private static final String FRESH = "Bearer token-B";

  @RegisterExtension
  final LocalEngine local = LocalEngine.with(new UncompressedDecoder()).deadline(Duration.ofSeconds(20))
      .countingThreads();

  /** Each request's target, the Authorization it carried and the status it was answered. */
  private record Answered(String target, String authorization, int status) {}

  private final List<Answered> answered = new CopyOnWriteArrayList<>();
  /** Counts down at each 401 the server answers. */
  private final CountDownLatch twoRefusals = new CountDownLatch(2);

  @Test
  void aTokenRefusedMidSeriesIsRenewedOnceAndOnlyTheRefusedRequestsGoAgainWithTheFreshOne() throws Exception {
    AtomicInteger framesWithOld = new AtomicInteger();
    // The old token is good for the metadata and three frames, then expired; the fresh one is good.
    serve(r -> FRESH.equals(r.header("authorization")) || (OLD.equals(r.header("authorization"))
        && (!isFrame(r) || framesWithOld.incrementAndGet() <= 3)));
    Renewing listener = new Renewing(Optional.of(Authentication.bearer("token-B")));
    // Requests in flight when the token expires are refused together: the renewal waits for a second
    // refusal (bounded, then goes on either way), so that often one of them waits for the renewal another
    // request asked for; the next case makes sure of that path.
    listener.beforeAnswering = () -> twoRefusals.await(5, TimeUnit.SECONDS);

    LoadOutcome out = load(node(3), listener);

    assertEquals(SERIES.images, out.summary().finalImages(), out.errors()::toString);
    assertEquals(List.of(), out.errors());
    assertEquals(List.of("token-A"), listener.refusedSecrets, "asked exactly once, with the refused token");
    for (int i = 0; i < SERIES.images; i++) {
      List<Answered> frame = answersFor(SERIES.framePath(i));
      assertEquals(200, frame.getLast().status(), frame::toString);
      assertEquals(1, frame.stream().filter(a -> a.status() == 200).count(), "fetched twice: " + frame);
      if (frame.size() == 2) {
        assertEquals(new Answered(SERIES.framePath(i), OLD, 401), frame.getFirst());
        assertEquals(FRESH, frame.getLast().authorization());
      }
      assertTrue(frame.size() <= 2, frame::toString);
    }
    long refused = answered.stream().filter(a -> a.status() == 401).count();
    assertTrue(refused >= 1, answered::toString);
    assertEquals(SERIES.images - 3, answered.stream().filter(a -> FRESH.equals(a.authorization())).count(),
        "the frames not fetched with the old token, each once with the fresh one: " + answered);
    assertTrue(local.server().requests().stream().allMatch(r -> "k-1".equals(r.header("x-api-key"))),
        "the node's other headers go on with the fresh token");
  }

  @Test
  void aRequestRefusedWhileAnotherOnesRenewalIsUnderWayWaitsForItInsteadOfAskingAgain() throws Exception {
    serve(r -> FRESH.equals(r.header("authorization")) || (OLD.equals(r.header("authorization")) && !isFrame(r)));
    Renewing listener = new Renewing(Optional.of(Authentication.bearer("token-B")));
    AtomicBoolean secondWaited = new AtomicBoolean();
    // The host's login answers only once a second refused request waits for it (a thread of the load is in
    // NodeCredentials' wait for the renewal's answer): that one must not ask again.
    listener.beforeAnswering = () -> secondWaited.set(twoRefusals.await(10, TimeUnit.SECONDS)
        && awaitThreadIn("NodeCredentials", "await", Duration.ofSeconds(10)));

    LoadOutcome out = load(node(3), listener);

    assertTrue(secondWaited.get(), "no second refused request waited for the renewal: " + answered);
    assertEquals(List.of("token-A"), listener.refusedSecrets, "asked once for both refusals");
    assertEquals(List.of(), out.errors());
    assertEquals(SERIES.images, out.summary().finalImages());
    for (int i = 0; i < SERIES.images; i++) {
      List<Answered> frame = answersFor(SERIES.framePath(i));
      assertEquals(new Answered(SERIES.framePath(i), FRESH, 200), frame.getLast(), frame::toString);
      assertTrue(frame.size() == 1 || frame.size() == 2 && frame.getFirst().status() == 401, frame::toString);
    }
  }

  @Test
  void aRenewalThatOutlastsTheRequestTimeoutSendsTheRefusedRequestsAgainWithinADeadlineOfTheirOwn()
      throws Exception {
    serve(r -> {
      if (FRESH.equals(r.header("authorization")) && r.target().equals(SERIES.framePath(0))) {
        // Answered after a few of the guard's looks at its deadline (every 100 ms with a 1 s rate window).
        sleepUninterruptibly(500);
      }
      return FRESH.equals(r.header("authorization")) || (OLD.equals(r.header("authorization")) && !isFrame(r));
    });
    Renewing listener = new Renewing(Optional.of(Authentication.bearer("token-B")));
    listener.beforeAnswering = () -> Thread.sleep(2500); // a login longer than the node's 2 s request timeout

    LoadOutcome out = load(node(1).toBuilder().requestTimeout(Duration.ofSeconds(2))
        .rateWindow(Duration.ofSeconds(1)).build(), listener);

    assertEquals(List.of(), out.errors());
    assertEquals(SERIES.images, out.summary().finalImages());
    assertEquals(List.of(new Answered(SERIES.framePath(0), OLD, 401), new Answered(SERIES.framePath(0), FRESH, 200)),
        answersFor(SERIES.framePath(0)), "the refused frame, sent again once with the fresh token");
  }

  @Test
  void freshCredentialsRefusedTooFailTheirRequestsWithStatus401AndAreNeverRenewedTwice() throws Exception {
    serve(r -> !isFrame(r)); // a revoked client: no frame for any token
    Renewing listener = new Renewing(Optional.of(Authentication.bearer("token-B")));

    LoadOutcome out = load(node(1), listener);

    assertEquals(0, out.summary().finalImages());
    assertEquals(1, listener.refusedSecrets.size(), "renewed more than once: " + listener.refusedSecrets);
    assertEquals(SERIES.images, out.errors().size(), out.errors()::toString);
    for (ErrorEvent e : out.errors()) {
      assertEquals(OptionalInt.of(401), e.httpStatus(), e.reason());
    }
    List<String> frameTokens = answered.stream().filter(a -> a.target().contains("/frames/"))
        .map(Answered::authorization).toList();
    List<String> expected = new ArrayList<>(List.of(OLD));
    for (int i = 0; i < SERIES.images; i++) {
      expected.add(FRESH); // the first frame once more with the fresh token, then each other frame once
    }
    assertEquals(expected, frameTokens);
  }

  @Test
  void withoutARenewalA401FailsItsRequestAtOnce() throws Exception {
    serve(r -> !isFrame(r));

    LoadOutcome out = load(node(2), new Renewing(null));

    assertEquals(SERIES.images, out.errors().size(), out.errors()::toString);
    assertTrue(out.errors().stream().allMatch(e -> e.httpStatus().equals(OptionalInt.of(401))), out.errors()::toString);
    assertEquals(SERIES.images, out.frameRequests().size(), "each frame asked once");
    assertTrue(out.frameRequests().stream().allMatch(r -> OLD.equals(r.header("authorization"))));
  }

  @Test
  void aRefusedMetadataRequestIsRenewedTooAndTheSeriesLoads() throws Exception {
    serve(r -> FRESH.equals(r.header("authorization")));
    Renewing listener = new Renewing(Optional.of(Authentication.bearer("token-B")));

    LoadOutcome out = load(node(2), listener);

    assertEquals(SERIES.images, out.summary().finalImages(), out.errors()::toString);
    assertEquals(List.of("token-A"), listener.refusedSecrets);
    assertEquals(List.of(new Answered(SERIES.seriesPath() + "/metadata", OLD, 401),
        new Answered(SERIES.seriesPath() + "/metadata", FRESH, 200)),
        answersFor(SERIES.seriesPath() + "/metadata"));
    assertEquals(SERIES.images, out.frameRequests().size());
  }

  @Test
  void cancellingALoadWhileItsHostRenewsTheCredentialsEndsItWithoutWaitingForTheHost() throws Exception {
    serve(r -> !isFrame(r));
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch loginDone = new CountDownLatch(1);
    Renewing listener = new Renewing(Optional.of(Authentication.bearer("token-B")));
    listener.beforeAnswering = () -> {
      asked.countDown();
      loginDone.await(30, TimeUnit.SECONDS); // a login the user never completes
    };
    try {
      LoadHandle handle = local.engine().load(LocalEngine.sequential(node(3)), RetrieveConfiguration.single(),
          listener);
      assertTrue(asked.await(20, TimeUnit.SECONDS), "never asked to renew");
      handle.cancel();

      LoadSummary summary = handle.completion().toCompletableFuture().get(20, TimeUnit.SECONDS);

      assertTrue(summary.cancelled());
      assertEquals(1, listener.refusedSecrets.size());
    } finally {
      loginDone.countDown();
    }
  }

  private NodeConfig node(int connections) {
    return local.node().toBuilder().authentication(Authentication.bearer("token-A")).header("X-Api-Key", "k-1")
        .maxConnections(connections).build();
  }

  private LoadOutcome load(NodeConfig node, Renewing listener) throws Exception {
    LoadSummary summary = local.engine().load(LocalEngine.sequential(node), RetrieveConfiguration.single(), listener)
        .completion().toCompletableFuture().get(20, TimeUnit.SECONDS);
    return listener.recorder.outcome(summary, local.server().requests());
  }

  /** The series, to requests {@code accepted} takes; 401 with an OAuth2 resource server's header otherwise. */
  private void serve(Predicate<Recorded> accepted) {
    local.server().handle((r, x) -> {
      if (!accepted.test(r)) {
        answered.add(new Answered(r.target(), r.header("authorization"), 401));
        x.respond(401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), new byte[0]);
        twoRefusals.countDown();
      } else if (r.target().endsWith("/metadata")) {
        answered.add(new Answered(r.target(), r.header("authorization"), 200));
        x.respond(200, Map.of("Content-Type", "application/dicom+json"), SERIES.metadataJson());
      } else {
        answered.add(new Answered(r.target(), r.header("authorization"), 200));
        x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
            SERIES.multipartFrame(SERIES.indexOf(r.target())));
      }
    });
  }

  /** A slow server's answer, not a synchronisation: the server thread answers late. */
  private static void sleepUninterruptibly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Polls the threads' stacks until one is in {@code method} of a class named {@code simpleName}. */
  private static boolean awaitThreadIn(String simpleName, String method, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
        for (StackTraceElement frame : stack) {
          if (frame.getClassName().endsWith("." + simpleName) && frame.getMethodName().equals(method)) {
            return true;
          }
        }
      }
      Thread.sleep(5); // polling a condition, bounded by limit
    }
    return false;
  }

  private static boolean isFrame(Recorded r) {
    return r.target().contains("/frames/");
  }

  private List<Answered> answersFor(String target) {
    return answered.stream().filter(a -> a.target().equals(target)).toList();
  }

  /** Records the events, and renews the credentials with what it was given. */
  private static final class Renewing implements LoadListener {
    final EventRecorder recorder = new EventRecorder();
    /** The secret of each refused authentication it was asked to renew. */
    final List<String> refusedSecrets = new CopyOnWriteArrayList<>();
    private final Optional<Authentication> fresh;
    volatile Blocking beforeAnswering = () -> {};

    interface Blocking {
      void run() throws InterruptedException;
    }

    /** @param fresh what to renew with; null: the listener's default (no renewal) */
    Renewing(Optional<Authentication> fresh) {
      this.fresh = fresh;
    }

    @Override
    public void onImage(ImageEvent event) {
      recorder.onImage(event);
    }

    @Override
    public void onError(ErrorEvent event) {
      recorder.onError(event);
    }

    @Override
    public void onComplete(LoadSummary summary) {
      recorder.onComplete(summary);
    }

    @Override
    public Optional<Authentication> renewAuthentication(Authentication refused) {
      if (fresh == null) {
        return LoadListener.super.renewAuthentication(refused);
      }
      refusedSecrets.add(refused.secret());
      try {
        beforeAnswering.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      return fresh.map(a -> a.withHeaders(refused.headers()));
    }
  }
}
