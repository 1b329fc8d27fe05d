package org.weasis.progressive.weasis.internal;

import com.github.scribejava.core.model.OAuth2AccessToken;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.swing.SwingUtilities;
import org.weasis.core.api.net.auth.AuthMethod;
import org.weasis.core.api.net.auth.OAuth2ServiceFactory;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.HttpStatusException;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;

/**
 * The Weasis OAuth2 authentication method ({@link AuthMethod}) of a node, for our requests to it.
 *
 * <p>Weasis' loader signs each request with the method's current token ({@code HttpUtils}); our requests go
 * through the core's HTTP stack instead, which sends a node's headers to its origin only. So the token is
 * asked for when a load or a series starts and sent as the node's Bearer authentication. Weasis keeps a
 * token until a server refuses it (it knows no expiry): as Weasis' loader does on a 401, a refused token is
 * dropped, and the next load or series asks the method again, which refreshes it with its refresh token or
 * opens the login in the browser; a series refused in the middle asks at once ({@link #renew}). Asking may therefore block for as long as the login takes: never on the
 * event thread, and one request at a time per method, so that several series starting together open one
 * login, not one each.
 */
public final class NodeAuthorization {
  private static final NodeAuthorization NONE = new NodeAuthorization(null);
  private static final String AUTHORIZATION = "Authorization";
  private static final int UNAUTHORIZED = 401;
  /** One token request at a time per method; the token each method last handed out, by method UID. */
  private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
  private static final Map<String, String> HANDED_OUT = new ConcurrentHashMap<>();

  private final AuthMethod method;

  private NodeAuthorization(AuthMethod method) {
    this.method = method;
  }

  /** No Weasis method: the node's headers alone authenticate. */
  public static NodeAuthorization none() {
    return NONE;
  }

  /** The method Weasis gives the node; its "no authentication" (an unknown UID too) is {@link #none()}. */
  public static NodeAuthorization of(AuthMethod method) {
    return method == null || OAuth2ServiceFactory.NO_AUTH.equals(method) || method.getUid() == null
        ? NONE : new NodeAuthorization(method);
  }

  /** True when a Weasis method authenticates the node. */
  public boolean usesWeasisMethod() {
    return method != null;
  }

  /** What a stock load of the node's series signs its requests with (a fallback), or null for none. */
  public AuthMethod stockMethod() {
    return method;
  }

  /**
   * The node with the method's current token as its Bearer authentication, over any Authorization its
   * headers hold (Weasis signs after its headers too). Without a method, the node as it is.
   *
   * @throws IOException naming the node and the method when Weasis gives no token (login not completed,
   *     provider unreachable or refusing)
   * @throws IllegalStateException on the event thread, which a login would freeze
   */
  public NodeConfig authorize(NodeConfig node) throws IOException {
    Objects.requireNonNull(node, "node");
    if (method == null) {
      return node;
    }
    if (SwingUtilities.isEventDispatchThread()) {
      throw new IllegalStateException("A Weasis access token is never asked for on the event thread");
    }
    String token;
    synchronized (lock()) {
      OAuth2AccessToken current = currentToken(node);
      token = current == null ? null : current.getAccessToken();
      if (token == null || token.isBlank()) {
        throw new IOException("Weasis authentication \"" + method.getName() + "\" of node \"" + node.name()
            + "\" gave no access token (login not completed, or its provider unreachable or refusing)");
      }
      HANDED_OUT.put(method.getUid(), token);
    }
    return withBearer(node, token);
  }

  /**
   * The method's token. A method that fails throws what its OAuth library made of the provider's answer,
   * whose message may quote that answer (a token, a client secret): only its type is told, and it is not
   * kept as the cause, which a log would print.
   */
  private OAuth2AccessToken currentToken(NodeConfig node) throws IOException {
    try {
      return method.getToken();
    } catch (RuntimeException e) {
      throw new IOException("Weasis authentication \"" + method.getName() + "\" of node \"" + node.name()
          + "\" failed to give an access token (" + e.getClass().getName() + ")");
    }
  }

  /**
   * The node answered 401 to the token {@code authorized} carried: Weasis drops it, so that the next
   * {@link #authorize} takes a fresh one; unless a newer token was taken meanwhile (several series refused
   * with one token drop it once).
   */
  public void refused(NodeConfig authorized) {
    if (method == null) {
      return;
    }
    String token = authorized.authentication().type() == Authentication.Type.BEARER
        ? authorized.authentication().secret() : null;
    synchronized (lock()) {
      if (token != null && HANDED_OUT.remove(method.getUid(), token)) {
        method.resetToken();
      }
    }
  }

  /**
   * The node refused the token {@code authorized} carried in the middle of a series (it expired during a
   * long load): drops it as {@link #refused} does and asks the method for a fresh one as {@link #authorize}
   * does — off the event thread, one request at a time per method, so that series refused together take
   * one fresh token.
   */
  public NodeConfig renew(NodeConfig node, NodeConfig authorized) throws IOException {
    refused(authorized);
    return authorize(node);
  }

  /**
   * What to log when the node answered 401: names the node, and its Weasis method when it has one;
   * never a credential.
   */
  public String refusal(NodeConfig node) {
    return method == null
        ? "node \"" + node.name() + "\" refused the credentials of the request (HTTP 401)"
        : "node \"" + node.name() + "\" refused its Weasis authentication \"" + method.getName()
            + "\" (HTTP 401): the token is dropped, and the next load asks Weasis for a new one";
  }

  /**
   * True when {@code error}, or one of its causes (a query made on another thread comes wrapped), is a
   * node's 401 answer: the core's {@link HttpStatusException} with that status.
   */
  public static boolean isRefusal(Throwable error) {
    return HttpStatusException.statusOf(error).orElse(0) == UNAUTHORIZED;
  }

  /** True when the engine's error is a node's 401 answer. */
  public static boolean isRefusal(ErrorEvent event) {
    return event.httpStatus().orElse(0) == UNAUTHORIZED;
  }

  private Object lock() {
    return LOCKS.computeIfAbsent(method.getUid(), uid -> new Object());
  }

  private static NodeConfig withBearer(NodeConfig node, String token) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(node.authentication().headers());
    headers.remove(AUTHORIZATION);
    try {
      return node.toBuilder()
          .authentication(new Authentication(Authentication.Type.BEARER, null, token, headers)).build();
    } catch (InvalidConfigurationException e) {
      // The token has a line break: the message hides it.
      throw new IllegalArgumentException("The Weasis access token of node \"" + node.name()
          + "\" cannot be sent: " + e.getMessage(), e);
    }
  }

  /** Names the method, never a token. */
  @Override
  public String toString() {
    return method == null ? "NodeAuthorization[none]" : "NodeAuthorization[" + method.getName() + "]";
  }
}
