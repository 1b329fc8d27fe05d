package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.internal.dicom.DicomJsonWriter;
import org.weasis.progressive.internal.engine.JsonQueries;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.weasis.internal.NodeAuthorization;
import org.weasis.progressive.weasis.internal.viewer.SeriesPresenter;

/**
 * A node Weasis authenticates through one of its OAuth2 methods loads with that method's token: a real
 * Weasis {@code DefaultAuthMethod} takes its tokens from a provider on 127.0.0.1 (Weasis' own client-credentials
 * flow), the node on 127.0.0.1 answers only the token it accepts, and the log is captured as Weasis logs,
 * at DEBUG.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a regression here hangs: fail instead
class WeasisAuthenticationTest {
  private static final String STUDY = SmallSeries.STUDY;
  private static final String SERIES = SmallSeries.SERIES;
  private static final String SOP = "1.2.3.4.5";
  private static final String NODE_NAME = "Test PACS";
  private static final String EXPLICIT_LE = SmallSeries.EXPLICIT_LE;
  /** The series of the mid-series expiry: its images and the frames the first token gets. */
  private static final int IMAGES = SmallSeries.IMAGES;
  private static final int FRAMES_WITH_A = 2;

  /** A request to the node, the Authorization it carried and the status it was answered. */
  private record Answered(String path, String authorization, int status) {}

  private final List<Answered> answered = new CopyOnWriteArrayList<>();

  @TempDir
  Path dir;

  private LocalOAuth2 provider;
  private FaultServer node;
  private CapturedLog log;
  private final JsonQueries queries = new JsonQueries();
  /** Whether the node takes a Bearer token; none by default. */
  private volatile Predicate<String> accepted = token -> false;

  @BeforeEach
  void start() throws IOException {
    provider = new LocalOAuth2();
    node = new FaultServer();
    log = new CapturedLog();
  }

  @AfterEach
  void stop() throws IOException {
    log.close();
    queries.close();
    node.close();
    provider.close();
  }

  @Test
  void theMethodsTokenGoesAsBearerToTheNodesOriginOnlyAndNeverIntoTheLog() throws Exception {
    try (FaultServer other = new FaultServer()) {
      accepted = token -> true;
      node.handle((r, x) -> {
        if (r.path().endsWith("/series")) {
          x.respond(302, Map.of("Location", other.baseUrl() + r.target()), new byte[0]);
        } else {
          answerWithToken(r, x);
        }
      });
      other.handle((r, x) -> x.respond(200, Map.of("Content-Type", "application/dicom+json"),
          seriesJson().getBytes(StandardCharsets.UTF_8)));
      NodeAuthorization authorization = NodeAuthorization.of(provider.method());

      // Followed only where the node allows other origins (refused otherwise: DicomWebJsonTest).
      NodeConfig followsRedirects = weasisNode().toBuilder().otherOriginsAllowed(true).build();
      NodeConfig authorized = authorization.authorize(followsRedirects);
      List<Attributes> study = new DicomWebJson(queries, authorized).study(STUDY);
      List<Attributes> series = new DicomWebJson(queries, authorization.authorize(followsRedirects)).series(STUDY);

      assertEquals(STUDY, study.getFirst().getString(Tag.StudyInstanceUID));
      assertEquals(SERIES, series.getFirst().getString(Tag.SeriesInstanceUID));
      assertEquals(1, provider.issued().size(), "Weasis keeps its token: one token request for both loads");
      String token = provider.issued().getFirst();
      List<FaultServer.Recorded> asked = node.requests();
      assertEquals(2, asked.size(), asked::toString);
      for (FaultServer.Recorded request : asked) {
        assertEquals("Bearer " + token, request.header("Authorization"), request.target());
        assertEquals("k3y", request.header("X-Api-Key"), "the node's Weasis headers are sent with the token");
      }
      FaultServer.Recorded redirected = other.requests().getFirst();
      assertEquals(asked.getLast().target(), redirected.target());
      assertNull(redirected.header("Authorization"), "the token went to another origin");
      assertNull(redirected.header("X-Api-Key"), "the API key went to another origin");
      assertFalse(log.text().contains(token), "the token is in the log:\n" + log.text());
      assertTrue(log.text().contains("HttpClient logging capped at INFO"), "the log was not captured as Weasis logs");
    }
  }

  @Test
  void aTokenTheNodeRefusesIsDroppedInWeasisAndTheNextLoadTakesAFreshOne() throws Exception {
    accepted = token -> provider.issued().size() > 1 && token.equals(provider.issued().get(1));
    node.handle(this::answerWithToken);
    NodeAuthorization authorization = NodeAuthorization.of(provider.method());

    NodeConfig first = authorization.authorize(weasisNode());
    IOException refused = assertThrows(IOException.class, () -> new DicomWebJson(queries, first).series(STUDY));
    assertTrue(NodeAuthorization.isRefusal(refused), refused.getMessage());
    authorization.refused(first);
    NodeConfig next = authorization.authorize(weasisNode());
    List<Attributes> series = new DicomWebJson(queries, next).series(STUDY);

    assertEquals(SERIES, series.getFirst().getString(Tag.SeriesInstanceUID));
    List<String> tokens = provider.issued();
    assertEquals(2, tokens.size(), "a fresh token after the refusal");
    assertEquals(List.of("Bearer " + tokens.get(0), "Bearer " + tokens.get(1)),
        node.requests().stream().map(r -> r.header("Authorization")).toList());
    assertTokensNotLogged();
  }

  @Test
  void aTokenRefusedToTwoSeriesIsDroppedOnceNotTheFreshOneTakenAfterTheFirstRefusal() throws Exception {
    NodeAuthorization authorization = NodeAuthorization.of(provider.method());
    NodeConfig seriesA = authorization.authorize(weasisNode());
    NodeConfig seriesB = authorization.authorize(weasisNode());

    authorization.refused(seriesA);
    NodeConfig fresh = authorization.authorize(weasisNode());
    authorization.refused(seriesB); // the old token, refused to the other series a moment later
    NodeConfig after = authorization.authorize(weasisNode());

    assertEquals(seriesA.requestHeaders(), seriesB.requestHeaders());
    assertNotEquals(seriesA.requestHeaders(), fresh.requestHeaders());
    assertEquals(fresh.requestHeaders(), after.requestHeaders(), "the fresh token was dropped for an old refusal");
    assertEquals(2, provider.issued().size());
  }

  @Test
  void whenWeasisGivesNoTokenTheLoadFailsNamingTheNodeAndItsMethodAndSendsNothing() throws Exception {
    provider.refuseTokens();
    NodeAuthorization authorization = NodeAuthorization.of(provider.method());

    IOException e = assertThrows(IOException.class, () -> authorization.authorize(weasisNode()));

    assertEquals("Weasis authentication \"" + LocalOAuth2.PROVIDER + "\" of node \"" + NODE_NAME
        + "\" gave no access token (login not completed, or its provider unreachable or refusing)", e.getMessage());
    assertEquals(List.of(), node.requests());
  }

  @Test
  void aTokenIsNeverAskedForOnTheEventThreadWhichALoginWouldFreeze() throws Exception {
    NodeAuthorization authorization = NodeAuthorization.of(provider.method());
    AtomicReference<Throwable> thrown = new AtomicReference<>();

    SwingUtilities.invokeAndWait(() -> {
      try {
        authorization.authorize(weasisNode());
      } catch (IOException | RuntimeException e) {
        thrown.set(e);
      }
    });

    assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
    assertEquals(List.of(), provider.issued(), "Weasis was asked for a token on the event thread");
  }

  @Test
  void aSeriesWhoseMetadataTheNodeRefusesFailsClearlyWithoutFallingBackAndTheRunTakesAFreshToken()
      throws Exception {
    node.handle(this::answerWithToken); // a revoked client: no token is accepted
    NodeAuthorization authorization = NodeAuthorization.of(provider.method());
    NodeConfig opened = authorization.authorize(weasisNode());
    CompletableFuture<Map<String, Attributes>> metadata = new CompletableFuture<>();
    ProgressiveOpenerComponent.readMetadata(new DicomWebJson(queries, opened), authorization, STUDY, SERIES,
        metadata);

    SeriesRun.Outcome outcome;
    try (ProgressiveEngine engine = new ProgressiveEngine(2)) {
      outcome = run(engine, authorization, metadata);
    }

    assertEquals(SeriesRun.Outcome.UNAUTHORIZED, outcome);
    assertTrue(log.text().contains("Series " + SERIES + " is not loaded: node \"" + NODE_NAME
        + "\" refused its Weasis authentication \"" + LocalOAuth2.PROVIDER
        + "\" (HTTP 401): the token is dropped, and the next load asks Weasis for a new one"), log.text());
    assertEquals(2, provider.issued().size(), "the metadata's refused token was dropped: the run took another");
    assertBearersFromProvider();
    assertTokensNotLogged();
  }

  @Test
  void aSeriesWhoseFreshTokenIsRefusedTooStopsClearlyAfterOneRenewalAndTheNextSeriesTakesAnotherToken()
      throws Exception {
    accepted = token -> token.equals(provider.issued().getFirst());
    // The frames come after the token expired, and the fresh token is refused too (a revoked client).
    node.handle((r, x) -> {
      if (r.path().contains("/frames")) {
        x.respond(401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), new byte[0]);
      } else {
        answerWithToken(r, x);
      }
    });
    NodeAuthorization authorization = NodeAuthorization.of(provider.method());
    NodeConfig opened = authorization.authorize(weasisNode());
    CompletableFuture<Map<String, Attributes>> metadata = new CompletableFuture<>();
    ProgressiveOpenerComponent.readMetadata(new DicomWebJson(queries, opened), authorization, STUDY, SERIES,
        metadata);

    SeriesRun.Outcome outcome;
    try (ProgressiveEngine engine = new ProgressiveEngine(2)) {
      outcome = run(engine, authorization, metadata);
    }
    NodeConfig nextSeries = authorization.authorize(weasisNode());

    assertEquals(SeriesRun.Outcome.UNAUTHORIZED, outcome);
    assertTrue(log.text().contains("Series " + SERIES + " stops: node \"" + NODE_NAME
        + "\" refused its Weasis authentication \"" + LocalOAuth2.PROVIDER + "\" (HTTP 401)"), log.text());
    List<String> tokens = provider.issued();
    assertEquals(3, tokens.size(), "the open's, the one renewal's, the next series' " + tokens.size());
    assertEquals(List.of("Bearer " + tokens.get(0), "Bearer " + tokens.get(1)), node.requests().stream()
        .filter(r -> r.path().contains("/frames")).map(r -> r.header("Authorization")).toList(),
        "the frame once with the expired token, once with the fresh one, never more");
    assertEquals("Bearer " + tokens.get(2), nextSeries.requestHeaders().get("Authorization"));
    assertBearersFromProvider();
    assertTokensNotLogged();
  }

  @Test
  void aTokenThatExpiresMidSeriesIsRenewedOnceAndTheSeriesEndsWholeWithNoFrameFetchedTwice() throws Exception {
    // The open's token A is good for the queries, the metadata and the first FRAMES_WITH_A frame requests,
    // then expired; the one Weasis hands out next (B) is good.
    AtomicInteger framesWithA = new AtomicInteger();
    accepted = token -> false;
    node.handle((r, x) -> {
      String token = bearer(r);
      List<String> tokens = provider.issued();
      boolean isA = !tokens.isEmpty() && token.equals(tokens.getFirst());
      boolean isB = tokens.size() > 1 && token.equals(tokens.get(1));
      boolean frame = r.path().contains("/frames");
      boolean ok = isB || (isA && (!frame || framesWithA.incrementAndGet() <= FRAMES_WITH_A));
      answered.add(new Answered(r.path(), r.header("Authorization"), ok ? 200 : 401));
      if (ok) {
        SmallSeries.answer(r, x);
      } else {
        x.respond(401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), new byte[0]);
      }
    });
    NodeAuthorization authorization = NodeAuthorization.of(provider.method());
    NodeConfig opened = authorization.authorize(weasisNode());
    CompletableFuture<Map<String, Attributes>> metadata = new CompletableFuture<>();
    ProgressiveOpenerComponent.readMetadata(new DicomWebJson(queries, opened), authorization, STUDY, SERIES,
        metadata);

    SeriesRun.Outcome outcome;
    try (ProgressiveEngine engine = new ProgressiveEngine(4)) {
      engine.addDecoder(new UncompressedDecoder());
      outcome = run(engine, authorization, metadata, weasisNode().toBuilder().maxConnections(2).build(),
          RetrieveConfiguration.forLoading(false, RetrieveConfiguration.single()));
    }

    assertEquals(SeriesRun.Outcome.DONE, outcome, log.text());
    // Every image reached its final version in the engine, none failed there. The instances have no SOP
    // Class UID, so the hand-over to Weasis stops before Weasis' DicomMediaIO, which needs Weasis' whole
    // runtime; AuthenticatedNodeInWeasisIT shows the same renewal ending with errors=0 in real Weasis.
    assertTrue(log.text().contains("progressive series done series=" + SERIES + " final=" + IMAGES + " "),
        log.text());
    assertFalse(log.text().contains("Series " + SERIES + " image "), "an image failed in the engine: " + log.text());
    List<String> tokens = provider.issued();
    assertEquals(2, tokens.size(), "exactly one token refresh");
    String a = "Bearer " + tokens.get(0);
    String b = "Bearer " + tokens.get(1);
    for (int i = 0; i < IMAGES; i++) {
      String path = SmallSeries.framePath(i);
      List<Answered> frame = answered.stream().filter(f -> f.path().equals(path)).toList();
      // Fetched once, or refused with A and then fetched once with B: never again after its 200.
      List<Answered> once = List.of(new Answered(path, frame.getLast().authorization(), 200));
      List<Answered> refusedThenB = List.of(new Answered(path, a, 401), new Answered(path, b, 200));
      assertTrue(frame.equals(once) || frame.equals(refusedThenB), frame::toString);
    }
    assertEquals(FRAMES_WITH_A, answered.stream().filter(f -> f.path().contains("/frames")
        && f.authorization().equals(a) && f.status() == 200).count(), answered::toString);
    assertTrue(answered.stream().anyMatch(f -> f.status() == 401), "the token never expired: " + answered);
    assertTrue(node.requests().stream().allMatch(r -> "k3y".equals(r.header("X-Api-Key"))),
        "the node's Weasis headers go on with the fresh token");
    assertBearersFromProvider();
    assertTokensNotLogged();
  }

  @Test
  void aNodeWithPlainHeaderCredentialsStopsAtTheFirstRefusalWithoutAskingForMore() throws Exception {
    NodeConfig withApiKey = weasisNode().toBuilder().authentication(Authentication.bearer("k3y-token")).build();
    node.handle((r, x) -> {
      if (r.path().contains("/frames")) {
        x.respond(401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), new byte[0]);
      } else {
        SmallSeries.answer(r, x);
      }
    });
    CompletableFuture<Map<String, Attributes>> metadata = new CompletableFuture<>();
    ProgressiveOpenerComponent.readMetadata(new DicomWebJson(queries, withApiKey), NodeAuthorization.none(), STUDY,
        SERIES, metadata);

    SeriesRun.Outcome outcome;
    try (ProgressiveEngine engine = new ProgressiveEngine(2)) {
      outcome = run(engine, NodeAuthorization.none(), metadata, withApiKey.toBuilder().maxConnections(1).build(),
          RetrieveConfiguration.forLoading(false, RetrieveConfiguration.single()));
    }

    assertEquals(SeriesRun.Outcome.UNAUTHORIZED, outcome);
    assertTrue(log.text().contains("Series " + SERIES + " stops: node \"" + NODE_NAME
        + "\" refused the credentials of the request (HTTP 401)"), log.text());
    List<FaultServer.Recorded> frames = node.requests().stream().filter(r -> r.path().contains("/frames")).toList();
    assertEquals(1, frames.size(), "asked again after the refusal: " + frames);
    assertEquals(List.of(), provider.issued());
  }

  /** Runs the series as a Weasis download thread runs it, with the engine and a presenter of its own. */
  private SeriesRun.Outcome run(ProgressiveEngine engine, NodeAuthorization authorization,
      CompletableFuture<Map<String, Attributes>> metadata) {
    return run(engine, authorization, metadata, weasisNode(),
        RetrieveConfiguration.forLoading(true, RetrieveConfiguration.sequential()));
  }

  private SeriesRun.Outcome run(ProgressiveEngine engine, NodeAuthorization authorization,
      CompletableFuture<Map<String, Attributes>> metadata, NodeConfig seriesNode,
      RetrieveConfiguration configuration) {
    Executor inline = Runnable::run;
    SeriesPresenter presenter = new SeriesPresenter(null, new DicomSeries(SERIES), null, dir, inline, inline);
    SeriesProgress progress = new SeriesProgress(new JProgressBar(), () -> {});
    long start = System.nanoTime();
    SeriesRun run = new SeriesRun(engine, SeriesRequest.of(seriesNode, STUDY, SERIES), authorization,
        configuration, () -> Set.of(EXPLICIT_LE, TransferSyntax.HTJ2K_LOSSLESS_RPCL), metadata, presenter, progress, start,
        new Marks(start), null);
    return run.run();
  }

  /** The node as Weasis lists it, with a header the user gave it in Weasis. */
  private NodeConfig weasisNode() {
    return NodeConfig.builder().name(NODE_NAME).baseUrl(node.baseUrl()).header("X-Api-Key", "k3y").build();
  }

  /** The Bearer token of a request, or "" for none. */
  private static String bearer(FaultServer.Recorded r) {
    String authorization = r.header("Authorization");
    return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
  }

  /** DICOM JSON for the token the node accepts, else 401 as an OAuth2 resource server answers. */
  private void answerWithToken(FaultServer.Recorded r, FaultServer.Exchange x) throws IOException {
    String authorization = r.header("Authorization");
    String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
    if (!accepted.test(token)) {
      x.respond(401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), new byte[0]);
      return;
    }
    String path = r.path();
    byte[] body = path.endsWith("/metadata") ? metadataJson()
        : (path.endsWith("/series") ? seriesJson() : studyJson()).getBytes(StandardCharsets.UTF_8);
    x.respond(200, Map.of("Content-Type", "application/dicom+json"), body);
  }

  private static String studyJson() {
    return "[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" + STUDY + "\"]}}]";
  }

  private static String seriesJson() {
    return "[{\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"" + SERIES + "\"]}}]";
  }

  /** One 16-bit uncompressed instance. */
  private static byte[] metadataJson() {
    return DicomJsonWriter.series().instance()
        .strings("00080018", "UI", SOP)
        .strings("0020000D", "UI", STUDY)
        .strings("0020000E", "UI", SERIES)
        .strings("00020010", "UI", EXPLICIT_LE)
        .greyscale16(64, 64, 12)
        .bulkData("7FE00010", "OW", "instances/" + SOP + "/frames")
        .toBytes();
  }

  /** Every request to the node carried a token the provider handed out, as Bearer. */
  private void assertBearersFromProvider() {
    List<String> bearers = provider.issued().stream().map(t -> "Bearer " + t).toList();
    for (FaultServer.Recorded request : node.requests()) {
      assertTrue(bearers.contains(request.header("Authorization")), request.target());
    }
  }

  private void assertTokensNotLogged() {
    String text = log.text();
    for (String token : provider.issued()) {
      assertFalse(text.contains(token), "a token is in the log:\n" + text);
    }
  }
}
