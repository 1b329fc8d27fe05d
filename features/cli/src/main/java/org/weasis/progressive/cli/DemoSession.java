package org.weasis.progressive.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.JComponent;
import org.osgi.framework.BundleException;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.cli.felix.EmbeddedFelix;
import org.weasis.progressive.cli.viewer.StudySource;
import org.weasis.progressive.netshape.LinkProfile;
import org.weasis.progressive.netshape.LinkShaper;
import org.weasis.progressive.server.SampleSeries;
import org.weasis.progressive.server.StaticDicomWebServer;

/**
 * Everything the demo runs, started in order and closed in reverse: the sample study on disk, the local
 * DICOMweb server, the link shaper in front of it, and Felix with our bundles, where the demo's node is
 * stored through the NodeStore service. Each load reads that node again, so what the settings page
 * applies is what the next load uses.
 */
final class DemoSession implements StudySource, AutoCloseable {
  static final String NODE_NAME = "Local demo server";
  private static final String STACK_LABEL = "CT stack (12-bit)";
  private static final long SERVICE_TIMEOUT_MS = 10_000;

  /**
   * What the demo runs.
   *
   * @param codec htj2k or jls (the generated study, which has both), or raw (uncompressed stack only)
   * @param singleSize side of the single-image series; 0 leaves it out
   * @param dataRoot where generated studies are kept between runs
   * @param configuration stored as the node's retrieve configuration
   * @param strategy stored as the node's strategy; null for the default
   */
  record Options(String codec, LinkProfile link, int stackImages, int stackSize, int singleSize, Path dataRoot,
      RetrieveConfiguration configuration, String strategy) {}

  /** One series of the study, as listed. */
  record Series(String label, String studyUid, String seriesUid) {}

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<Series> series = new ArrayList<>();
  private String url;
  private String serverUrl;
  private EmbeddedFelix felix;
  private ProgressiveRetrieveService retrieve;
  private NodeStore store;
  private String nodeId;

  private DemoSession() {}

