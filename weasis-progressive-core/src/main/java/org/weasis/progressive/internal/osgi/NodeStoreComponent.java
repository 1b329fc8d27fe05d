package org.weasis.progressive.internal.osgi;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.internal.settings.NodeJson;
import org.weasis.progressive.internal.settings.NodeProperties;

/**
 * Keeps each DICOMweb node as one ConfigAdmin factory configuration, described with Metatype
 * ({@link NodeProperties.Config}), so that any OSGi console can edit the nodes a preferences page shows,
 * and an edit made there is what the next {@link #find} returns.
 */
@Component(service = NodeStore.class)
public final class NodeStoreComponent implements NodeStore {
  public static final String FACTORY_PID = NodeProperties.FACTORY_PID;

  private static final Logger LOG = LoggerFactory.getLogger(NodeStoreComponent.class);
  /** Any bundle may read and edit node settings (a console, the preferences page). */
  private static final String ANY_LOCATION = "?";

  private final ConfigurationAdmin admin;
  /** Where secrets are kept out of ConfigAdmin; null when the framework gives the bundle no file system. */
  private final SecretFiles secrets;
  /** The change count each broken PID was reported at: a broken node is warned about once per edit. */
  private final Map<String, Long> warned = new ConcurrentHashMap<>();

  @Activate
  public NodeStoreComponent(
      @Reference(name = "configurationAdmin") ConfigurationAdmin admin, BundleContext context) {
    this(admin, secretFiles(context));
  }

