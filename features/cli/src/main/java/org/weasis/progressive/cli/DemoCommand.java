package org.weasis.progressive.cli;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.framework.BundleException;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.cli.viewer.ViewerWindow;
import org.weasis.progressive.netshape.LinkProfile;
import org.weasis.progressive.server.SampleSeries;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./progressive demo}: a sample study on a local DICOMweb server behind a shaped link, loaded
 * progressively by our bundles running in an embedded Felix — in the viewer window, or as a timeline.
 */
@Command(name = "demo", sortOptions = false, description = {
    "our bundles in an embedded Felix load a sample study progressively from a local DICOMweb server: the viewer"
        + " window with a display, else the per-image timeline", "",
    "Starts Apache Felix with SCR, ConfigAdmin and the core, OpenJPEG, CharLS and ui bundles, stores a node"
        + " \"Local demo server\" through the framework's NodeStore, and loads a sample study through the"
        + " framework's ProgressiveRetrieveService from a DICOMweb server on 127.0.0.1 behind a shaped link. The"
        + " study has two series: a CT-like stack (--images of --size pixels; 12-bit) and one 16-bit image of"
        + " --single-size pixels, with HTJ2K RPCL lossless frames (ojph_compress) and JPEG-LS full and 1/4"
        + " alternates on /jls/ and /jlsThumbnail/ (CharLS). It is written once into --data and reused by later"
        + " runs.", "",
    "With a display and the Weasis distribution ../shared/weasis-sdk/weasis (and our package built), the study"
        + " opens in real Weasis: served the same way, a Weasis DICOMweb node for it, and progressive:rs"
        + " (--codec, --config and --strategy apply to the embedded viewer only). Else, or with --window, the"
        + " embedded viewer window opens (series with progress, stack view where the mouse wheel scrolls and"
        + " prioritizes, quality badge, timing, Settings and Reload); without a display, or with --headless, the"
        + " timeline of each series is printed.", ""})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--codec", paramLabel = "htj2k|jls|raw", defaultValue = "htj2k", description = {
      "the retrieve options of the interleaved preset (default ${DEFAULT-VALUE}):",
      "htj2k  initial images streamed; multipleFast = the first 16 KiB of each frame decoded at the finest"
          + " complete level, then the rest of the frame",
      "jls    1/4 JPEG-LS thumbnails from /jlsThumbnail/, then lossless JPEG-LS from /jls/",
      "raw    an uncompressed stack only (no native codec), 1/4 uncompressed thumbnails first"})
  private String codec;

  @Mixin
  private LinkOption net = new LinkOption();

  @Option(names = "--images", paramLabel = "N", defaultValue = "" + STACK_IMAGES,
      description = "images in the stack (default ${DEFAULT-VALUE})")
  private int images;

  @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "" + STACK_SIZE,
      description = "side of the stack's images, 4 to " + MAX_SIZE + " (default ${DEFAULT-VALUE})")
  private int size;

  @Option(names = "--single-size", paramLabel = "PIXELS", description = "side of the single 16-bit image, 4 to "
      + MAX_SIZE + " (default " + SINGLE_SIZE + "; 0 leaves it out)")
  private Integer singleSize;

  @Option(names = "--data", paramLabel = "DIR",
      description = "where the study is written (default $${XDG_CACHE_HOME:-~/.cache}/weasis-progressive/demo-"
          + BenchData.FORMAT + ")")
  private Path data;

  @Option(names = "--config", paramLabel = "NAME|FILE",
      description = "replaces the configuration: a preset name or a Cornerstone JSON file")
  private String config;

  @Option(names = "--strategy", paramLabel = "NAME", description = "replaces the order (sequential | interleaved"
      + " | nearest)")
  private String strategy;

  @Option(names = "--json", description = "print the timelines as a JSON array, one document per series")
  private boolean json;

  @Option(names = "--window", description = "the embedded viewer window, not Weasis")
  private boolean window;

  @Option(names = "--headless", description = "the timeline, even with a display")
  private boolean headless;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  private boolean help;

  /** Largest image side the study writer takes: its sample count and byte buffers must fit an int. */
  static final int MAX_SIZE = 16384;

  private final PrintStream out;
  private final PrintStream err;

  DemoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * The demo's retrieve configuration per codec: the interleaved preset, with fast then final options for
   * the multiple* (interleaved) and single* (sequential preset) retrieve types, so that switching preset in
   * the settings keeps a progressive load.
   */
  static RetrieveConfiguration demoConfiguration(String codec) {
    RetrieveOptions whole;
    RetrieveOptions fast;
    RetrieveOptions fin;
    switch (codec) {
      case "htj2k" -> {
        whole = RetrieveOptions.builder().streaming(true).build();
        fast = RetrieveOptions.builder().rangeIndex(0).chunkSize(16384).build();
        fin = RetrieveOptions.builder().rangeIndex(-1).build();
      }
      case "jls" -> {
        fast = RetrieveOptions.builder()
            .framesPath("/jlsThumbnail/")
            .imageQualityStatus(ImageQualityStatus.SUBRESOLUTION)
            .build();
        fin = RetrieveOptions.builder().framesPath("/jls/").build();
        whole = fin;
      }
      default -> {
        fast = RetrieveOptions.builder()
            .framesPath("/" + SampleSeries.THUMBNAIL_PATH + "/")
            .decodeLevel(2)
            .imageQualityStatus(ImageQualityStatus.SUBRESOLUTION)
            .build();
        fin = RetrieveOptions.DEFAULT;
        whole = RetrieveOptions.DEFAULT;
      }
    }
    return RetrieveConfiguration.interleaved().withRetrieveOptions(Map.of("default", whole,
        "multipleFast", fast, "multipleFinal", fin, "singleFast", fast, "singleFinal", fin));
  }

  /** Where generated studies are kept: {@code ${XDG_CACHE_HOME:-~/.cache}/weasis-progressive/demo-<format>}. */
  static Path defaultDataRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("weasis-progressive").resolve("demo-" + BenchData.FORMAT);
  }

  @Override
  public Integer call() {
    boolean window = this.window;
    boolean embeddedAsked = window;
    DemoSession.Options options = options();
    if (window && headless) {
      throw new UsageException("demo: --window and --headless exclude each other");
    }
    if (json && window) {
      throw new UsageException("demo: --json prints the timeline: it excludes --window");
    }
    if (window || (!headless && !json)) {
      String noDisplay = displayProblem();
      if (noDisplay != null && (window || !noDisplay.startsWith(NO_DISPLAY))) {
        err.println("demo: " + noDisplay + "; printing the timeline instead");
      }
      // With a display and no choice made, show the viewer: that is what a newcomer expects to see.
      window = noDisplay == null;
    }
    if (window && !embeddedAsked) {
      Integer code = runInWeasis(options);
      if (code != null) {
        return code;
      }
    }
    // Progress goes to stderr with --json, so stdout stays one JSON document.
    PrintStream log = json ? err : out;
    try (DemoSession session = DemoSession.start(options, log)) {
      // Ctrl-C or a kill also stops the framework and deletes its cache.
      Thread hook = new Thread(session::close, "demo-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        return run(session, options, window, json, log);
      } finally {
        removeShutdownHook(hook);
      }
    } catch (IOException | BundleException e) {
      err.println("demo: " + e.getMessage());
      return 1;
    }
  }

  /**
   * With a display, the demo runs in real Weasis when a distribution (the SDK's) and our package are there;
   * returns null, saying why in one line, when it cannot, and the embedded viewer is shown instead.
   */
  private Integer runInWeasis(DemoSession.Options options) {
    if (options.codec().equals("raw")) {
      err.println("demo: --codec raw runs in the embedded viewer only");
      return null;
    }
    WeasisDemo.Availability found = WeasisDemo.find(WeasisCommand.DEFAULT_WEASIS, WeasisCommand.PACKAGES, out);
    if (found.demo() == null) {
      err.println("demo: " + found.reason() + ": showing the embedded viewer instead of Weasis");
      return null;
    }
    try {
      return found.demo().run(options);
    } catch (IOException e) {
      err.println("demo: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** "an unshaped link" for --net local, else "a 30 Mbit/s down, … link". */
  static String linkWords(LinkProfile link) {
    return link.equals(LinkProfile.parse("local")) ? "an unshaped link" : "a " + link.describe() + " link";
  }

  private int run(DemoSession session, DemoSession.Options options, boolean window, boolean json, PrintStream log) {
    log.println("Felix " + session.felix().frameworkVersion() + " runs " + session.felix().bundles().size()
        + " bundles (SCR, ConfigAdmin, weasis-progressive core, OpenJPEG, CharLS, ui), all active");
    log.println("Local DICOMweb server " + session.serverUrl() + ", reached through " + linkWords(options.link())
        + " at " + session.url());
    log.println("Node stored through the framework's NodeStore: " + DemoSession.summary(session.node()));
    return window ? showWindow(session) : printTimelines(session, json);
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook closes the session.
    }
  }

  /** The sample study the issue asks for: a stack of 100 images of 512² and one 3036² image. */
  static final int STACK_IMAGES = 100;
  static final int STACK_SIZE = 512;
  static final int SINGLE_SIZE = 3036;

  /** The options of a command line, as {@code ./progressive demo ARGS} reads them, but the output mode. */
  static DemoSession.Options parse(String... args) {
    DemoCommand command = new DemoCommand(null, null);
    new CommandLine(command).parseArgs(args);
    return command.options();
  }

  /** The options other than the output mode, checked. */
  private DemoSession.Options options() {
    boolean singleSizeGiven = this.singleSize != null;
    int singleSize = singleSizeGiven ? this.singleSize : SINGLE_SIZE;
    if (images < 1 || size < 4 || size > MAX_SIZE || singleSize < 0
        || (singleSize > 0 && (singleSize < 4 || singleSize > MAX_SIZE))) {
      throw new UsageException("demo: --images must be at least 1, --size from 4 to " + MAX_SIZE
          + ", --single-size 0 or from 4 to " + MAX_SIZE);
    }
    if (!codec.equals("htj2k") && !codec.equals("jls") && !codec.equals("raw")) {
      throw new UsageException("demo: --codec must be htj2k, jls or raw, got '" + codec + "'");
    }
    if (codec.equals("raw") && (singleSizeGiven || data != null)) {
      throw new UsageException("demo: --codec raw writes only an uncompressed stack, to a temporary directory:"
          + " --single-size and --data do not apply");
    }
    checkStrategy(strategy);
    RetrieveConfiguration retrieve =
        config == null ? demoConfiguration(codec) : LoadCommand.readConfiguration(config);
    return new DemoSession.Options(codec, net.link("demo"), images, size, singleSize,
        data == null ? defaultDataRoot() : data, retrieve, strategy);
  }

  private static final String NO_DISPLAY = "no display available";

  /**
   * Why no window can be shown, or null when one can: Java is headless, DISPLAY is unset (Linux), or the
   * display it names cannot be reached (a stale DISPLAY over ssh), which AWT reports by an Error.
   */
  static String displayProblem() {
    if (GraphicsEnvironment.isHeadless()) {
      return NO_DISPLAY + " (headless Java)";
    }
    boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    String display = System.getenv("DISPLAY");
    if (linux && (display == null || display.isBlank())) {
      return NO_DISPLAY + " (DISPLAY unset)";
    }
    try {
      GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
      return null;
    } catch (AWTError | HeadlessException e) {
      return "cannot open a window: " + e.getMessage();
    }
  }

  /** Loads into the viewer window and returns when the user closes it. */
  private int showWindow(DemoSession session) {
    ViewerWindow window = ViewerWindow.open("Weasis progressive demo", session, session.settingsPage());
    out.println("Viewer open: the mouse wheel scrolls the stack, Settings edits the node (Apply, then Close"
        + " reloads the shown series); close the window to end the demo.");
    try {
      window.awaitClosed(Long.MAX_VALUE, TimeUnit.DAYS);
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      window.close();
      return 1;
    }
  }

  /** Loads each series in turn through the framework's service and prints its timeline. */
  private int printTimelines(DemoSession session, boolean json) {
    NodeConfig node = session.node();
    RetrieveConfiguration config = DemoSession.configurationOf(node);
    List<DemoSession.Series> series = session.series();
    List<String> documents = new ArrayList<>();
    int code = 0;
    if (!json) {
      out.println("Retrieve configuration:");
      out.println(config.toJson());
    }
    for (int i = 0; i < series.size(); i++) {
      DemoSession.Series s = series.get(i);
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      PrintStream target = json ? new PrintStream(buffer, true, StandardCharsets.UTF_8) : out;
      if (!json) {
        out.printf(Locale.ROOT, "%n== Series %d of %d: %s ==%n", i + 1, series.size(), s.label());
      }
      code |= new LoadCommand(target, err).load(session.retrieveService(), session.request(node, s), config, json,
          600);
      if (json) {
        documents.add(buffer.toString(StandardCharsets.UTF_8).strip());
      }
    }
    if (json) {
      out.println("[" + String.join(",\n", documents) + "]");
    }
    return code;
  }

  /** Checked as the node will check it when stored, so a typo fails before the study is written. */
  private static void checkStrategy(String strategy) {
    try {
      NodeConfig.builder().name(DemoSession.NODE_NAME).baseUrl("http://127.0.0.1/").strategy(strategy).build();
    } catch (InvalidConfigurationException e) {
      throw new UsageException("demo: --strategy " + e.getMessage());
    }
  }

  /** Deletes a temporary tree; one left behind is harmless. */
  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // A temp directory left behind is harmless.
    }
  }
}