  /** Prepares the data, starts the server, the shaper and the framework, and stores the demo node. */
  static DemoSession start(Options options, PrintStream log) throws IOException, BundleException {
    DemoSession session = new DemoSession();
    try {
      Path root = session.prepareStudy(options, log);
      StaticDicomWebServer server = session.keep(StaticDicomWebServer.start(root, "127.0.0.1", 0));
      LinkShaper shaper = session.keep(LinkShaper.start(options.link(), "127.0.0.1", 0, "127.0.0.1", server.port()));
      session.serverUrl = server.baseUrl();
      session.url = "http://127.0.0.1:" + shaper.port() + URI.create(server.baseUrl()).getRawPath();
      session.felix = session.keep(EmbeddedFelix.start(EmbeddedFelix.defaultBundlesDir()));
      session.retrieve = session.felix.service(ProgressiveRetrieveService.class, SERVICE_TIMEOUT_MS);
      session.store = session.felix.service(NodeStore.class, SERVICE_TIMEOUT_MS);
      NodeConfig node = NodeConfig.builder().name(NODE_NAME).baseUrl(session.url).progressive(true)
          .strategy(options.strategy()).retrieveConfiguration(null, options.configuration()).build();
      session.nodeId = session.store.save(node).id();
      return session;
    } catch (IOException | BundleException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  EmbeddedFelix felix() {
    return felix;
  }

  ProgressiveRetrieveService retrieveService() {
    return retrieve;
  }

  /** The URL the loads use: the shaper in front of the server. */
  String url() {
    return url;
  }

  String serverUrl() {
    return serverUrl;
  }

  List<Series> series() {
    return List.copyOf(series);
  }

  /** The preferences page of the ui bundle. */
  Supplier<JComponent> settingsPage() {
    return felix.preferencesPage(SERVICE_TIMEOUT_MS);
  }

  /** The demo node as stored now (the settings page may have changed it). */
  NodeConfig node() {
    try {
      return store.find(nodeId).orElseThrow(() -> new IllegalStateException(
          "The node '" + NODE_NAME + "' is no longer stored (removed in the settings?); restart the demo."));
    } catch (IOException e) {
      throw new IllegalStateException("The node settings cannot be read: " + e.getMessage(), e);
    }
  }

  /** What a load of {@code node} uses: its configuration, or every frame whole when progressive is off. */
  static RetrieveConfiguration configurationOf(NodeConfig node) {
    return RetrieveConfiguration.forLoading(node.progressive(), node.retrieveConfiguration());
  }

  SeriesRequest request(NodeConfig node, Series s) {
    return SeriesRequest.of(node, s.studyUid(), s.seriesUid()).withStrategy(node.strategy());
  }

  static String summary(NodeConfig node) {
    String how = node.progressive()
        ? node.preset() + " preset, " + node.strategy() + " order"
        : "progressive loading off: whole frames";
    return node.name() + ": " + how;
  }

  @Override
  public List<String> seriesLabels() {
    return series.stream().map(Series::label).toList();
  }

  @Override
  public List<String> seriesUids(int index) {
    Series s = series.get(index);
    return List.of(s.studyUid(), s.seriesUid());
  }

  @Override
  public Settings settings() {
    NodeConfig node = node();
    return new Settings(summary(node), node);
  }

  @Override
  public LoadHandle load(int index, Settings settings, LoadListener listener) {
    NodeConfig node = (NodeConfig) settings.value();
    return retrieve.load(request(node, series.get(index)), configurationOf(node), listener);
  }

  /** Stops the framework, the shaper and the server; deletes what was written for this run only. */
  @Override
  public synchronized void close() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        System.err.println("warning: closing " + opened.get(i) + ": " + e.getMessage());
      }
    }
    opened.clear();
  }

  /** What went wrong with a file: the JDK leaves the reason out of some exceptions' messages. */
  private static String reason(FileSystemException e) {
    if (e.getReason() != null) {
      return e.getMessage();
    }
    String why = switch (e) {
      case NoSuchFileException x -> "no such file or directory";
      case AccessDeniedException x -> "permission denied";
      case FileAlreadyExistsException x -> "a file is in the way";
      default -> e.getClass().getSimpleName();
    };
    return e.getMessage() + ": " + why;
  }

  private <T extends AutoCloseable> T keep(T resource) {
    opened.add(resource);
    return resource;
  }

  /** The generated study (cached between runs), or an uncompressed stack in a temp dir for raw. */
  private Path prepareStudy(Options o, PrintStream log) throws IOException {
    if (o.codec().equals("raw")) {
      Path dir = Files.createTempDirectory("progressive-demo");
      keep(() -> DemoCommand.deleteQuietly(dir));
      String study = "1.2.826.0.1.3680043.8.498.7001";
      log.println("Writing " + o.stackImages() + " uncompressed images of " + o.stackSize() + "x" + o.stackSize()
          + "...");
      SampleSeries.write(dir, study, study + ".1", o.stackImages(), o.stackSize(), o.stackSize(), 12, false);
      series.add(new Series("Uncompressed stack (12-bit)", study, study + ".1"));
      return dir;
    }
    Path root = o.dataRoot().resolve(o.singleSize() + "-" + o.stackImages() + "x" + o.stackSize());
    BenchData data;
    try {
      data = BenchData.plan(root, o.singleSize(), o.stackImages(), o.stackSize()).prepare(log);
    } catch (FileSystemException e) {
      throw new IOException("cannot write the study into " + root + ": " + reason(e)
          + "; choose another place with --data DIR", e);
    }
    series.add(new Series(STACK_LABEL, data.stack().studyUid(), data.stack().seriesUid()));
    if (data.single() != null) {
      series.add(new Series("Single image (16-bit)",
          data.single().studyUid(), data.single().seriesUid()));
    }
    return root;
  }
}
