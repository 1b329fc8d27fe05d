package org.weasis.progressive.weasis.internal.pref;

import java.util.Objects;
import org.weasis.progressive.api.NodeConfig;

/**
 * Ties our stored settings to one Weasis DICOMweb node. Weasis gives its nodes no id, so the key is what the
 * user sees of a node: its URL (as {@link NodeConfig} normalizes it: no trailing slash) and its description.
 * A stored {@link NodeConfig} keeps them as its base URL and name, so the key needs no property of its own
 * and a console shows which node a configuration belongs to. Renaming a node or changing its URL in Weasis
 * makes it a new node here (progressive off) and leaves the old settings unused in the store.
 *
 * @param baseUrl the node's URL without a trailing slash
 * @param name the node's description, or its URL when the description is blank
 */
public record NodeKey(String baseUrl, String name) {
  public NodeKey {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(name, "name");
  }

  /** The key of a Weasis node, normalized as {@link NodeConfig} would store it. */
  public static NodeKey of(WeasisWebNode node) {
    String url = node.url().strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    String name = node.description().isBlank() ? url : node.description().strip();
    return new NodeKey(url, name);
  }

  /** The key a stored node carries. */
  public static NodeKey of(NodeConfig node) {
    return new NodeKey(node.baseUrl(), node.name());
  }
}
