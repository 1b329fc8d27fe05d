package org.weasis.progressive.weasis.internal.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.weasis.progressive.weasis.internal.pref.ProgressiveNode;

/**
 * Finds the Weasis node a series is loaded from. A LoadSeries names no node, only the DICOMweb root of its
 * series, so the node is the one whose URL is that root or a prefix of it (the longest wins, case-insensitive
 * scheme and host, default port implied). Of several nodes with that URL, one whose Weasis headers the load
 * sends too is taken (the Q/R dialog sends its node's headers), else the first in Weasis' order.
 */
public final class NodeMatch {
  private NodeMatch() {}

  /**
   * @param nodes Weasis' nodes in its order
   * @param seriesBaseUrl the DICOMweb root the series is retrieved from
   * @param loadHeaders the headers the stock load would send
   */
  public static Optional<ProgressiveNode> find(
      List<ProgressiveNode> nodes, String seriesBaseUrl, Map<String, String> loadHeaders) {
    Optional<Location> series = Location.parse(seriesBaseUrl);
    if (series.isEmpty()) {
      return Optional.empty();
    }
    int longest = -1;
    for (ProgressiveNode node : nodes) {
      Optional<Location> location = Location.parse(node.weasis().url());
      if (location.isPresent() && location.get().contains(series.get())) {
        longest = Math.max(longest, location.get().path().length());
      }
    }
    int best = longest;
    List<ProgressiveNode> candidates = nodes.stream()
        .filter(node -> Location.parse(node.weasis().url())
            .filter(location -> location.contains(series.get()) && location.path().length() == best)
            .isPresent())
        .toList();
    return candidates.stream().filter(node -> sendsHeadersOf(loadHeaders, node)).findFirst()
        .or(() -> candidates.stream().findFirst());
  }

  private static boolean sendsHeadersOf(Map<String, String> loadHeaders, ProgressiveNode node) {
    Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sent.putAll(loadHeaders);
    return node.weasis().headers().entrySet().stream()
        .allMatch(header -> header.getValue().equals(sent.get(header.getKey())));
  }

  /** Scheme, host and port as one origin, and the path without a trailing slash. */
  private record Location(String origin, String path) {
    static Optional<Location> parse(String url) {
      try {
        URI uri = new URI(url.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
          return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
          path = path.substring(0, path.length() - 1);
        }
        return Optional.of(new Location(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port, path));
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
    }

    boolean contains(Location other) {
      return origin.equals(other.origin) && (other.path.equals(path) || other.path.startsWith(path + "/"));
    }
  }
}
