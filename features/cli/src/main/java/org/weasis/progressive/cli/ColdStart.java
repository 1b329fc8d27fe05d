package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.standalone.Codecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The first image of a fresh JVM against a later one, measured in a child JVM: a JVM is cold only once, so
 * the bench's own (long warm) JVM cannot show it. The child does what the bundles' activation does —
 * creates the decoders and, unless told not to, starts the warm-ups — then loads a case four times, each
 * time with a fresh engine: the first load is the cold one, the median of the three others the warm one.
 * Each load is timed from the making of its engine (the retrieval service is made by its first user), and
 * the load's own clock starts when {@code load()} is called, so the making of the node's HTTP client
 * (HttpClient's classes, in a cold JVM) is counted too.
 */
final class ColdStart {
  static final String VERB = "bench-cold";
  private static final long TIMEOUT_SECONDS = 120;
  /** Warm loads after the cold one; the median is the warm figure. */
  static final int WARM_LOADS = 3;

  /**
   * A user opens a study this long after the bundles started, at the earliest: Weasis shows its window
   * after our bundles have started, and the user then picks a node and a study (or Weasis runs the
   * command a web portal launched it with, once its window is up). The child does not wait for the
   * warm-up: if the warm-up is still running then, the load shares the cores with it, as it would.
   */
  static final long USER_DELAY_MS = 2000;

  /** When the child's first load starts, relative to its warm-up. */
  enum WarmUp {
    /** Right after activation: the warm-up still runs while the first load does. */
    AT_ONCE,
    /** {@link #USER_DELAY_MS} after activation began, whether the warm-up has ended or not. */
    USER_DELAY,
    /** Once the warm-up has ended, however long it took. */
    WAIT,
    /** No warm-up: what a first load cost before issue 11. */
    NONE
  }

  /**
   * One child's figures, in ms from the start of each load; {@code warmUpMs} is how long activation and
   * the warm-up took (-1 without warm-up), {@code loadStartMs} when the first load started, both from the
   * start of activation.
   */
  record Result(WarmUp warmUp, long coldFirstMs, long coldFinalMs, long warmFirstMs, long warmFinalMs,
      long warmUpMs, long loadStartMs) {}

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
          json.get("warmFirstMs").asLong(), json.get("warmFinalMs").asLong(), json.get("warmUpMs").asLong(),
          json.get("loadStartMs").asLong());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      child.destroy();
    }
  }

  /** The child: {@code BASE_URL CASE STUDY SERIES WARM_UP}; prints one JSON object. */
  @Command(name = VERB, hidden = true, description = "(internal) the child JVM of the bench's cold start")
  static final class Child implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASE_URL")
    private String baseUrl;

    @Parameters(index = "1", paramLabel = "CASE")
    private String caseName;

    @Parameters(index = "2", paramLabel = "STUDY")
    private String study;

    @Parameters(index = "3", paramLabel = "SERIES")
    private String series;

    @Parameters(index = "4", paramLabel = "AT_ONCE|USER_DELAY|WAIT|NONE")
    private WarmUp warmUp;

    private final PrintStream out;
    private final PrintStream err;

    Child(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() throws Exception {
      BenchCase c;
      try {
        c = BenchCase.named(caseName);
      } catch (IllegalArgumentException e) {
        throw new UsageException(VERB + ": " + e.getMessage());
      }
      SeriesRequest request = SeriesRequest.of(NodeConfig.of(baseUrl), study, series).withStrategy(c.strategy());
      return measureHere(c, request, warmUp, out, err);
    }
  }

  private static int measureHere(BenchCase c, SeriesRequest request, WarmUp warmUp, PrintStream out,
      PrintStream err) throws Exception {
    long start = System.nanoTime();
    List<FrameDecoder> decoders = Codecs.available(err);
    List<Thread> warmUps = warmUp == WarmUp.NONE ? List.of() : Codecs.warmUp(decoders);
    AtomicLong warmUpMs = new AtomicLong(-1);
    Thread ended = Thread.ofPlatform().daemon().start(() -> {
      if (!warmUps.isEmpty() && join(warmUps)) {
        warmUpMs.set(msSince(start));
      }
    });
    if (warmUp == WarmUp.WAIT) {
      ended.join();
    } else if (warmUp == WarmUp.USER_DELAY) {
      Thread.sleep(Math.max(0, USER_DELAY_MS - msSince(start)));
    }
    long loadStartMs = msSince(start);
    Timed cold = load(decoders, request, c);
    ended.join();
    Timed warm = medianWarm(decoders, request, c);
    out.println(String.format(Locale.ROOT,
        "{\"coldFirstMs\":%d,\"coldFinalMs\":%d,\"warmFirstMs\":%d,\"warmFinalMs\":%d,\"warmUpMs\":%d,"
            + "\"loadStartMs\":%d}",
        cold.firstImageMs(), cold.finalMs(), warm.firstImageMs(), warm.finalMs(), warmUpMs.get(), loadStartMs));
    return cold.finalMs() >= 0 && warm.finalMs() >= 0 ? 0 : 1;
  }

  /**
   * The later loads, each with a fresh engine; the one with the median first image: one warm load on a
   * shared machine is as noisy as the cold one, and the ratio would carry its noise.
   */
  private static Timed medianWarm(List<FrameDecoder> decoders, SeriesRequest request, BenchCase c)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<Timed> warm = new ArrayList<>();
    for (int i = 0; i < WARM_LOADS; i++) {
      warm.add(load(decoders, request, c));
    }
    warm.sort(Comparator.comparingLong(Timed::firstImageMs));
    return warm.get(WARM_LOADS / 2);
  }

  /** Waits for every thread; false when interrupted. */
  private static boolean join(List<Thread> threads) {
    try {
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
      }
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static long msSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** A load's first image and final, in ms from the moment its engine was being made (-1: none). */
  private record Timed(long firstImageMs, long finalMs) {}

  /**
   * One load with an engine of its own, timed from the engine's making: in Weasis the retrieval service
   * is made by its first user, the first load, so a cold first image pays for it too.
   */
  private static Timed load(List<FrameDecoder> decoders, SeriesRequest request, BenchCase c)
      throws InterruptedException, ExecutionException, TimeoutException {
    long start = System.nanoTime();
    try (ProgressiveEngine engine = Codecs.engine(decoders)) {
      long making = msSince(start);
      LoadSummary s = engine.load(request, c.configuration(), new CaseRecorder()).completion()
          .toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new Timed(s.firstImageMs() < 0 ? -1 : making + s.firstImageMs(),
          s.finalMs() < 0 ? -1 : making + s.finalMs());
    }
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
