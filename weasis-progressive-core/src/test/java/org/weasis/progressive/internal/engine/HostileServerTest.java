package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.fixtures.FaultServer.Exchange;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.testing.LoadOutcome;
import org.weasis.progressive.testing.LocalEngine;
import org.weasis.progressive.testing.TinySeries;

/**
 * Servers that attack the loader rather than fail: lying lengths, endless or dripping bodies, escape codes
 * in errors, frames placed on other origins, https downgrades. Each ends as a clear error for the image it
 * hit, within a bound, while the other images of the series load.
 */
class HostileServerTest {
  private static final TinySeries SERIES = new TinySeries(4, 8, 6);
  private static final int HOSTILE = 1;
  private static final long TEN_GB = 10L * 1000 * 1000 * 1000;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @RegisterExtension
  final LocalEngine local = LocalEngine.with(new UncompressedDecoder()).deadline(DEADLINE);

  @Test
  void aTenGigabyteDeclaredFrameIsRefusedAndItsConnectionDroppedInsteadOfReadToItsEnd() throws Exception {
    AtomicLong written = new AtomicLong();
    local.server().handle(hostileFrame((r, x) -> {
      x.writeHead(200, Map.of("Content-Type", TinySeries.multipartType()), TEN_GB);
      trickle(x, 1024 * 1024, 100, written); // 10 MB/s: 1000 s to send all of it
    }));

    long started = System.nanoTime();
    LoadOutcome out = load(local.node());

    assertTrue(elapsedMs(started) < 5000, "the refused frame ends at once: " + elapsedMs(started) + " ms");
    assertOthersFinal(out);
    assertTrue(out.error(HOSTILE).reason().contains(TEN_GB + " bytes, over the node's limit"), out.error(HOSTILE)::reason);
    assertTrue(written.get() < 32L * 1024 * 1024,
        "the client dropped the connection instead of draining it: " + written.get() + " bytes sent");
  }

  @Test
  void aFrameOverTheFrameLimitIsNotAskedForAgainByALaterStage() throws Exception {
    local.server().handle(hostileFrame((r, x) -> {
      x.writeHead(200, Map.of("Content-Type", TinySeries.multipartType()), TEN_GB);
      trickle(x, 64 * 1024, 100, new AtomicLong());
    }));

    LoadOutcome out = local.load(local.node(), RetrieveConfiguration.sequential());

    assertOthersFinal(out);
    List<ErrorEvent> errors = out.errors().stream().filter(e -> e.imageIndex() == HOSTILE).toList();
    assertEquals(2, errors.size(), errors::toString);
    assertTrue(errors.get(1).reason().contains("over the node's limit") && errors.get(1).reason().contains("not asked for again"),
        errors.get(1)::reason);
    assertEquals(1, local.server().requests().stream().filter(r -> SERIES.indexOf(r.target()) == HOSTILE).count(),
        "one request for the frame, though two stages wanted it");
  }

  @Test
  void anErrorStatusWithAnEndlessBodyEndsAtOnceWithItsExcerpt() throws Exception {
    AtomicLong written = new AtomicLong();
    local.server().handle(hostileFrame((r, x) -> {
      x.writeHead(500, Map.of("Content-Type", "text/plain"), TEN_GB);
      byte[] text = "database down ".getBytes(StandardCharsets.US_ASCII);
      x.write(text, 0, text.length);
      trickle(x, 1024 * 1024, 100, written);
    }));

    long started = System.nanoTime();
    LoadOutcome out = load(local.node());

    assertTrue(elapsedMs(started) < 5000, elapsedMs(started) + " ms");
    assertOthersFinal(out);
    assertTrue(out.error(HOSTILE).reason().contains("HTTP 500"), out.error(HOSTILE)::reason);
    assertTrue(out.error(HOSTILE).reason().contains("database down"), out.error(HOSTILE)::reason);
    assertTrue(written.get() < 32L * 1024 * 1024, "not drained: " + written.get() + " bytes sent");
  }

