package org.weasis.progressive.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.internal.engine.ProgressiveEngine;

/**
 * The engine tests' one set-up: a {@link FaultServer} and a {@link ProgressiveEngine} with the given
 * decoders, made before each test and closed after it — the engine first, so that no load outlives its
 * server. Register it on an instance field with {@code @RegisterExtension}; it runs before the test's own
 * {@code @BeforeEach} (which may script the server) and after its {@code @AfterEach} (which may release
 * a handler that holds a request).
 */
public final class LocalEngine implements BeforeEachCallback, AfterEachCallback {
  private final List<FrameDecoder> decoders;
  private Duration deadline = Duration.ofSeconds(20);
  private boolean countsThreads;
  private int threadsBefore;
  private FaultServer server;
  private ProgressiveEngine engine;

  private LocalEngine(List<FrameDecoder> decoders) {
    this.decoders = decoders;
  }

  /** An engine that starts with these decoders (a test may add more to {@link #engine()}). */
  public static LocalEngine with(FrameDecoder... decoders) {
    return new LocalEngine(List.of(decoders));
  }

  /** How long {@link #load} waits for a load's completion; 20 s unless set. */
  public LocalEngine deadline(Duration deadline) {
    this.deadline = deadline;
    return this;
  }

  /** Fails each test that leaves an engine thread running once the engine is closed. */
  public LocalEngine countingThreads() {
    this.countsThreads = true;
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    threadsBefore = progressiveThreads();
    server = new FaultServer();
    engine = new ProgressiveEngine();
    decoders.forEach(engine::addDecoder);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    engine.close();
    server.close();
    if (countsThreads) {
      assertEquals(threadsBefore, progressiveThreads(), "engine threads left running");
    }
  }

  public FaultServer server() {
    return server;
  }

  public ProgressiveEngine engine() {
    return engine;
  }

  /** The server as a node that retries twice, 10 ms apart. */
  public NodeConfig node() {
    return NodeConfig.builder().baseUrl(server.baseUrl()).maxRetries(2).retryBackoff(Duration.ofMillis(10)).build();
  }

  /** The {@link TinySeries} on {@code node}, its images in order. */
  public static SeriesRequest sequential(NodeConfig node) {
    return SeriesRequest.of(node, TinySeries.STUDY, TinySeries.SERIES).withStrategy("sequential");
  }

  /** Loads the series of {@code node} in order and waits, within the deadline, for its completion. */
  public LoadOutcome load(NodeConfig node, RetrieveConfiguration configuration) throws Exception {
    return load(sequential(node), configuration);
  }

  /** Loads and waits, within the deadline, for the completion. */
  public LoadOutcome load(SeriesRequest request, RetrieveConfiguration configuration) throws Exception {
    EventRecorder recorder = new EventRecorder();
    LoadSummary summary = engine.load(request, configuration, recorder).completion()
        .toCompletableFuture().get(deadline.toSeconds(), TimeUnit.SECONDS);
    return recorder.outcome(summary, server.requests());
  }

  /** {@link #load}, and asserts that the listener was told of the completion exactly once. */
  public LoadOutcome loadCompletingOnce(NodeConfig node, RetrieveConfiguration configuration) throws Exception {
    LoadOutcome outcome = load(node, configuration);
    assertEquals(1, outcome.completions(), "onComplete exactly once");
    return outcome;
  }

  private static int progressiveThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("progressive-")).count();
  }
}
