package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.net.URI;
import org.weasis.progressive.api.NodeConfig;

/**
 * Where a node's requests may go: its own origin, others only when the node allows them, and never from
 * https to cleartext through a redirect. The node's headers (credentials) go to its origin only.
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

  /** A redirect must not turn an encrypted request into a cleartext one. */
  static void refuseDowngrade(URI from, URI to) throws IOException {
    if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())) {
      throw new IOException("Refused the redirect from " + from + " to " + to + ": it leaves https for cleartext");
    }
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

  /** The absolute target of a redirect's Location, resolved against the URL that answered. */
  static URI redirectTarget(URI from, int status, String location) throws IOException {
    if (location == null) {
      throw new IOException("Redirect " + status + " without Location from " + from);
    }
    try {
      URI target = from.resolve(location.trim());
      if (target.getScheme() == null || target.getHost() == null) {
        throw new IllegalArgumentException("not an absolute http(s) URL");
      }
      return target;
    } catch (IllegalArgumentException e) {
      throw new IOException("Bad redirect Location '" + ServerText.clean(location) + "' from " + from, e);
    }
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
