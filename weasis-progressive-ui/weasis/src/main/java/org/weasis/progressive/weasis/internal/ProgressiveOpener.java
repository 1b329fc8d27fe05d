package org.weasis.progressive.weasis.internal;

import org.weasis.progressive.api.NodeConfig;

/**
 * Opens DICOMweb studies progressively in Weasis: the one entry point that the {@code progressive:rs}
 * command, the routing of Weasis' own loads from progressive nodes and the demo share. The viewer side
 * registers it as a DS service.
 */
public interface ProgressiveOpener {

  /**
   * Starts loading and returns at once. A series Weasis already holds (left by a cancelled stock load) is
   * filled in place; a series whose transfer syntax no decoder handles goes to Weasis' stock loading.
   *
   * @param node the node: base URL, authentication and headers, strategy and retrieve configuration
   * @param studyUid the study to open
   * @param seriesUid one series of it, or null for every series of the study
   */
  default void open(NodeConfig node, String studyUid, String seriesUid) {
    open(node, NodeAuthorization.none(), studyUid, seriesUid);
  }

  /**
   * As {@link #open(NodeConfig, String, String)}, for a node Weasis authenticates through one of its
   * authentication methods: its token is asked for off the event thread, when the load and each series
   * start.
   *
   * @param node the node, without the method's token
   * @param authorization the node's Weasis authentication method
   */
  void open(NodeConfig node, NodeAuthorization authorization, String studyUid, String seriesUid);
}