  @Test
  void endlessBodiesOnTwoFramesStopAtTheLoadsBudget() throws Exception {
    local.server().handle((r, x) -> {
      if (r.target().endsWith("/metadata")) {
        x.respond(200, Map.of(), SERIES.metadataJson());
        return;
      }
      int i = SERIES.indexOf(r.target());
      if (i == 1 || i == 2) {
        x.writeHead(200, Map.of("Content-Type", "application/octet-stream"), -1); // until the connection closes
        trickle(x, 64 * 1024, 0, new AtomicLong());
      } else {
        x.respond(200, Map.of("Content-Type", TinySeries.multipartType()), SERIES.multipartFrame(i));
      }
    });

    LoadOutcome out = load(local.node().toBuilder().maxLoadBytes(1024 * 1024).build());

    assertEquals(2, out.summary().finalImages(), out.errors()::toString);
    for (int i : new int[] {1, 2}) {
      String reason = out.error(i).reason();
      assertTrue(reason.contains("over the load's budget of 1048576 bytes"), reason);
    }
    assertEquals(ImageQualityStatus.FULL_RESOLUTION, out.last(0).status());
    assertEquals(ImageQualityStatus.FULL_RESOLUTION, out.last(3).status());
  }

  @Test
  void aOneByteDripFailsOnTheMinimumTransferRate() throws Exception {
    local.server().handle(hostileFrame((r, x) -> {
      byte[] body = SERIES.multipartFrame(HOSTILE);
      x.writeHead(200, Map.of("Content-Type", TinySeries.multipartType()), body.length);
      for (int i = 0; i < body.length; i++) {
        x.write(body, i, 1);
        Thread.sleep(50); // 20 B/s, each byte well within the stall timeout
      }
    }));

    long started = System.nanoTime();
    LoadOutcome out = load(local.node().toBuilder().minTransferRate(1000).rateWindow(Duration.ofMillis(800)).build());

    assertOthersFinal(out);
    assertTrue(out.error(HOSTILE).reason().contains("Less than 1000 bytes/s"), out.error(HOSTILE)::reason);
    assertTrue(elapsedMs(started) < 5000, elapsedMs(started) + " ms");
  }

  @Test
  void drippedResponseHeadersFailWithinTheStallTimeout() throws Exception {
    local.server().handle(hostileFrame((r, x) -> {
      byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: " + TinySeries.multipartType() + "\r\nX-Pad: "
          + "a".repeat(500) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < head.length; i++) {
        x.write(head, i, 1);
        Thread.sleep(50);
      }
    }));

    long started = System.nanoTime();
    LoadOutcome out = load(local.node()
        .toBuilder().connectTimeout(Duration.ofSeconds(2))
        .stallTimeout(Duration.ofMillis(700))
        .requestTimeout(Duration.ofSeconds(30))
        .minTransferRate(1000).rateWindow(Duration.ofMillis(500)).build());

