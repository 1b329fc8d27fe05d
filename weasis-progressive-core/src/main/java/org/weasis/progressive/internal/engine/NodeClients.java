package org.weasis.progressive.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.internal.http.NodeConnections;

/**
 * One HTTP client (connection pool) per node, shared by all loads from it whatever their headers, so a
 * new token per load reuses the node's sockets instead of opening a pool that is never closed. A node is
 * its base URL. When a load brings settings that shape connections differently (timeouts, connection
 * limit, TLS), the node's pool is replaced; the old one is closed as soon as no load uses it.
 */
final class NodeClients implements AutoCloseable {
  /** A pool and the loads using it. */
  static final class Entry {
    final NodeConnections connections;
    private int users;
    private boolean retired;

    private Entry(NodeConnections connections) {
      this.connections = connections;
    }
  }

  private final Function<NodeConfig, NodeConnections> make;
  private final Map<String, Entry> current = new HashMap<>();
  /** Replaced pools that loads still use. */
  private final List<Entry> retired = new ArrayList<>();
  private boolean closed;

  /** @param make makes a node's pool ({@code NodeConnections::new} but in tests) */
  NodeClients(Function<NodeConfig, NodeConnections> make) {
    this.make = make;
  }

  /** The node's pool for one more load; give it back with {@link #release}. */
  synchronized Entry acquire(NodeConfig node) {
    if (closed) {
      // The engine refuses the load right after; these connections close when it completes.
      Entry orphan = new Entry(make.apply(node));
      orphan.users = 1;
      orphan.retired = true;
      retired.add(orphan);
      return orphan;
    }
    Entry entry = current.get(node.baseUrl());
    if (entry != null && !entry.connections.shape().equals(NodeConnections.Shape.of(node))) {
      retire(entry);
      entry = null;
    }
    if (entry == null) {
      entry = new Entry(make.apply(node));
      current.put(node.baseUrl(), entry);
    }
    entry.users++;
    return entry;
  }

  synchronized void release(Entry entry) {
    entry.users--;
    if (entry.retired && entry.users == 0) {
      retired.remove(entry);
      entry.connections.close();
    }
  }

  /** Closes every pool no load uses: the nodes' settings changed or the nodes went away. */
  synchronized void closeIdle() {
    List<String> idle = new ArrayList<>();
    current.forEach((node, entry) -> {
      if (entry.users == 0) {
        idle.add(node);
      }
    });
    idle.forEach(node -> current.remove(node).connections.close());
  }

  /** Pools open: one per node used since the last {@link #closeIdle}, plus replaced ones still in use. */
  synchronized int openPools() {
    return current.size() + retired.size();
  }

  /** Closes every pool, in use or not. */
  @Override
  public synchronized void close() {
    closed = true;
    current.values().forEach(e -> e.connections.close());
    retired.forEach(e -> e.connections.close());
    current.clear();
    retired.clear();
  }

  private void retire(Entry entry) {
    current.values().remove(entry);
    if (entry.users == 0) {
      entry.connections.close();
    } else {
      entry.retired = true;
      retired.add(entry);
    }
  }
}
