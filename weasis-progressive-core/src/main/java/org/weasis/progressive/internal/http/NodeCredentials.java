package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.HttpStatusException;
import org.weasis.progressive.api.NodeConfig;

/**
 * The credentials one client sends its node: the node's own, until the node refuses them (401) and the
 * renewal gives fresh ones. A host's access token can expire in the middle of a long load, and a fresh
 * token is worth one more try; credentials refused again are wrong, not old, so the renewal is asked at
 * most once. Requests refused together share it: the first asks, the others wait for its answer, then
 * all send again — nothing of a 401 answer was kept, so nothing is fetched twice. Without a renewal
 * (queries, probes, a host that gives none) a 401 fails its request at once, as it always did.
 */
public final class NodeCredentials {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCredentials.class);

  /** Fresh authentication for a node that refused {@code refused}; empty when there is none. */
  @FunctionalInterface
  public interface Renewal {
    Optional<Authentication> renew(Authentication refused);
  }

  private final Renewal renewal;
  /** The node with the credentials sent now: the given node, then the renewed one. */
  private NodeConfig current;
  /** Null until the first refusal; then completes once the renewal answered (or failed). */
  private CompletableFuture<Void> renewed;

  /** @param renewal asked for fresh credentials at the first refusal, or null for none */
  NodeCredentials(NodeConfig node, Renewal renewal) {
    this.current = Objects.requireNonNull(node, "node");
    this.renewal = renewal;
  }

  /** The node with the credentials to send now; a request keeps it to say what was refused. */
  synchronized NodeConfig current() {
    return current;
  }

  /**
   * Whether the request that sent {@code sent} and failed with {@code error} may go again with other
   * credentials: when {@code error} is a 401 of the node's origin (where the credentials went) and
   * credentials newer than {@code sent} exist, now or once the one renewal answered. Waits for that
   * answer, which may take a login; a cancel of {@code inFlight} ends the wait.
   */
  boolean renewAfter(NodeConfig sent, IOException error, InFlight inFlight) throws IOException {
    if (!(error instanceof HttpStatusException refusal) || refusal.status() != 401
        || !Origins.isNodeOrigin(sent, refusal.url())) {
      return false;
    }
    CompletableFuture<Void> answer;
    boolean asks = false;
    synchronized (this) {
      if (current != sent) {
        return true; // renewed by another request since this one was sent
      }
      if (renewal == null || (renewed != null && renewed.isDone())) {
        return false; // no renewal, or it gave nothing, or what it gave is refused too
      }
      if (renewed == null) {
        renewed = new CompletableFuture<>();
        asks = true;
      }
      answer = renewed;
    }
    if (asks) {
      ask(sent);
    } else {
      await(answer, inFlight);
    }
    synchronized (this) {
      return current != sent;
    }
  }

  /** Asks the renewal, outside the lock: a host may block here for as long as its login takes. */
  private void ask(NodeConfig sent) {
    NodeConfig fresh = null;
    try {
      LOG.info("Node '{}' refused the load's credentials (HTTP 401); asking for fresh ones, once", sent.name());
      Optional<Authentication> given = renewal.renew(sent.authentication());
      if (given != null && given.isPresent()) {
        fresh = sent.toBuilder().authentication(given.get()).build();
      }
    } catch (RuntimeException e) {
      // Not the exception itself: what a host or a rejected header says could quote a credential.
      LOG.warn("Renewing the credentials of node '{}' failed ({}); its refused requests fail",
          sent.name(), e.getClass().getName());
    } finally {
      synchronized (this) {
        if (fresh != null) {
          current = fresh;
        }
        renewed.complete(null);
      }
    }
  }

  private static void await(CompletableFuture<Void> answer, InFlight inFlight) throws IOException {
    CompletableFuture<Void> mine = answer.thenApply(v -> v); // cancelled alone when this request is
    inFlight.attach(() -> mine.cancel(false));
    try {
      mine.get();
    } catch (CancellationException e) {
      inFlight.check();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while the node's credentials were renewed");
    } catch (ExecutionException e) {
      throw new IllegalStateException("a renewal always completes normally", e);
    } finally {
      inFlight.detach();
    }
  }
}
