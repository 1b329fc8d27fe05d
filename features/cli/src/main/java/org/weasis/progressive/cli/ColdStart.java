package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.internal.engine.ProgressiveEngine;

/**
 * The first image of a fresh JVM against a later one, measured in a child JVM: a JVM is cold only once, so
 * the bench's own (long warm) JVM cannot show it. The child does what the bundles' activation does —
 * creates the decoders and, unless told not to, starts the warm-ups — then loads a case twice, each time
 * with a fresh engine: the first load is the cold one, the second the warm one.
 */
final class ColdStart {
  static final String VERB = "bench-cold";
  private static final long TIMEOUT_SECONDS = 120;

  /** When the child's first load starts, relative to its warm-up. */
  enum WarmUp {
    /** Right after activation: the warm-up still runs while the first load does. */
    AT_ONCE,
    /** Once the warm-up has ended, as when a user opens a series some time after start-up. */
    WAIT,
    /** No warm-up: what a first load cost before issue 11. */
    NONE
  }

  /**
   * One child's figures, in ms from the start of each load; {@code warmUpMs} is how long activation and
   * the warm-up took before the first load (WAIT only, else -1).
   */
  record Result(WarmUp warmUp, long coldFirstMs, long coldFinalMs, long warmFirstMs, long warmFinalMs,
      long warmUpMs) {}

  private ColdStart() {}

  /** Runs a child JVM on this JVM's class path and reads its figures. */
  static Result measure(String baseUrl, BenchCase c, StudyWriter.Spec series, WarmUp warmUp) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaCommand(), "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), VERB,
        baseUrl, c.name(), series.studyUid(), series.seriesUid(), warmUp.name()));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      byte[] output = child.getInputStream().readAllBytes();
      if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || child.exitValue() != 0) {
        throw new IOException("the cold-start child (" + warmUp + ") failed: "
            + new String(output, StandardCharsets.UTF_8).strip());
      }
      JsonNode json = new ObjectMapper().readTree(output);
      return new Result(warmUp, json.get("coldFirstMs").asLong(), json.get("coldFinalMs").asLong(),
          json.get("warmFirstMs").asLong(), json.get("warmFinalMs").asLong(), json.get("warmUpMs").asLong());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      child.destroy();
    }
  }

  /** The child: {@code BASE_URL CASE STUDY SERIES WARM_UP}; prints one JSON object. */
  static int child(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length != 5) {
      throw new UsageException(VERB + " BASE_URL CASE STUDY SERIES AT_ONCE|WAIT|NONE (run by ./progressive bench)");
    }
    BenchCase c;
    try {
      c = BenchCase.named(args[1]);
    } catch (IllegalArgumentException e) {
      throw new UsageException(VERB + ": " + e.getMessage());
    }
    WarmUp warmUp = WarmUp.valueOf(args[4]);
    SeriesRequest request = SeriesRequest.of(NodeSettings.of(args[0]), args[2], args[3]).withStrategy(c.strategy());
    long start = System.nanoTime();
    List<FrameDecoder> decoders = Codecs.available(err);
    List<Thread> warmUps = warmUp == WarmUp.NONE ? List.of() : Codecs.warmUp(decoders);
    long warmUpMs = -1;
    if (warmUp == WarmUp.WAIT) {
      join(warmUps);
      warmUpMs = (System.nanoTime() - start) / 1_000_000;
    }
    LoadSummary cold = load(decoders, request, c);
    join(warmUps);
    LoadSummary warm = load(decoders, request, c);
    out.println(String.format(Locale.ROOT,
        "{\"coldFirstMs\":%d,\"coldFinalMs\":%d,\"warmFirstMs\":%d,\"warmFinalMs\":%d,\"warmUpMs\":%d}",
        cold.firstImageMs(), cold.finalMs(), warm.firstImageMs(), warm.finalMs(), warmUpMs));
    return cold.finalMs() >= 0 && warm.finalMs() >= 0 ? 0 : 1;
  }

  private static void join(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    }
  }

  private static LoadSummary load(List<FrameDecoder> decoders, SeriesRequest request, BenchCase c)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (ProgressiveEngine engine = Codecs.engine(decoders)) {
      return engine.load(request, c.configuration(), new CaseRecorder()).completion().toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
