package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.netshape.LinkProfile;
import org.weasis.progressive.netshape.LinkShaper;
import org.weasis.progressive.server.StaticDicomWebServer;
import org.weasis.progressive.standalone.Codecs;

/**
 * Runs bench loads against the local server through the shaped link, each with a fresh engine so that
 * every case starts on cold connections, and counts the bytes that crossed the link.
 */
final class BenchRunner implements AutoCloseable {
  /** What one load left: its summary, its delivered versions and the bytes the link carried down. */
  record Run(BenchCase benchCase, LoadSummary summary, CaseRecorder recorder, long wireBytes) {}

  private static final long TIMEOUT_SECONDS = 600;
  /** Lets the previous case's connections close and the link's bucket rest before the next case. */
  private static final long PAUSE_MS = 300;

  private final StaticDicomWebServer server;
  private final LinkShaper shaper;
  private final PrintStream err;

  private BenchRunner(StaticDicomWebServer server, LinkShaper shaper, PrintStream err) {
    this.server = server;
    this.shaper = shaper;
    this.err = err;
  }

  /** Serves {@code root} on 127.0.0.1 and puts the shaped link in front of it. */
  static BenchRunner start(Path root, LinkProfile link, PrintStream err) throws IOException {
    StaticDicomWebServer server = StaticDicomWebServer.start(root, "127.0.0.1", 0);
    try {
      return new BenchRunner(server, LinkShaper.start(link, "127.0.0.1", 0, "127.0.0.1", server.port()), err);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  LinkProfile link() {
    return shaper.profile();
  }

  /** Loads {@code series} with the case's configuration through the shaped link. */
  Run load(BenchCase c, StudyWriter.Spec series) throws IOException {
    return load(c, series, shapedUrl());
  }

  /** Loads straight from the server, unshaped: warms the JIT and the codecs, measures nothing. */
  Run warmUp(BenchCase c, StudyWriter.Spec series) throws IOException {
    return unshaped(c, series);
  }

  /** Loads straight from the server, as on a LAN: only the loader's own costs remain. */
  Run unshaped(BenchCase c, StudyWriter.Spec series) throws IOException {
    return load(c, series, server.baseUrl());
  }

  /** The base URL of the shaped link, for loads in another JVM. */
  String shapedUrl() {
    return "http://127.0.0.1:" + shaper.port();
  }

  @Override
  public void close() {
    try {
      shaper.close();
    } finally {
      server.close();
    }
  }

  private Run load(BenchCase c, StudyWriter.Spec series, String baseUrl) throws IOException {
    pause();
    SeriesRequest request = SeriesRequest.of(NodeConfig.of(baseUrl), series.studyUid(), series.seriesUid())
        .withStrategy(c.strategy());
    CaseRecorder recorder = new CaseRecorder();
    long before = shaper.bytesDown();
    LoadSummary summary;
    try (ProgressiveEngine engine = Codecs.engine(err)) {
      summary = await(engine.load(request, c.configuration(), recorder), c);
    }
    return new Run(c, summary, recorder, shaper.bytesDown() - before);
  }

  private static LoadSummary await(LoadHandle handle, BenchCase c) throws IOException {
    try {
      return handle.completion().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      handle.cancel();
      throw new IOException(c.name() + ": not finished after " + TIMEOUT_SECONDS + " s", e);
    } catch (ExecutionException e) {
      throw new IOException(c.name() + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      handle.cancel();
      Thread.currentThread().interrupt();
      throw new IOException(c.name() + ": interrupted", e);
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
