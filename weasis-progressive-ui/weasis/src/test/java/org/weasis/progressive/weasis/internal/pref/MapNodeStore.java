package org.weasis.progressive.weasis.internal.pref;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeStore;

/** The core store's contract in a map (ids "pid-N"), recording each save so tests see what was stored. */
public final class MapNodeStore implements NodeStore {
  final Map<String, NodeConfig> nodes = new LinkedHashMap<>();
  final List<NodeConfig> saved = new ArrayList<>();
  private int nextId = 1;

  @Override
  public List<NodeConfig> list() {
    return List.copyOf(nodes.values());
  }

  @Override
  public Optional<NodeConfig> find(String id) {
    return Optional.ofNullable(nodes.get(id));
  }

  @Override
  public NodeConfig save(NodeConfig node) {
    NodeConfig stored = node.id() != null && nodes.containsKey(node.id()) ? node : node.toBuilder().id("pid-" + nextId++)
        .build();
    nodes.put(stored.id(), stored);
    saved.add(stored);
    return stored;
  }

  @Override
  public boolean remove(String id) {
    return nodes.remove(id) != null;
  }

  @Override
  public String exportJson(boolean includeSecrets) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<NodeConfig> importJson(String json) {
    throw new UnsupportedOperationException();
  }
}
