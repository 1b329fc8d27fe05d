package org.weasis.progressive.cli;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.cli.viewer.ViewerWindow;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.netshape.LinkProfile;
import org.weasis.progressive.netshape.LinkShaper;
import org.weasis.progressive.server.SampleSeries;
import org.weasis.progressive.server.StaticDicomWebServer;

/**
 * {@code ./progressive demo}: a sample series on a local DICOMweb server, loaded progressively — 1/4
 * thumbnails from an alternate path first, then the lossless frames — with the timeline printed.
 */
final class DemoCommand {
  static final String HELP = """
      Usage: ./progressive demo [--codec htj2k|jls|raw] [--net 4g|local|D,U,L] [--images N] [--size PIXELS]
                                [--config NAME|FILE] [--strategy NAME] [--json] [--window|--headless]

      Writes a synthetic CT-like 12-bit series (default 24 images of 512x512) in Static DICOMweb layout,
      serves it on 127.0.0.1 behind a shaped link (default 4g: 30 Mbit/s down, 10 ms), and loads it
      progressively with the interleaved preset, printing one line per delivered image version:
        htj2k (default)  HTJ2K RPCL lossless frames made by ojph_compress; multipleFast = the first
                         16 KiB of each frame decoded at the finest complete level, then the rest
        jls              JPEG-LS 1/4 thumbnails from /jlsThumbnail/, then lossless JPEG-LS from /jls/
        raw              uncompressed frames with 1/4 uncompressed thumbnails (no native codec needed)
      --config replaces the configuration (preset name or Cornerstone JSON file).
      With a display (DISPLAY set) the demo opens the viewer window (series progress, stack view where
      the mouse wheel scrolls and prioritizes, quality badge, timing); without one it prints the timeline.
      --window insists on the viewer, --headless (or --json) always prints the timeline.
      """;

  private final PrintStream out;
  private final PrintStream err;

  DemoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The demo's retrieve configuration per codec: the interleaved preset with fast then final options. */
  static RetrieveConfiguration demoConfiguration(String codec) {
    RetrieveOptions fast;
    RetrieveOptions fin;
    switch (codec) {
      case "htj2k" -> {
        fast = new RetrieveOptions(null, null, null, null, null, null, 0, 16384, null);
        fin = new RetrieveOptions(null, null, null, null, null, null, -1, null, null);
      }
      case "jls" -> {
        fast = new RetrieveOptions("/jlsThumbnail/", null, null, null, ImageQualityStatus.SUBRESOLUTION, null,
            null, null, null);
        fin = new RetrieveOptions("/jls/", null, null, null, null, null, null, null, null);
      }
      default -> {
        fast = new RetrieveOptions("/" + SampleSeries.THUMBNAIL_PATH + "/", null, null, 2,
            ImageQualityStatus.SUBRESOLUTION, null, null, null, null);
        fin = RetrieveOptions.DEFAULT;
      }
    }
    RetrieveOptions whole = codec.equals("jls") ? fin : RetrieveOptions.DEFAULT;
    return RetrieveConfiguration.interleaved()
        .withRetrieveOptions(Map.of("default", whole, "multipleFast", fast, "multipleFinal", fin));
  }

  int run(String[] argv) {
    Args args = new Args("demo", argv);
    if (args.flag("--help")) {
      out.print(HELP);
      return 0;
    }
    int images = args.intOption("--images", 24);
    int size = args.intOption("--size", 512);
    String codecArg = args.option("--codec");
    String codec = codecArg == null ? "htj2k" : codecArg;
    String net = args.option("--net");
    String configArg = args.option("--config");
    String strategy = args.option("--strategy");
    boolean json = args.flag("--json");
    boolean window = args.flag("--window");
    boolean headless = args.flag("--headless");
    args.requireNoMore();
    if (window && headless) {
      throw new UsageException("demo: --window and --headless exclude each other");
    }
    if (window && !canOpenWindow()) {
      err.println("demo: no display available (headless Java or DISPLAY unset); printing the timeline instead");
      window = false;
    }
    // With a display and no choice made, show the viewer: that is what a newcomer expects to see.
    if (!window && !headless && !json && canOpenWindow()) {
      window = true;
    }
    if (images < 1 || size < 4) {
      throw new UsageException("demo: --images must be at least 1 and --size at least 4");
    }
    if (!codec.equals("htj2k") && !codec.equals("jls") && !codec.equals("raw")) {
      throw new UsageException("demo: --codec must be htj2k, jls or raw, got '" + codec + "'");
    }
    LinkProfile link = parseLink(net == null ? "4g" : net);
    RetrieveConfiguration config =
        configArg == null ? demoConfiguration(codec) : LoadCommand.readConfiguration(configArg);
    Path dir = null;
    try {
      dir = Files.createTempDirectory("progressive-demo");
      String study = "1.2.826.0.1.3680043.8.498.7001";
      String series = study + ".1";
      if (!json) {
        out.println("Writing " + images + " images of " + size + "x" + size + " (" + codec + ")...");
      }
      if (codec.equals("raw")) {
        SampleSeries.write(dir, study, series, images, size, size, 12, false);
      } else {
        StudyWriter.write(dir, new StudyWriter.Spec(study, series, images, size, size, 12));
      }
      try (StaticDicomWebServer server = StaticDicomWebServer.start(dir, "127.0.0.1", 0);
          LinkShaper shaper = LinkShaper.start(link, "127.0.0.1", 0, "127.0.0.1", server.port())) {
        String url = "http://127.0.0.1:" + shaper.port() + java.net.URI.create(server.baseUrl()).getRawPath();
        SeriesRequest request = SeriesRequest.of(NodeSettings.of(url), study, series).withStrategy(strategy);
        if (window) {
          return showWindow(request, config);
        }
        if (!json) {
          out.println("Local DICOMweb server " + server.baseUrl() + ", reached through a " + link.describe()
              + " link at " + url);
          out.println("Retrieve configuration:");
          out.println(config.toJson());
        }
        return new LoadCommand(out, err).load(request, config, json, 600);
      }
    } catch (IOException e) {
      err.println("demo: " + e.getMessage());
      return 1;
    } finally {
      deleteQuietly(dir);
    }
  }

  /** True when a window can be shown: Java is not headless and, on Linux, an X display is named. */
  static boolean canOpenWindow() {
    if (GraphicsEnvironment.isHeadless()) {
      return false;
    }
    boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    String display = System.getenv("DISPLAY");
    return !linux || (display != null && !display.isBlank());
  }

  /** Loads into the viewer window and returns when the user closes it. */
  private int showWindow(SeriesRequest request, RetrieveConfiguration config) {
    ViewerWindow window = ViewerWindow.open("Weasis progressive demo");
    try (ProgressiveEngine engine = Codecs.engine(err)) {
      LoadHandle handle = engine.load(request, config, window.listener());
      window.attach(handle);
      out.println("Viewer open: the mouse wheel scrolls the stack; close the window to end the demo.");
      window.awaitClosed(Long.MAX_VALUE, TimeUnit.DAYS);
      handle.cancel();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      window.close();
      return 1;
    }
  }

  private static LinkProfile parseLink(String value) {
    try {
      return LinkProfile.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("demo: --net " + e.getMessage());
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
