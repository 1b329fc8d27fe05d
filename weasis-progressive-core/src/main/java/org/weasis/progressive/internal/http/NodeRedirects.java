package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.weasis.progressive.api.NodeConfig;

/**
 * HttpClient's redirect following held to a node's rules: never from https to cleartext, to another
 * origin only when the node allows other origins, and the node's headers (credentials) on the hops to
 * its own origin only. A refused redirect comes back to the caller as the 3xx answer it was, unread,
 * with the reason kept in the request's context. One strategy serves every node sharing a pool: the
 * node comes with each request's context.
 */
final class NodeRedirects extends DefaultRedirectStrategy {
  static final NodeRedirects INSTANCE = new NodeRedirects();

  private static final String NODE = NodeRedirects.class.getName() + ".node";
  private static final String REFUSAL = NodeRedirects.class.getName() + ".refusal";

  /**
   * Drops the connection of a redirect answer with a body, before HttpClient's redirect step reads that
   * body to its end to reuse the connection: a server's endless redirect body would be read until a time
   * bound tripped. It sits in HttpClient's chain just below the redirect step.
   */
  static final ExecChainHandler UNREAD_REDIRECT_BODIES = (request, scope, chain) -> {
    ClassicHttpResponse response = chain.proceed(request, scope);
    HttpEntity body = response.getEntity();
    if (body != null && body.getContentLength() != 0 && Origins.isRedirect(response.getCode())) {
      response.setEntity(null);
      scope.execRuntime.discardEndpoint();
    }
    return response;
  };

  private NodeRedirects() {}

  /** The context one logical GET to {@code node} runs in. */
  static HttpClientContext contextFor(NodeConfig node) {
    HttpClientContext context = HttpClientContext.create();
    context.setAttribute(NODE, node);
    return context;
  }

  /**
   * The error of a redirect answer HttpClient handed back from the GET that ran in {@code context}: one
   * the node's rules refused, or one without a Location to follow.
   */
  static IOException notFollowed(HttpContext context, URI url, int status) {
    String refusal = (String) context.getAttribute(REFUSAL);
    return new IOException(refusal != null ? refusal : "Redirect " + status + " without Location from " + url);
  }

  /** Where the GET ended after its redirects: the last redirect's target, or {@code url} itself. */
  static URI finalUrl(HttpClientContext context, URI url) {
    var followed = context.getRedirectLocations();
    return followed == null || followed.size() == 0 ? url : followed.get(followed.size() - 1);
  }

  /** HttpClient lets this hook refuse a redirect, or change the request it is about to send. */
  @Override
  public boolean isRedirectAllowed(
      HttpHost currentTarget, HttpHost newTarget, HttpRequest redirect, HttpContext context) {
    NodeConfig node = (NodeConfig) context.getAttribute(NODE);
    URI target = uriOf(redirect);
    String refusal = target == null
        ? "Refused a redirect from " + currentTarget.toURI() + " to a URL that does not parse"
        : Origins.redirectRefusal(node, URI.create(currentTarget.toURI()), target);
    if (refusal != null) {
      context.setAttribute(REFUSAL, refusal);
      return false;
    }
    boolean nodeOrigin = Origins.isNodeOrigin(node, target);
    node.requestHeaders().forEach((name, value) -> {
      if (nodeOrigin) {
        redirect.setHeader(name, value); // back on the node's origin after a hop elsewhere
      } else {
        redirect.removeHeaders(name);
      }
    });
    return true;
  }

  private static URI uriOf(HttpRequest request) {
    try {
      return request.getUri();
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