    assertOthersFinal(out);
    assertTrue(out.error(HOSTILE).reason().contains("No response headers"), out.error(HOSTILE)::reason);
    assertTrue(elapsedMs(started) < 5000, elapsedMs(started) + " ms");
  }

  @Test
  void theRequestTimeoutBoundsAGetWithItsRetries() throws Exception {
    local.server().handle(hostileFrame((r, x) -> {
      Thread.sleep(300);
      x.respond(503, Map.of(), new byte[0]);
    }));

    long started = System.nanoTime();
    LoadOutcome out = load(local.node()
        .toBuilder().connectTimeout(Duration.ofSeconds(2))
        .stallTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofMillis(800))
        .maxRetries(10).retryBackoff(Duration.ofMillis(100)).build());

    assertOthersFinal(out);
    assertNotNull(out.error(HOSTILE));
    long attempts = local.server().requests().stream().filter(r -> SERIES.indexOf(r.target()) == HOSTILE).count();
    assertTrue(attempts <= 3, "retries stop at the deadline: " + attempts + " attempts");
    assertTrue(elapsedMs(started) < 5000, elapsedMs(started) + " ms");
  }

  @Test
  void serverTextInErrorsLosesItsEscapeCodesAndIsCutShort() throws Exception {
    local.server().handle(hostileFrame((r, x) -> x.respond(500, Map.of("Content-Type", "text/plain"),
        ("\u001b[2J\u001b[31mFAKE\r\nINFO all good\u0007" + "x".repeat(100_000)).getBytes(StandardCharsets.UTF_8))));

    LoadOutcome out = load(local.node());

    assertOthersFinal(out);
    String reason = out.error(HOSTILE).reason();
    assertTrue(reason.contains("HTTP 500") && reason.contains("FAKE INFO all good"), reason);
    assertTrue(reason.chars().noneMatch(Character::isISOControl), "no control character: " + reason);
    assertTrue(reason.length() < 500, "cut short: " + reason.length() + " characters");
  }

  @Test
  void aFrameUrlOnAnotherOriginIsNotFetchedUnlessTheNodeAllowsIt() throws Exception {
    try (FaultServer other = new FaultServer()) {
      other.handle((r, x) -> x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
          SERIES.multipartFrame(SERIES.indexOf(r.target()))));
      String hostileSop = TinySeries.sop(HOSTILE);
      byte[] metadata = new String(SERIES.metadataJson(), StandardCharsets.UTF_8)
          .replace("\"instances/" + hostileSop + "/frames\"",
              "\"" + other.baseUrl() + SERIES.seriesPath() + "/instances/" + hostileSop + "/frames\"")
          .getBytes(StandardCharsets.UTF_8);
      local.server().handle((r, x) -> {
        if (r.target().endsWith("/metadata")) {
          x.respond(200, Map.of(), metadata);
        } else {
          x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
              SERIES.multipartFrame(SERIES.indexOf(r.target())));
        }
      });
      NodeConfig node = local.node().toBuilder().authentication(Authentication.bearer("s3cret")).build();

      LoadOutcome refused = load(node);

      assertOthersFinal(refused);
      assertTrue(refused.error(HOSTILE).reason().contains("not on the node's origin"), refused.error(HOSTILE)::reason);
      assertEquals(List.of(), other.requests(), "nothing asked from the other origin");

      LoadOutcome allowed = load(node.toBuilder().otherOriginsAllowed(true).build());

      assertEquals(4, allowed.summary().finalImages(), allowed.errors()::toString);
      assertEquals(1, other.requests().size());
      assertNull(other.requests().getFirst().header("authorization"), "credentials stay with the node's origin");
    }
  }

  @Test
  void aRedirectFromHttpsToCleartextHttpIsRefused() throws Exception {
    try (FaultServer tls = FaultServer.tls(dir)) {
      tls.handle((r, x) -> {
        if (r.target().endsWith("/metadata")) {
          x.respond(200, Map.of(), SERIES.metadataJson());
        } else if (SERIES.indexOf(r.target()) == HOSTILE) {
          x.respond(302, Map.of("Location", local.server().baseUrl() + r.target()), new byte[0]);
        } else {
          x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
              SERIES.multipartFrame(SERIES.indexOf(r.target())));
        }
      });
      local.server().handle((r, x) -> x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
          SERIES.multipartFrame(SERIES.indexOf(r.target()))));
      NodeConfig node = NodeConfig.builder().baseUrl(tls.baseUrl())
          .verifyTls(false)
          .authentication(Authentication.bearer("s3cret"))
          .otherOriginsAllowed(true).build();

      LoadOutcome out = load(node);

      assertOthersFinal(out);
      assertTrue(out.error(HOSTILE).reason().contains("leaves https for cleartext"), out.error(HOSTILE)::reason);
      assertEquals(List.of(), local.server().requests(), "nothing asked in cleartext");
    }
  }

  @Test
  void aRedirectToAnotherOriginIsRefusedNamingTheNodeTheOriginAndTheSettingUnlessTheNodeAllowsIt()
      throws Exception {
    try (FaultServer other = new FaultServer()) {
      other.handle((r, x) -> x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
          SERIES.multipartFrame(SERIES.indexOf(r.target()))));
      local.server().handle((r, x) -> {
        int i = SERIES.indexOf(r.target());
        if (r.target().endsWith("/metadata")) {
          x.respond(200, Map.of(), SERIES.metadataJson());
        } else if (i == HOSTILE) {
          x.respond(302, Map.of("Location", other.baseUrl() + r.target() + "?X-Amz-Signature=s1gn3d"), new byte[0]);
        } else if (i == 2 && !r.target().contains("moved")) {
          x.respond(307, Map.of("Location", r.target() + "?moved=1"), new byte[0]); // same origin
        } else {
          x.respond(200, Map.of("Content-Type", TinySeries.multipartType()), SERIES.multipartFrame(i));
        }
      });
      NodeConfig node = local.node().toBuilder().name("Tight PACS")
          .authentication(Authentication.bearer("s3cret")).build();

      LoadOutcome refused = load(node);

      assertOthersFinal(refused);
      String reason = refused.error(HOSTILE).reason();
      assertTrue(reason.contains("Refused the redirect to " + other.baseUrl() + ", another origin than node "
          + "'Tight PACS'") && reason.contains("otherOriginsAllowed"), reason);
      assertFalse(reason.contains("s1gn3d"), "the Location's query stays out of the error: " + reason);
      assertEquals(List.of(), other.requests(), "nothing asked from the other origin");
      List<String> sameOrigin = local.server().requests().stream().map(FaultServer.Recorded::target)
          .filter(t -> SERIES.indexOf(t) == 2).toList();
      assertEquals(2, sameOrigin.size(), sameOrigin::toString);
      assertTrue(sameOrigin.getLast().endsWith("?moved=1"), "the same-origin redirect was followed");
      assertTrue(local.server().requests().stream().allMatch(r -> "Bearer s3cret".equals(r.header("authorization"))),
          "every hop on the node's origin carries its headers");

      LoadOutcome allowed = load(node.toBuilder().otherOriginsAllowed(true).build());

      assertEquals(4, allowed.summary().finalImages(), allowed.errors()::toString);
      assertEquals(1, other.requests().size());
      assertTrue(other.requests().getFirst().target().endsWith("?X-Amz-Signature=s1gn3d"));
      assertNull(other.requests().getFirst().header("authorization"), "credentials stay with the node's origin");
    }
  }

  @Test
  void aRedirectWithAnEndlessBodyIsFollowedWithoutReadingThatBody() throws Exception {
    AtomicLong written = new AtomicLong();
    local.server().handle(hostileFrame((r, x) -> {
      if (r.target().contains("moved")) {
        x.respond(200, Map.of("Content-Type", TinySeries.multipartType()), SERIES.multipartFrame(HOSTILE));
        return;
      }
      x.writeHead(302, Map.of("Location", r.target() + "?moved=1"), TEN_GB);
      trickle(x, 64 * 1024, 0, written);
    }));

    LoadOutcome out = load(local.node());

    assertEquals(4, out.summary().finalImages(), out.errors()::toString);
    assertTrue(written.get() < 32L * 1024 * 1024, "the redirect's body was dropped: " + written.get() + " bytes sent");
  }

  @Test
  void aMetadataRedirectToAnotherOriginFailsTheLoadWithoutAskingThatOrigin() throws Exception {
    try (FaultServer other = new FaultServer()) {
      other.handle((r, x) -> x.respond(200, Map.of(), SERIES.metadataJson()));
      local.server().handle((r, x) -> x.respond(301, Map.of("Location", other.baseUrl() + r.target()), new byte[0]));

      LoadOutcome out = load(local.node());

      assertEquals(0, out.summary().finalImages());
      assertEquals(1, out.errors().size(), out.errors()::toString);
      String reason = out.errors().getFirst().reason();
      assertTrue(reason.contains("Refused the redirect to " + other.baseUrl()) && reason.contains("otherOriginsAllowed"),
          reason);
      assertEquals(List.of(), other.requests(), "nothing asked from the other origin");
      assertEquals(1, local.server().requests().size());
    }
  }

  @Test
  void seriesMetadataDeclaredOverTheNodesLoadBudgetIsRefusedAtItsHeadersNamingThatLimit() throws Exception {
    AtomicLong written = new AtomicLong();
    local.server().handle((r, x) -> {
      x.writeHead(200, Map.of("Content-Type", "application/dicom+json"), TEN_GB);
      trickle(x, 64 * 1024, 0, written);
    });

    LoadOutcome out = load(local.node().toBuilder().maxLoadBytes(1024 * 1024).build());

    assertEquals(1, out.errors().size(), out.errors()::toString);
    String reason = out.errors().getFirst().reason();
    assertTrue(reason.contains("is declared " + TEN_GB + " bytes, over the limit of 1048576 bytes (the node's "
        + "maxLoadBytes)"), reason);
    assertTrue(written.get() < 32L * 1024 * 1024, "dropped, not drained: " + written.get() + " bytes sent");
  }

  @Test
  void seriesMetadataSentOverTheNodesLoadBudgetIsCutThereNamingThatLimit() throws Exception {
    AtomicLong written = new AtomicLong();
    local.server().handle((r, x) -> {
      x.writeHead(200, Map.of("Content-Type", "application/dicom+json"), -1); // until the connection closes
      trickle(x, 64 * 1024, 0, written);
    });

    LoadOutcome out = load(local.node().toBuilder().maxLoadBytes(1024 * 1024).build());

    assertEquals(1, out.errors().size(), out.errors()::toString);
    String reason = out.errors().getFirst().reason();
    assertTrue(reason.contains("is larger than the limit of 1048576 bytes (the node's maxLoadBytes)"), reason);
    assertTrue(written.get() < 32L * 1024 * 1024, "dropped, not drained: " + written.get() + " bytes sent");
  }

  @Test
  void aFrameDeclaredLargerThanAFrameGrowsToInTheBudgetIsRefusedBeforeAnyOfItsBodyIsRead() throws Exception {
    long declared = 600_000;
    local.server().handle(hostileFrame((r, x) -> {
      x.writeHead(200, Map.of("Content-Type", TinySeries.multipartType()), declared);
      trickle(x, 64 * 1024, 0, new AtomicLong());
    }));

    LoadOutcome out = load(local.node().toBuilder().maxLoadBytes(1024 * 1024).build());

    assertOthersFinal(out);
    String reason = out.error(HOSTILE).reason();
    assertTrue(reason.contains("is declared " + declared + " bytes, over the load's budget of 1048576 bytes for "
        + "one frame: a frame grows to 524288 bytes at most"), reason);
    long othersBytes = 0;
    for (int i = 0; i < SERIES.images; i++) {
      othersBytes += i == HOSTILE ? 0 : SERIES.multipartFrame(i).length;
    }
    assertEquals(othersBytes, out.summary().bytesPerStage().values().stream().mapToLong(Long::longValue).sum(),
        "bytes received: the other frames', none of the refused one's body");
  }

  @Test
  void loadsWithRotatingTokensShareOneConnectionPoolPerNode() throws Exception {
    local.server().handle(hostileFrame((r, x) -> x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
        SERIES.multipartFrame(HOSTILE))));
    for (int i = 0; i < 20; i++) {
      LoadOutcome out = load(local.node().toBuilder().authentication(Authentication.bearer("token-" + i)).build());
      assertEquals(4, out.summary().finalImages(), out.errors()::toString);
      assertEquals(1, local.engine().openConnectionPools(), "one pool for the node after load " + i);
    }
    assertEquals("Bearer token-19", local.server().requests().getLast().header("authorization"));

    load(local.node().toBuilder().connectTimeout(Duration.ofSeconds(3))
        .stallTimeout(Duration.ofSeconds(20))
        .requestTimeout(Duration.ofMinutes(1)).build());
    assertEquals(1, local.engine().openConnectionPools(), "new connection settings replace the node's pool");

    local.engine().closeIdleConnections();
    assertEquals(0, local.engine().openConnectionPools(), "a node no load uses keeps no pool");
  }

  // --- helpers ---

  /** Serves the series, with {@code hostile} answering for frame {@link #HOSTILE}. */
  private static FaultServer.Handler hostileFrame(FaultServer.Handler hostile) {
    return (r, x) -> {
      if (r.target().endsWith("/metadata")) {
        x.respond(200, Map.of(), SERIES.metadataJson());
      } else if (SERIES.indexOf(r.target()) == HOSTILE) {
        hostile.answer(r, x);
      } else {
        x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
            SERIES.multipartFrame(SERIES.indexOf(r.target())));
      }
    };
  }

  /** Writes zeros in {@code chunk}s, {@code pauseMs} apart, until the client drops the connection. */
  private static void trickle(Exchange x, int chunk, long pauseMs, AtomicLong written)
      throws IOException, InterruptedException {
    byte[] zeros = new byte[chunk];
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      x.write(zeros, 0, chunk);
      written.addAndGet(chunk);
      if (pauseMs > 0) {
        Thread.sleep(pauseMs);
      }
    }
  }

  private LoadOutcome load(NodeConfig node) throws Exception {
    return local.load(node, RetrieveConfiguration.single());
  }

  private static void assertOthersFinal(LoadOutcome out) {
    for (int i = 0; i < SERIES.images; i++) {
      if (i != HOSTILE) {
        assertNull(out.error(i), "image " + i);
        assertEquals(ImageQualityStatus.FULL_RESOLUTION, out.last(i).status(), "image " + i);
      }
    }
    List<ErrorEvent> hostile = out.errors().stream().filter(e -> e.imageIndex() == HOSTILE).toList();
    assertFalse(hostile.isEmpty(), "the hostile frame's error");
    assertTrue(hostile.getLast().permanent(), hostile::toString);
    assertFalse(out.summary().cancelled());
    assertEquals(SERIES.images - 1, out.summary().finalImages());
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
