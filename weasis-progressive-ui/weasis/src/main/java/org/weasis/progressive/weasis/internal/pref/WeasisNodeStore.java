package org.weasis.progressive.weasis.internal.pref;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeStore;

/**
 * Weasis' DICOMweb nodes seen as a {@link NodeStore}, so that the shared preferences panel edits our settings
 * of exactly the nodes Weasis lists. Weasis owns a node's name, URL and headers; the store behind keeps only
 * our settings, keyed by {@link NodeKey}: its headers are left out there (they would go stale when edited in
 * Weasis, and would copy secrets) and taken from Weasis again each time a node is read.
 */
public final class WeasisNodeStore implements NodeStore {
  private static final Logger LOG = LoggerFactory.getLogger(WeasisNodeStore.class);

  private final Supplier<List<WeasisWebNode>> weasisNodes;
  private final NodeStore settings;

  /**
   * @param weasisNodes reads Weasis' current node list
   * @param settings where our settings of each node are kept (the core's ConfigAdmin store)
   */
  public WeasisNodeStore(Supplier<List<WeasisWebNode>> weasisNodes, NodeStore settings) {
    this.weasisNodes = Objects.requireNonNull(weasisNodes, "weasisNodes");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Each Weasis node, in Weasis' order, with its stored settings or the defaults (progressive off). */
  public List<ProgressiveNode> nodes() throws IOException {
    Map<NodeKey, NodeConfig> stored = storedByKey();
    List<ProgressiveNode> nodes = new ArrayList<>();
    for (WeasisWebNode weasis : weasisNodes.get()) {
      NodeKey key = NodeKey.of(weasis);
      try {
        NodeConfig config = stored.getOrDefault(key, null);
        NodeConfig base = config == null ? NodeConfig.of(key.name(), key.baseUrl()) : config;
        nodes.add(new ProgressiveNode(weasis, base.toBuilder().authentication(authenticationOf(weasis)).build()));
      } catch (InvalidConfigurationException e) {
        // The message names the key, never a header value (NodeConfig hides them).
        LOG.warn("Weasis DICOMweb node \"{}\" is left out of progressive loading: {}", key.name(), e.getMessage());
      }
    }
    return nodes;
  }

  @Override
  public List<NodeConfig> list() throws IOException {
    return nodes().stream().map(ProgressiveNode::config).toList();
  }

  @Override
  public Optional<NodeConfig> find(String id) throws IOException {
    return list().stream().filter(node -> Objects.equals(node.id(), id)).findFirst();
  }

  /** Stores our settings of a Weasis node, over those already kept for its key; Weasis' headers stay out. */
  @Override
  public NodeConfig save(NodeConfig node) throws IOException {
    Objects.requireNonNull(node, "node");
    String id = node.id() != null ? node.id()
        : Optional.ofNullable(storedByKey().get(NodeKey.of(node))).map(NodeConfig::id).orElse(null);
    NodeConfig saved = settings.save(node.toBuilder().id(id).authentication(Authentication.none()).build());
    return saved.toBuilder().authentication(node.authentication()).build();
  }

  @Override
  public boolean remove(String id) throws IOException {
    return settings.remove(id);
  }

  @Override
  public String exportJson(boolean includeSecrets) throws IOException {
    return settings.exportJson(includeSecrets);
  }

  @Override
  public List<NodeConfig> importJson(String json) throws IOException {
    return settings.importJson(json);
  }

  /** The headers Weasis sends to the node, as custom-header authentication. */
  static Authentication authenticationOf(WeasisWebNode node) {
    return node.headers().isEmpty() ? Authentication.none() : Authentication.headers(node.headers());
  }

  /** Stored settings by key; of two kept for one key (edited in a console), the store's first wins. */
  private Map<NodeKey, NodeConfig> storedByKey() throws IOException {
    Map<NodeKey, NodeConfig> byKey = new LinkedHashMap<>();
    for (NodeConfig node : settings.list()) {
      byKey.putIfAbsent(NodeKey.of(node), node);
    }
    return byKey;
  }
}