  NodeStoreComponent(ConfigurationAdmin admin, SecretFiles secrets) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.secrets = secrets;
  }

  private static SecretFiles secretFiles(BundleContext context) {
    File dir = context.getDataFile("secrets");
    if (dir == null) {
      LOG.warn("The framework gives this bundle no data area: node secrets are stored by ConfigAdmin, in clear text");
      return null;
    }
    return new SecretFiles(dir.toPath());
  }

  @Override
  public List<NodeConfig> list() throws IOException {
    List<NodeConfig> nodes = new ArrayList<>();
    for (Configuration c : configurations(null)) {
      readValid(c).ifPresent(nodes::add);
    }
    nodes.sort(Comparator.comparing(NodeConfig::name).thenComparing(NodeConfig::id));
    return nodes;
  }

  @Override
  public Optional<NodeConfig> find(String id) throws IOException {
    return configuration(id).flatMap(this::readValid);
  }

  @Override
  public NodeConfig save(NodeConfig node) throws IOException {
    Objects.requireNonNull(node, "node");
    // Read back before writing: what cannot be read from ConfigAdmin must not be stored there.
    NodeProperties.read(node.id(), NodeProperties.write(node));
    Optional<Configuration> existing = configuration(node.id());
    Configuration c = existing.isPresent()
        ? existing.get()
        : admin.createFactoryConfiguration(FACTORY_PID, ANY_LOCATION);
    c.update(propertiesToStore(c.getPid(), node));
    LOG.debug("Saved {}", node);
    return node.toBuilder().id(c.getPid()).build();
  }

  @Override
  public boolean remove(String id) throws IOException {
    Optional<Configuration> c = configuration(id);
    if (c.isEmpty()) {
      return false;
    }
    c.get().delete();
    if (secrets != null) {
      secrets.delete(id);
    }
    warned.remove(id);
    return true;
  }

  @Override
  public String exportJson(boolean includeSecrets) throws IOException {
    return NodeJson.write(list(), includeSecrets);
  }

  @Override
  public List<NodeConfig> importJson(String json) throws IOException {
    List<NodeConfig> incoming = NodeJson.read(json);
    List<NodeConfig> saved = new ArrayList<>();
    for (NodeConfig node : incoming) {
      Optional<NodeConfig> stored = node.id() == null ? Optional.empty() : find(node.id());
      stored.filter(s -> node.authentication().lacksSecrets() && !NodeJson.sameOrigin(node.baseUrl(), s.baseUrl()))
          .ifPresent(s -> LOG.warn("Imported node {} points at {} instead of {}: its stored secrets are not kept;"
              + " enter them again for the new server", s.id(), node.baseUrl(), s.baseUrl()));
      saved.add(save(stored.map(s -> NodeJson.keepStoredSecrets(node, s)).orElse(node)));
    }
    return saved;
  }

  private Optional<NodeConfig> readValid(Configuration c) {
    if (c.getProperties() == null) {
      return Optional.empty(); // created, never updated: nothing to read yet
    }
    try {
      NodeConfig node = NodeProperties.fromConfiguration(c.getPid(), c.getProperties());
      warned.remove(c.getPid());
      return Optional.of(withSecrets(c, node));
    } catch (InvalidConfigurationException e) {
      Long before = warned.put(c.getPid(), c.getChangeCount());
      if (before == null || before != c.getChangeCount()) {
        LOG.warn("{}", NodeProperties.skipWarning(c.getPid(), e));
      }
      return Optional.empty();
    }
  }

  /**
   * The properties ConfigAdmin keeps: the secrets go to their owner-only file, and only that file's name
   * stays in the configuration.
   */
  private Hashtable<String, Object> propertiesToStore(String pid, NodeConfig node) throws IOException {
    if (secrets == null) {
      return new Hashtable<>(NodeProperties.write(node));
    }
    String file = secrets.write(pid, node.authentication());
    Hashtable<String, Object> properties =
        new Hashtable<>(NodeProperties.write(node.toBuilder().authentication(node.authentication().withoutSecrets())
            .build()));
    if (file != null) {
      properties.put(SecretFiles.REFERENCE, file);
    }
    return properties;
  }

  /**
   * The node with its secrets from their file. A secret found in the configuration itself (typed in a
   * console) is moved to the file first, so ConfigAdmin's store stops holding it.
   */
  private NodeConfig withSecrets(Configuration c, NodeConfig node) {
    if (secrets == null) {
      return node;
    }
    try {
      Authentication typed = node.authentication();
      if (typed.secret() != null || typed.headers().values().stream().anyMatch(v -> !v.isEmpty())) {
        NodeConfig complete = secrets.fill(node, referenceOf(c));
        c.update(propertiesToStore(c.getPid(), complete));
        LOG.info("Moved the secrets of DICOMweb node {} out of ConfigAdmin into an owner-only file", c.getPid());
        return complete;
      }
      return secrets.fill(node, referenceOf(c));
    } catch (IOException e) {
      LOG.warn("Cannot read or store the secrets of DICOMweb node {} in {}: {}", c.getPid(), secrets.dir(),
          e.toString());
      return node;
    }
  }

  private static String referenceOf(Configuration c) {
    Object value = c.getProperties().get(SecretFiles.REFERENCE);
    return value instanceof String s ? s : null;
  }

  private Optional<Configuration> configuration(String id) throws IOException {
    if (id == null) {
      return Optional.empty();
    }
    List<Configuration> found = configurations("(" + Constants.SERVICE_PID + "=" + escape(id) + ")");
    return found.stream().findFirst();
  }

  /** Our factory's configurations, optionally narrowed by an LDAP filter; never null. */
  private List<Configuration> configurations(String narrower) throws IOException {
    String ours = "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + FACTORY_PID + ")";
    String filter = narrower == null ? ours : "(&" + ours + narrower + ")";
    try {
      Configuration[] found = admin.listConfigurations(filter);
      return found == null ? List.of() : List.of(found);
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException("Filter built here is invalid: " + filter, e);
    }
  }

  /** RFC 4515: these characters would change the meaning of a filter. */
  private static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (char ch : value.toCharArray()) {
      if (ch == '\\' || ch == '*' || ch == '(' || ch == ')' || ch == '\0') {
        out.append('\\');
      }
      out.append(ch);
    }
    return out.toString();
  }
}
