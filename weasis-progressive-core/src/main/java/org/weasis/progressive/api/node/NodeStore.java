package org.weasis.progressive.api.node;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;

/**
 * Where the user's DICOMweb node settings live, so that a preferences page, an OSGi console and an
 * import all edit the same nodes.
 */
@org.osgi.annotation.versioning.ProviderType
public interface NodeStore {
  /** The stored nodes that are valid, by name; an invalid stored node is skipped with a warning. */
  List<NodeConfig> list() throws IOException;

  Optional<NodeConfig> find(String id) throws IOException;

  /**
   * Stores a node: a new one when its id is null or unknown here, else over the node with that id.
   *
   * @return the node as stored, with its id
   */
  NodeConfig save(NodeConfig node) throws IOException;

  /** Removes a node; false when there is none with this id. */
  boolean remove(String id) throws IOException;

  /**
   * Every node as JSON, each retrieve configuration in Cornerstone3D's shape.
   *
   * @param includeSecrets false leaves passwords, tokens and custom header values out
   */
  String exportJson(boolean includeSecrets) throws IOException;

  /**
   * Saves the nodes of an export. Nothing is saved unless all of them are valid; a secret the export left
   * out is kept from the stored node with the same id, if any.
   *
   * @return the nodes as stored
   * @throws InvalidConfigurationException naming the node and key, for example {@code nodes[1].baseUrl}
   */
  List<NodeConfig> importJson(String json) throws IOException;
}
