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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.node.NodeConfig;
import org.weasis.progressive.api.node.NodeConfig.Authentication;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.internal.settings.NodeDictionary;
import org.weasis.progressive.internal.settings.NodeJson;

/**
 * Keeps each DICOMweb node as one ConfigAdmin factory configuration, described with Metatype, so that any
 * OSGi console can edit the nodes a preferences page shows, and an edit made there is what the next
 * {@link #find} returns.
 */
@Component(service = NodeStore.class)
public final class NodeStoreComponent implements NodeStore {
  public static final String FACTORY_PID = "org.weasis.progressive.node";

  private static final Logger LOG = LoggerFactory.getLogger(NodeStoreComponent.class);
  /** Any bundle may read and edit node settings (a console, the preferences page). */
  private static final String ANY_LOCATION = "?";

  /** The properties of one node; ids and defaults match {@link NodeDictionary}. */
  @ObjectClassDefinition(
      id = FACTORY_PID,
      name = "DICOMweb node (progressive loading)",
      description = "One DICOMweb server Weasis loads images from, and how progressively.",
      factoryPid = FACTORY_PID)
  @interface Config {
    @AttributeDefinition(name = "Name", description = "The node's name in lists")
    String name();

    @AttributeDefinition(name = "Base URL", description = "The DICOMweb root, for example http://127.0.0.1:8042/dicom-web")
    String baseUrl();

    @AttributeDefinition(name = "Authentication", description = "How requests authenticate", options = {
        @Option(label = "None", value = "NONE"),
        @Option(label = "Basic (user and password)", value = "BASIC"),
        @Option(label = "Bearer token", value = "BEARER"),
        @Option(label = "Custom headers only", value = "HEADERS")})
    String authType() default "NONE";

    @AttributeDefinition(name = "User", description = "The Basic authentication user", required = false)
    String authUser();

    @AttributeDefinition(name = "Password or token", description = "The Basic password or the Bearer token",
        type = AttributeType.PASSWORD, required = false)
    String authSecret();

    @AttributeDefinition(name = "Custom headers", description = "Headers sent to this node, one \"Name: value\" each",
        type = AttributeType.PASSWORD, required = false)
    String[] authHeaders();

    @AttributeDefinition(name = "Progressive loading", description = "Load series from this node progressively")
    boolean progressive() default false;

    @AttributeDefinition(name = "Strategy", description = "Order of the images within a stage", options = {
        @Option(label = "Sequential", value = "sequential"),
        @Option(label = "Interleaved", value = "interleaved"),
        @Option(label = "Nearest to the shown image first", value = "nearest")})
    String strategy() default "interleaved";

    @AttributeDefinition(name = "Preset", description = "The stages of the retrieve configuration", options = {
        @Option(label = "Single", value = "single"),
        @Option(label = "Sequential", value = "sequential"),
        @Option(label = "Interleaved", value = "interleaved"),
        @Option(label = "Custom", value = "custom")})
    String preset() default "interleaved";

    @AttributeDefinition(name = "Retrieve configuration",
        description = "Cornerstone3D JSON {stages, retrieveOptions}; empty for the preset's own", required = false)
    String retrieveConfiguration();

    @AttributeDefinition(name = "Connections", description = "Requests in flight to this node at once", min = "1", max = "64")
    int maxConnections() default 6;

    @AttributeDefinition(name = "Connect timeout (ms)", description = "Time allowed to open a connection", min = "1")
    long connectTimeoutMs() default 10_000;

    @AttributeDefinition(name = "Stall timeout (ms)", description = "Longest time without a byte", min = "1")
    long stallTimeoutMs() default 30_000;

    @AttributeDefinition(name = "Request timeout (ms)", description = "Longest time one request may take", min = "1")
    long requestTimeoutMs() default 600_000;

    @AttributeDefinition(name = "Verify TLS", description = "Turn off only for a test server with a self-signed certificate")
    boolean verifyTls() default true;

    @AttributeDefinition(name = "Load budget (bytes)",
        description = "Frame bytes one load may hold at once; a frame that goes over fails", min = "1")
    long maxLoadBytes() default NodeSettings.DEFAULT_MAX_LOAD_BYTES;

    @AttributeDefinition(name = "Minimum transfer rate (bytes/s)",
        description = "A response slower than this over the rate window fails; 0 turns the check off", min = "0")
    long minTransferRate() default NodeSettings.DEFAULT_MIN_TRANSFER_RATE;

    @AttributeDefinition(name = "Rate window (ms)", description = "The window the transfer rate is measured over",
        min = "1")
    long rateWindowMs() default 20_000;

    @AttributeDefinition(name = "Allow frames from other origins",
        description = "Fetch frame URLs the metadata places on another server (never with this node's headers)")
    boolean otherOriginsAllowed() default false;
  }

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
    NodeDictionary.read(node.id(), NodeDictionary.write(node));
    Optional<Configuration> existing = configuration(node.id());
    Configuration c = existing.isPresent()
        ? existing.get()
        : admin.createFactoryConfiguration(FACTORY_PID, ANY_LOCATION);
    c.update(propertiesToStore(c.getPid(), node));
    LOG.debug("Saved {}", node);
    return node.withId(c.getPid());
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
      NodeConfig node = NodeDictionary.read(c.getPid(), c.getProperties());
      warned.remove(c.getPid());
      return Optional.of(withSecrets(c, node));
    } catch (InvalidConfigurationException e) {
      Long before = warned.put(c.getPid(), c.getChangeCount());
      if (before == null || before != c.getChangeCount()) {
        LOG.warn("{}", NodeDictionary.skipWarning(c.getPid(), e));
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
      return NodeDictionary.write(node);
    }
    String file = secrets.write(pid, node.authentication());
    Hashtable<String, Object> properties =
        NodeDictionary.write(node.withAuthentication(node.authentication().withoutSecrets()));
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
