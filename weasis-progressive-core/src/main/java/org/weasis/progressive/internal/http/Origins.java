package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.net.URI;
import org.weasis.progressive.api.NodeConfig;

/**
 * Where a node's requests may go: its own origin, others only when the node allows them (frames the
 * metadata places elsewhere, redirects), and never from https to cleartext through a redirect. The
 * node's headers (credentials) go to its origin only.
 */
final class Origins {
  private Origins() {}

  /** Frames and bulk data the metadata places elsewhere are not fetched unless the node allows it. */
  static void refuseOtherOrigin(NodeConfig node, URI url) throws IOException {
    if (!node.otherOriginsAllowed() && !isNodeOrigin(node, url)) {
      throw new IOException("Refused to fetch " + url + ": it is not on the node's origin "
          + origin(URI.create(node.baseUrl())) + " (the node does not allow other origins)");
    }
  }

  /**
   * Why a redirect from {@code from} to {@code to} must not be followed, or null when it may: it leaves
   * https for cleartext, or it goes to another origin than the node's while the node allows none. The
   * reason names origins only: a Location's path and query may carry secrets (signed URLs).
   */
  static String redirectRefusal(NodeConfig node, URI from, URI to) {
    if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())) {
      return "Refused the redirect from " + origin(from) + " to " + origin(to) + ": it leaves https for cleartext";
    }
    if (!node.otherOriginsAllowed() && !isNodeOrigin(node, to)) {
      return "Refused the redirect to " + origin(to) + ", another origin than node '" + node.name() + "' at "
          + origin(URI.create(node.baseUrl())) + ": the node does not allow other origins (its setting "
          + "otherOriginsAllowed follows such redirects, without the node's headers)";
    }
    return null;
  }

  static boolean isNodeOrigin(NodeConfig node, URI url) {
    URI base = URI.create(node.baseUrl());
    return base.getScheme().equalsIgnoreCase(url.getScheme())
        && base.getHost() != null
        && base.getHost().equalsIgnoreCase(url.getHost())
        && port(base) == port(url);
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static String origin(URI u) {
    return u.getScheme() + "://" + u.getHost() + ":" + port(u);
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
