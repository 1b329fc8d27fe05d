package org.weasis.progressive.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.server.SampleSeries;
import org.weasis.progressive.server.StaticDicomWebServer;

/**
 * {@code ./progressive demo}: a sample series on a local DICOMweb server, loaded progressively — 1/4
 * thumbnails from an alternate path first, then the lossless frames — with the timeline printed.
 */
final class DemoCommand {
  static final String HELP = """
      Usage: ./progressive demo [--images N] [--size PIXELS] [--config NAME|FILE] [--strategy NAME] [--json]

      Writes a synthetic 12-bit series (default 24 images of 512x512) with 1/4-size thumbnails in
      Static DICOMweb layout, serves it on 127.0.0.1, and loads it with the demo configuration:
      sequential stages, singleFast = /thumbnail4/ at decode level 2 (SUBRESOLUTION), singleFinal =
      the lossless frames. --config replaces that configuration (preset name or Cornerstone JSON file).
      """;

  private final PrintStream out;
  private final PrintStream err;

  DemoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The demo's retrieve configuration: thumbnails from the alternate path, then the frames. */
  static RetrieveConfiguration demoConfiguration() {
    RetrieveOptions thumbnail = new RetrieveOptions("/" + SampleSeries.THUMBNAIL_PATH + "/", null, null, 2,
        ImageQualityStatus.SUBRESOLUTION, null, null, null, null);
    return RetrieveConfiguration.sequential()
        .withRetrieveOptions(Map.of("singleFast", thumbnail, "singleFinal", RetrieveOptions.DEFAULT));
  }

  int run(String[] argv) {
    Args args = new Args("demo", argv);
    if (args.flag("--help")) {
      out.print(HELP);
      return 0;
    }
    int images = args.intOption("--images", 24);
    int size = args.intOption("--size", 512);
    String configArg = args.option("--config");
    String strategy = args.option("--strategy");
    boolean json = args.flag("--json");
    args.requireNoMore();
    if (images < 1 || size < 4) {
      throw new UsageException("demo: --images must be at least 1 and --size at least 4");
    }
    RetrieveConfiguration config =
        configArg == null ? demoConfiguration() : LoadCommand.readConfiguration(configArg);
    Path dir = null;
    try {
      dir = Files.createTempDirectory("progressive-demo");
      SampleSeries sample = SampleSeries.write(dir, "1.2.826.0.1.3680043.8.498.7001",
          "1.2.826.0.1.3680043.8.498.7001.1", images, size, size, 12, false);
      try (StaticDicomWebServer server = StaticDicomWebServer.start(dir, "127.0.0.1", 0)) {
        if (!json) {
          out.println("Local DICOMweb server: " + server.baseUrl() + " (" + images + " images of " + size + "x"
              + size + ", 12-bit, uncompressed, with 1/4 thumbnails under /" + SampleSeries.THUMBNAIL_PATH + "/)");
          out.println("Retrieve configuration:");
          out.println(config.toJson());
        }
        SeriesRequest request = SeriesRequest.of(NodeSettings.of(server.baseUrl()), sample.studyUid(),
            sample.seriesUid()).withStrategy(strategy);
        return new LoadCommand(out, err).load(request, config, json, 600);
      }
    } catch (IOException e) {
      err.println("demo: " + e.getMessage());
      return 1;
    } finally {
      deleteQuietly(dir);
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
