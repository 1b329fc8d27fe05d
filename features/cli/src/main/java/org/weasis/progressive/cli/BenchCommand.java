package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.netshape.LinkProfile;
import org.weasis.progressive.standalone.Codecs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./progressive bench}: the seeds' progressive cases on generated data, served locally through a
 * shaped link, with every figure set against the link's wire limit — the measurement issue 4 asks for.
 */
@Command(name = "bench", sortOptions = false, description = {
    "the progressive cases on generated data through a shaped link, against the wire limit", "",
    "Generates a 3036x3036 16-bit image (HTJ2K RPCL lossless via ojph_compress, JPEG-LS, 1/4 JPEG-LS thumbnail)"
        + " and a stack of 100 512x512 12-bit images, serves them on 127.0.0.1 behind the link shaper, and loads"
        + " them with a fresh engine per case: jls-full, jls-reduced, htj2k-stream, htj2k-range, htj2k-full on the"
        + " image; the interleaved preset with HTJ2K ranges and with JPEG-LS thumbnails on the stack. Prints"
        + " first-image and final times, bytes, and each figure's ratio to the wire limit with PASS/MISS against"
        + " issue 4's targets; then issue 11's: htj2k-stream against htj2k-full straight from the server (median"
        + " of 3), the first image of a fresh child JVM against its later loads (median of 3), with the first load"
        + " right after activation, 2 s after it, once the warm-up ended, and without warm-up; and each final and"
        + " stack against the wire limit.", ""})
final class BenchCommand implements Callable<Integer> {
  @Mixin
  private LinkOption net = new LinkOption();

  @Option(names = "--out", paramLabel = "DIR", description = {"write bench.txt, bench.json and one PNG plot per"
      + " case into DIR, and keep the generated data in DIR/data for the next run (reused while its spec is"
      + " unchanged)"})
  private Path outDir;

  @Option(names = "--quick", description = "smaller data for a short run: a 1024x1024 image and a 24-image stack")
  private boolean quick;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  private boolean help;

  /** Loads per case for the unshaped comparison; the median is reported. */
  private static final int UNSHAPED_RUNS = 3;
  /** The case whose first image is timed in a fresh JVM: a partial HTJ2K decode after 32 KiB. */
  private static final String COLD_CASE = "htj2k-stream";

  /** The command line, checked. */
  record Options(LinkProfile link, Path out, boolean quick) {}

  private final PrintStream out;
  private final PrintStream err;

  BenchCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Options options = options();
    Path temp = null;
    try {
      Path dataRoot = options.out() != null ? options.out().resolve("data")
          : (temp = Files.createTempDirectory("progressive-bench"));
      BenchData data = BenchData.plan(dataRoot, options.quick()).prepare(err);
      return bench(options, data);
    } catch (IOException | DecodeException e) {
      err.println("bench: " + e.getMessage());
      return 1;
    } finally {
      DemoCommand.deleteQuietly(temp);
    }
  }

  /** The options of a command line, as {@code ./progressive bench ARGS} reads them. */
  static Options parse(String... args) {
    BenchCommand command = new BenchCommand(null, null);
    new CommandLine(command).parseArgs(args);
    return command.options();
  }

  private Options options() {
    return new Options(net.link("bench"), outDir, quick);
  }

  private int bench(Options options, BenchData data) throws IOException, DecodeException {
    List<BenchCase> cases = Stream.concat(BenchCase.singleImage().stream(), BenchCase.stacks().stream()).toList();
    BenchReport report = new BenchReport(options.link(), data, cases);
    StringBuilder text = new StringBuilder();
    String loadBefore = loadAverage();
    List<SingleResult> singles;
    List<StackResult> stacks;
    List<TargetRow> targets;
    try (BenchRunner runner = BenchRunner.start(data.root(), options.link(), err)) {
      warmUp(runner, data);
      emit(text, report.header() + "Load average before: " + loadBefore + "\n");
      singles = runSingles(runner, data, options, text);
      stacks = runStacks(runner, data, options, text);
      targets = runTargets(runner, data, singles, stacks, text);
    }
    String loadAfter = loadAverage();
    emit(text, "\nLoad average after: " + loadAfter + "\n" + report.legend());
    if (options.out() != null) {
      writeFiles(options.out(), text.toString(), report.json(singles, stacks, targets, loadBefore, loadAfter), cases.size());
    }
    boolean complete = singles.stream().allMatch(r -> r.finalMs() >= 0)
        && stacks.stream().allMatch(r -> r.completeMs() >= 0);
    return complete ? 0 : 1;
  }

  private void writeFiles(Path dir, String text, String json, int plots) throws IOException {
    Files.writeString(dir.resolve("bench.txt"), text);
    Files.writeString(dir.resolve("bench.json"), json);
    out.println("Wrote bench.txt, bench.json and " + plots + " plots (<case>.png) to " + dir.toAbsolutePath());
  }

  /** One unmeasured load of each image case straight from the server, so no case pays for JIT warm-up. */
  private void warmUp(BenchRunner runner, BenchData data) throws IOException {
    for (BenchCase c : BenchCase.singleImage()) {
      runner.warmUp(c, data.single());
    }
  }

  private List<SingleResult> runSingles(BenchRunner runner, BenchData data, Options options, StringBuilder text)
      throws IOException, DecodeException {
    DecodeTimer timer = new DecodeTimer(Codecs.available(err));
    PixelDescription target = PixelDescription.grey(data.single().rows(), data.single().columns(),
        data.single().bitsStored(), false);
    long metadataBytes = Files.size(data.metadataFile(data.single()));
    Map<String, Double> finalDecodes = new HashMap<>();
    List<SingleResult> results = new ArrayList<>();
    long referenceFinal = -1;
    String size = data.single().columns() + "x" + data.single().rows();
    emit(text, "\nOne " + size + " image (strategy sequential)\n" + BenchReport.singleHeader());
    for (BenchCase c : BenchCase.singleImage()) {
      BenchRunner.Run run = runner.load(c, data.single());
      reportErrors(run);
      CaseRecorder.Version first = run.recorder().firstOwn(0);
      double firstDecode = first == null ? 0
          : timer.medianMs(data.frameFile(data.single(), 0, c.firstFrames()), first.bytes(), first.level(), target);
      double finalDecode = finalDecodes.computeIfAbsent(c.finalFrames(), kind -> timeWhole(timer, data, kind, target));
      SingleResult.Measured m = new SingleResult.Measured(run.summary().firstImageMs(), run.summary().finalMs(),
          run.wireBytes(), first == null ? 0 : first.bytes() + metadataBytes, first == null ? 0 : first.columns(),
          firstDecode, finalDecode);
      SingleResult r = SingleResult.of(c, m, runner.link(), referenceFinal);
      if (c.name().equals(BenchCase.REFERENCE)) {
        referenceFinal = r.finalMs();
      }
      results.add(r);
      emit(text, BenchReport.singleRow(r));
      plotSingle(options.out(), run, r.wireMs());
    }
    emit(text, "\nTargets, one " + size + " image\n" + BenchReport.targetsHeader());
    results.forEach(r -> emit(text, BenchReport.targetsRow(r)));
    return results;
  }

  private List<StackResult> runStacks(BenchRunner runner, BenchData data, Options options, StringBuilder text)
      throws IOException {
    List<StackResult> results = new ArrayList<>();
    emit(text, "\nStack of " + data.stack().images() + " images (interleaved preset)\n" + BenchReport.stackHeader());
    for (BenchCase c : BenchCase.stacks()) {
      BenchRunner.Run run = runner.load(c, data.stack());
      reportErrors(run);
      StackResult r = StackResult.of(c, run.recorder().images(), run.recorder().reducedColumns(),
          run.summary().firstImageMs(),
          run.recorder().allShownMs(), run.summary().finalMs(), run.wireBytes(), runner.link());
      results.add(r);
      emit(text, BenchReport.stackRow(r));
      plotStack(options.out(), run, r.wireMs());
    }
    return results;
  }

  /**
   * Issue 11's acceptance figures: the streaming final against the plain one on an unshaped link, the
   * first image of a fresh JVM against a later one, and the finals against the wire limit.
   */
  private List<TargetRow> runTargets(BenchRunner runner, BenchData data, List<SingleResult> singles,
      List<StackResult> stacks, StringBuilder text) throws IOException {
    List<TargetRow> rows = new ArrayList<>();
    long stream = medianUnshapedFinal(runner, BenchCase.named("htj2k-stream"), data.single());
    long plain = medianUnshapedFinal(runner, BenchCase.named("htj2k-full"), data.single());
    rows.add(TargetRow.of("unshaped htj2k-stream final / htj2k-full final", WireLimit.ratio(stream, plain),
        TargetRow.STREAMING_VS_PLAIN, "straight from the server, median of " + UNSHAPED_RUNS + " loads each: "
            + stream + " / " + plain + " ms"));
    BenchCase first = BenchCase.named(COLD_CASE);
    for (ColdStart.WarmUp mode : ColdStart.WarmUp.values()) {
      rows.add(coldRow(mode, ColdStart.measure(runner.shapedUrl(), first, data.single(), mode)));
    }
    for (SingleResult r : singles) {
      double target = r.name().startsWith("jls") ? TargetRow.JLS_FINAL
          : r.name().equals("htj2k-full") ? Double.NaN : TargetRow.HTJ2K_FINAL;
      rows.add(new TargetRow(r.name() + " final / wire", r.finalRatio(), target,
          r.finalMs() + " ms / " + String.format(Locale.ROOT, "%.0f", r.wireMs()) + " ms, shaped link"));
    }
    for (StackResult r : stacks) {
      rows.add(TargetRow.of(r.name() + " complete / wire", r.completeRatio(), TargetRow.STACK_COMPLETE,
          r.completeMs() + " ms / " + String.format(Locale.ROOT, "%.0f", r.wireMs()) + " ms, "
              + r.images() + " images, shaped link"));
    }
    emit(text, "\nIssue 11 targets\n" + BenchReport.targetRowsHeader());
    rows.forEach(r -> emit(text, BenchReport.targetRow(r)));
    return rows;
  }

  /**
   * The cold row of one child: the load at once and the load a user would start are both held to the
   * target; the others are context. Says whether the warm-up had ended when the load started.
   */
  static TargetRow coldRow(ColdStart.WarmUp mode, ColdStart.Result r) {
    double ratio = WireLimit.ratio(r.coldFirstMs(), r.warmFirstMs());
    String how = "child JVM, " + COLD_CASE + ": first load " + r.coldFirstMs() + " ms, later ones (median of "
        + ColdStart.WARM_LOADS + ") " + r.warmFirstMs() + " ms; first load started " + r.loadStartMs() + " ms after activation began, "
        + (r.warmUpMs() < 0 ? "no warm-up"
            : "warm-up " + (r.warmUpMs() <= r.loadStartMs() ? "ended" : "still running") + " (took " + r.warmUpMs()
                + " ms)");
    return switch (mode) {
      case AT_ONCE -> TargetRow.of("cold first image / warm, load at start", ratio, TargetRow.COLD_VS_WARM, how);
      case USER_DELAY -> TargetRow.of("cold first image / warm, load " + ColdStart.USER_DELAY_MS / 1000
          + " s after start", ratio, TargetRow.COLD_VS_WARM, how);
      case WAIT -> TargetRow.context("  same, load once the warm-up ended", ratio, how);
      case NONE -> TargetRow.context("  same, no warm-up (before issue 11)", ratio, how);
    };
  }

  /** The median final of a few unshaped loads: one load on a shared machine is too noisy to compare. */
  private static long medianUnshapedFinal(BenchRunner runner, BenchCase c, StudyWriter.Spec series)
      throws IOException {
    long[] finals = new long[UNSHAPED_RUNS];
    for (int i = 0; i < finals.length; i++) {
      finals[i] = runner.unshaped(c, series).summary().finalMs();
    }
    Arrays.sort(finals);
    return finals[finals.length / 2];
  }

  private double timeWhole(DecodeTimer timer, BenchData data, String kind, PixelDescription target) {
    try {
      return timer.medianMs(data.frameFile(data.single(), 0, kind), Long.MAX_VALUE, 0, target);
    } catch (IOException | DecodeException e) {
      err.println("bench: cannot time the decode of " + kind + ": " + e.getMessage());
      return -1;
    }
  }

  private void plotSingle(Path dir, BenchRunner.Run run, double wireMs) throws IOException {
    if (dir == null) {
      return;
    }
    Map<Integer, String> ticks = new HashMap<>();
    for (ImageQualityStatus s : ImageQualityStatus.values()) {
      ticks.put(s.value(), s.name() + " " + s.value());
    }
    ticks.put(0, "nothing 0");
    double end = Math.max(wireMs, run.summary().finalMs()) * 1.08;
    new QualityPlot(run.benchCase().name() + ": ImageQualityStatus over time", 8, ticks, end)
        .write(dir.resolve(run.benchCase().name() + ".png"),
            List.of(new QualityPlot.Series("status of the image", new Color(30, 90, 200), run.recorder().statusOf(0),
                run.recorder().versions().stream().map(v -> v.columns() + "px").toList())),
            List.of(new QualityPlot.Marker("wire limit", new Color(200, 40, 40), wireMs)));
  }

  private void plotStack(Path dir, BenchRunner.Run run, double wireMs) throws IOException {
    if (dir == null) {
      return;
    }
    int n = run.recorder().images();
    double end = Math.max(wireMs, run.summary().finalMs()) * 1.08;
    new QualityPlot(run.benchCase().name() + ": images shown and final over time", n,
        Map.of(0, "0", n / 2, String.valueOf(n / 2), n, n + " images"), end)
        .write(dir.resolve(run.benchCase().name() + ".png"),
            List.of(new QualityPlot.Series("shown (any quality)", new Color(30, 150, 60), run.recorder().shownCurve()),
                new QualityPlot.Series("final (lossless)", new Color(30, 90, 200), run.recorder().finalCurve())),
            List.of(new QualityPlot.Marker("wire limit", new Color(200, 40, 40), wireMs)));
  }

  private void reportErrors(BenchRunner.Run run) {
    for (String e : run.recorder().errors()) {
      err.println("bench: " + run.benchCase().name() + ": " + e);
    }
  }

  private void emit(StringBuilder text, String s) {
    out.print(s);
    out.flush();
    text.append(s);
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
