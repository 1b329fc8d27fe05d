package org.weasis.progressive.weasis.internal.pref;

import java.util.Objects;
import org.weasis.progressive.api.NodeConfig;

/**
 * A Weasis DICOMweb node with our settings for it.
 *
 * @param weasis the node as Weasis keeps it
 * @param config our settings (stored, or the defaults: progressive off), with the node's name, URL and
 *     Weasis headers
 */
public record ProgressiveNode(WeasisWebNode weasis, NodeConfig config) {
  public ProgressiveNode {
    Objects.requireNonNull(weasis, "weasis");
    Objects.requireNonNull(config, "config");
  }
}
