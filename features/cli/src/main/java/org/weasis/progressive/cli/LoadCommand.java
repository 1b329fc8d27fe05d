package org.weasis.progressive.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.standalone.Codecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./progressive load}: one series from a DICOMweb server, with its timeline. */
@Command(name = "load", sortOptions = false,
    description = "load a series from a DICOMweb server and print the timeline (or one JSON document with --json)")
final class LoadCommand implements Callable<Integer> {
  @Option(names = "--url", required = true, paramLabel = "BASE",
      description = "DICOMweb root, e.g. http://127.0.0.1:8042/dicom-web")
  private String url;

  @Option(names = "--study", required = true, paramLabel = "UID", description = "StudyInstanceUID")
  private String study;

  @Option(names = "--series", required = true, paramLabel = "UID", description = "SeriesInstanceUID")
  private String series;

  @Option(names = "--config", paramLabel = "NAME|FILE", description = {
      "single | sequential | interleaved, or a JSON file in Cornerstone3D's shape (stages + retrieveOptions,"
          + " as Cornerstone reads it); default: sequential"})
  private String config;

  @Option(names = "--strategy", paramLabel = "NAME",
      description = "sequential | interleaved | nearest (default: interleaved)")
  private String strategy;

  @Option(names = "--header", paramLabel = "'K: V'",
      description = "extra header for this node, repeatable (e.g. 'Authorization: Bearer ...')")
  private List<String> headers = new ArrayList<>();

  @Option(names = "--timeout-s", paramLabel = "N", defaultValue = "600", description = "give up after N seconds"
      + " (default ${DEFAULT-VALUE})")
  private int timeout;

  @Option(names = "--json", description = "print one JSON document instead of the timeline")
  private boolean json;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  private boolean help;

  private final PrintStream out;
  private final PrintStream err;

  LoadCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    RetrieveConfiguration retrieve = readConfiguration(config);
    NodeConfig node = nodeFor(url);
    for (String header : headers) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new UsageException("load: --header must look like 'Name: value', got '" + header + "'");
      }
      node = node.toBuilder().header(header.substring(0, colon).trim(), header.substring(colon + 1).trim()).build();
    }
    SeriesRequest request = SeriesRequest.of(node, study, series).withStrategy(strategy);
    try (ProgressiveEngine engine = Codecs.engine(err)) {
      return load(engine, request, retrieve, json, timeout);
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

  static NodeConfig nodeFor(String url) {
    try {
      return NodeConfig.of(url);
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
