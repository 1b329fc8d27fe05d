package org.weasis.progressive.api.node;

import org.weasis.progressive.api.NodeConfig;

/**
 * Checks what a DICOMweb node can do for progressive loading ("Test node") and proposes the retrieve
 * configuration that fits it.
 */
@org.osgi.annotation.versioning.ProviderType
public interface NodeProbe {
  /**
   * Reads the series metadata, then asks for the first frame in the ways progressive loading would.
   * Never throws for what the node answers: failures are in the report.
   */
  ProbeReport probe(NodeConfig node, String studyUid, String seriesUid);
}
