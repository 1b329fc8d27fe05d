package org.weasis.progressive.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeStore;

/** A NodeStore in a map that records what was saved and removed, so tests see exactly what apply did. */
public final class InMemoryNodeStore implements NodeStore {
  private final Map<String, NodeConfig> nodes = new LinkedHashMap<>();
  public final List<NodeConfig> saved = new ArrayList<>();
  public final List<String> removed = new ArrayList<>();
  private int nextId = 1;

  /** Stores nodes without recording them as saved. */
  public InMemoryNodeStore with(NodeConfig... initial) {
    for (NodeConfig node : initial) {
      NodeConfig withId = node.toBuilder().id("pid-" + nextId++).build();
      nodes.put(withId.id(), withId);
    }
    return this;
  }

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
    removed.add(id);
    return nodes.remove(id) != null;
  }

  @Override
  public String exportJson(boolean includeSecrets) {
    throw new UnsupportedOperationException("not needed by the page");
  }

  @Override
  public List<NodeConfig> importJson(String json) {
    throw new UnsupportedOperationException("not needed by the page");
  }
}
