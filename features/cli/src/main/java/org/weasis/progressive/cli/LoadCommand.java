package org.weasis.progressive.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.engine.ProgressiveEngine;

/** {@code ./progressive load}: one series from a DICOMweb server, with its timeline. */
final class LoadCommand {
  static final String HELP = """
      Usage: ./progressive load --url BASE --study UID --series UID [options]

        --url BASE          DICOMweb root, e.g. http://127.0.0.1:8042/dicom-web
        --study UID         StudyInstanceUID
        --series UID        SeriesInstanceUID
        --config NAME|FILE  single | sequential | interleaved, or a JSON file in Cornerstone3D's shape
                            (stages + retrieveOptions, as Cornerstone reads it); default: sequential
        --strategy NAME     sequential | interleaved | nearest (default: interleaved)
        --header 'K: V'     extra header for this node, repeatable (e.g. 'Authorization: Bearer ...')
        --timeout-s N       give up after N seconds (default 600)
        --json              print one JSON document instead of the timeline
      """;

  private final PrintStream out;
  private final PrintStream err;

  LoadCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] argv) {
    Args args = new Args("load", argv);
    if (args.flag("--help")) {
      out.print(HELP);
      return 0;
    }
    boolean json = args.flag("--json");
    String url = args.required("--url");
    String study = args.required("--study");
    String series = args.required("--series");
    RetrieveConfiguration config = readConfiguration(args.option("--config"));
    String strategy = args.option("--strategy");
    NodeSettings node = nodeFor(url);
    for (String header : args.options("--header")) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new UsageException("load: --header must look like 'Name: value', got '" + header + "'");
      }
      node = node.withHeader(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    int timeout = args.intOption("--timeout-s", 600);
    args.requireNoMore();
    SeriesRequest request = SeriesRequest.of(node, study, series).withStrategy(strategy);
    try (ProgressiveEngine engine = Codecs.engine(err)) {
      return load(engine, request, config, json, timeout);
    }
  }

  /**
   * Loads through {@code service} (a fresh engine here, the framework's service in the demo) and prints
   * the timeline; exit code 0 when every image is final (FULL_RESOLUTION, or LOSSY when stored lossy).
   */
  int load(ProgressiveRetrieveService service, SeriesRequest request, RetrieveConfiguration config, boolean json,
      int timeoutSeconds) {
    Timeline timeline = new Timeline(out, json);
    LoadHandle handle = service.load(request, config, timeline);
    try {
      LoadSummary summary = handle.completion().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
      return summary.finalImages() == summary.images() && summary.images() > 0 ? 0 : 1;
    } catch (TimeoutException e) {
      handle.cancel();
      err.println("load: not finished after " + timeoutSeconds + " s; cancelled");
      return 1;
    } catch (ExecutionException e) {
      err.println("load: " + e.getCause());
      return 1;
    } catch (InterruptedException e) {
      handle.cancel();
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  static NodeSettings nodeFor(String url) {
    try {
      return NodeSettings.of(url);
    } catch (IllegalArgumentException e) {
      throw new UsageException("load: --url " + e.getMessage());
    }
  }

  static RetrieveConfiguration readConfiguration(String nameOrFile) {
    if (nameOrFile == null) {
      return RetrieveConfiguration.sequential();
    }
    try {
      Path file = Path.of(nameOrFile);
      if (Files.isRegularFile(file)) {
        return RetrieveConfiguration.fromJson(Files.readString(file)).checkRequestSyntax();
      }
      return RetrieveConfiguration.preset(nameOrFile);
    } catch (InvalidConfigurationException e) {
      throw new UsageException("--config " + nameOrFile + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UsageException("--config " + nameOrFile + ": cannot read: " + e.getMessage());
    }
  }
}
