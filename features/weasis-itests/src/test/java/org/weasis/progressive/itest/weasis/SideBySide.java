package org.weasis.progressive.itest.weasis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.weasis.progressive.cli.WeasisLaunch;
import org.weasis.progressive.netshape.LinkProfile;
import org.weasis.progressive.netshape.LinkShaper;
import org.weasis.progressive.server.StaticDicomWebServer;

/**
 * Issue 10, acceptance 4: one study, one server, one shaped link, Weasis' own {@code dicom:rs} against our
 * {@code progressive:rs}, each in a freshly started SDK Weasis (started, then handed the command the way a
 * second {@code weasis://} link is). The server holds the study twice under one root: {@code /htj2k} as our
 * engine reads it (HTJ2K frames with JPEG-LS alternates, {@link TestStudy}) and {@code /plain}, the same
 * instances uncompressed ({@link UncompressedCopy}), which the SDK's OpenCV stand-in can decode.
 *
 * <p>Both sides are timed from inside Weasis by the probe's {@code probe:timing}, given just before the load
 * command: first image shown (a view displays decoded pixels of the study) and all images in the viewer. Our
 * side also has the log contract's lines, {@code ms} counted from {@code progressive:rs}: its first image
 * version and its last "series done" (all images final). Bytes are those the shaper passed down during the
 * load. Screenshots are taken at the end only, so that {@code import} does not slow a load it measures.
 */
final class SideBySide {
  private static final Duration START = Duration.ofMinutes(3);
  private static final Duration LOAD = Duration.ofMinutes(5);
  /** After start-up, before the command: the user clicks a link in a Weasis that is up. */
  private static final Duration SETTLE = Duration.ofSeconds(3);
  private static final Pattern SHOWN = Pattern.compile("probe shown study=\\S+ ms=(\\d+) series=\\S+?\\.(\\d+) rows=(\\d+) columns=(\\d+)");
  /** CPU time Weasis' event thread ran from the command to the first image shown (probe's line). */
  private static final Pattern EDT_CPU = Pattern.compile("edt-cpu=(\\d+)");
  private static final Pattern LOADED = Pattern.compile("probe loaded study=\\S+ images=\\d+ ms=(\\d+)");
  private static final Pattern IMAGE = Pattern.compile("progressive image series=\\S+ index=\\d+ .* ms=(\\d+)");
  private static final Pattern DONE = Pattern.compile(
      "progressive series done series=\\S+ final=(\\d+) errors=(\\d+) ms=(\\d+)");
  private static final String STOCK_DONE = "*PERF* Downloading, type:";
  /** Weasis' line when one of its series loads ends, with the series' image count and errors. */
  private static final Pattern STOCK_END = Pattern.compile("Downloading, type:.* nbImages:(\\d+) .* errors:(\\d+)");

  /** One side's figures; -1 where the log did not say. */
  record Side(String command, long firstShownMs, String firstShown, long allInViewerMs, long bytesDown,
      long firstVersionMs, long allFinalMs, int finalImages, int errors, List<String> phases, long eventThreadCpuMs) {}

  /**
   * The three sides and what they were measured on: Weasis' {@code dicom:rs} without our package
   * ({@code stockAlone}) and with it ({@code stock}: our bundles' warm-ups also warm Weasis' own path), and ours.
   */
  record Figures(String study, LinkProfile profile, long plainBytes, Viewer viewer, Side stockAlone, Side stock,
      Side ours) {
    /** The time our bytes need at the link's down rate. */
    double wireMsOfOurBytes() {
      return LinkShaper.wireSeconds(ours.bytesDown(), profile, 0) * 1000;
    }

    double firstRatio() {
      return (double) ours.firstVersionMs() / stock.firstShownMs();
    }

    double firstShownRatio() {
      return (double) ours.firstShownMs() / stock.firstShownMs();
    }

    double firstShownRatioAlone() {
      return (double) ours.firstShownMs() / stockAlone.firstShownMs();
    }

    double allFinalOverWire() {
      return ours.allFinalMs() / wireMsOfOurBytes();
    }

    String table() {
      StringBuilder t = new StringBuilder();
      t.append(String.format(Locale.ROOT, "Side by side in real Weasis 4.7.2 (SDK), %s, link %s, %s%n", study,
          profile.describe(), viewer == Viewer.WARM ? "warm viewer (a small study opened and closed first)"
              : "cold viewer (the first study since start-up)"));
      t.append(String.format(Locale.ROOT, "%-28s %18s %20s %18s %14s%n", "", "first image shown",
          "all images loaded", "all images final", "bytes down"));
      t.append(String.format(Locale.ROOT, "%-28s %15d ms %17d ms %15d ms %14s%n", "stock dicom:rs, no package",
          stockAlone.firstShownMs(), stockAlone.allInViewerMs(), stockAlone.allInViewerMs(),
          mb(stockAlone.bytesDown())));
      t.append(String.format(Locale.ROOT, "%-28s %15d ms %17d ms %15d ms %14s%n", "stock dicom:rs, our package",
          stock.firstShownMs(), stock.allInViewerMs(), stock.allInViewerMs(), mb(stock.bytesDown())));
      t.append(String.format(Locale.ROOT, "%-28s %15d ms %17d ms %15d ms %14s%n", "progressive:rs",
          ours.firstShownMs(), ours.allInViewerMs(), ours.allFinalMs(), mb(ours.bytesDown())));
      t.append(String.format(Locale.ROOT, "first image shown: stock %s, ours %s%n", stock.firstShown(),
          ours.firstShown()));
      t.append(String.format(Locale.ROOT, "Weasis' event thread ran (CPU) from the command to the first image shown:"
          + " stock, no package %d ms; stock, our package %d ms; ours %d ms%n", stockAlone.eventThreadCpuMs(),
          stock.eventThreadCpuMs(), ours.eventThreadCpuMs()));
      t.append(String.format(Locale.ROOT,
          "stock: uncompressed copy (Explicit VR Little Endian, %s in multipart/related application/dicom "
              + "series bodies) from the same server and link%n", mb(plainBytes)));
      t.append(String.format(Locale.ROOT,
          "ours: first image version (log line) %d ms = %.3f x stock's first shown (target <= 0.2: %s), %.3f x"
              + " stock's without our package; first shown %.3f x stock's (with our package), %.3f x stock's"
              + " without it%n", ours.firstVersionMs(), firstRatio(), met(firstRatio() <= 0.2),
          (double) ours.firstVersionMs() / stockAlone.firstShownMs(), firstShownRatio(), firstShownRatioAlone()));
      t.append(String.format(Locale.ROOT,
          "ours: all final %d ms = %.3f x the wire time of our bytes, %.0f ms (target <= 1.10: %s)%n",
          ours.allFinalMs(), allFinalOverWire(), wireMsOfOurBytes(), met(allFinalOverWire() <= 1.10)));
      t.append(String.format(Locale.ROOT, "stock, no package:%n"));
      stockAlone.phases().forEach(line -> t.append(line).append(System.lineSeparator()));
      t.append(String.format(Locale.ROOT, "stock, our package:%n"));
      stock.phases().forEach(line -> t.append(line).append(System.lineSeparator()));
      t.append(String.format(Locale.ROOT, "ours, where the time went:%n"));
      ours.phases().forEach(line -> t.append(line).append(System.lineSeparator()));
      return t.toString();
    }

    /** One line per round, then the medians: first shown of each side, and ours against stock's without our package. */
    static String rounds(List<Figures> rounds) {
      StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%d rounds, first image shown (ms) and ours over"
          + " stock's without our package%n%-8s %12s %12s %14s %12s %14s %14s %12s%n", rounds.size(), "round",
          "stock alone", "stock", "ours version", "ours shown", "version ratio", "shown ratio", "final/wire"));
      for (int i = 0; i < rounds.size(); i++) {
        Figures f = rounds.get(i);
        t.append(String.format(Locale.ROOT, "%-8d %12d %12d %14d %12d %14.3f %14.3f %12.3f%n", i + 1,
            f.stockAlone().firstShownMs(), f.stock().firstShownMs(), f.ours().firstVersionMs(),
            f.ours().firstShownMs(), (double) f.ours().firstVersionMs() / f.stockAlone().firstShownMs(),
            f.firstShownRatioAlone(), f.allFinalOverWire()));
      }
      t.append(String.format(Locale.ROOT, "%-8s %12.0f %12.0f %14.0f %12.0f %14.3f %14.3f %12.3f%n", "median",
          median(rounds, f -> f.stockAlone().firstShownMs()), median(rounds, f -> f.stock().firstShownMs()),
          median(rounds, f -> f.ours().firstVersionMs()), median(rounds, f -> f.ours().firstShownMs()),
          median(rounds, f -> (double) f.ours().firstVersionMs() / f.stockAlone().firstShownMs()),
          median(rounds, Figures::firstShownRatioAlone), median(rounds, Figures::allFinalOverWire)));
      return t.toString();
    }

    private static double median(List<Figures> rounds, java.util.function.ToDoubleFunction<Figures> value) {
      double[] v = rounds.stream().mapToDouble(value).sorted().toArray();
      return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String met(boolean met) {
      return met ? "met" : "NOT met";
    }

    private static String mb(long bytes) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
  }

  /**
   * How each side's Weasis meets the measured study: {@code COLD}, its first study since start-up (the 2D
   * viewer opens for the first time in the JVM); {@code WARM}, after a small other study was opened the same
   * way and closed (the viewer's classes, icons and first paint are paid already).
   */
  enum Viewer { COLD, WARM }

  /** The small study of a warm side: its images' side and count per series. */
  private static final int WARM_SIZE = 64;
  private static final int WARM_IMAGES = 2;

  private final WeasisSetup setup;
  private final Path out;
  private final Viewer viewer;

  SideBySide(WeasisSetup setup, Path out, Viewer viewer) {
    this.setup = setup;
    this.out = out;
    this.viewer = viewer;
  }

  /** Writes the study and its copy, serves them behind {@code profile}, and loads it three ways. */
  Figures run(String studyUid, int singleSize, int stackImages, int stackSize, LinkProfile profile)
      throws Exception {
    Files.createDirectories(out);
    Path data = Files.createTempDirectory("side-by-side-study");
    try {
      TestStudy study = TestStudy.write(data.resolve("htj2k"), studyUid, singleSize, stackImages, stackSize);
      long plainBytes = UncompressedCopy.write(data.resolve("plain"), study);
      Warm warm = null;
      if (viewer == Viewer.WARM) {
        TestStudy small = TestStudy.write(data.resolve("htj2k-warm"), studyUid + "9", WARM_SIZE, WARM_IMAGES,
            WARM_SIZE);
        UncompressedCopy.write(data.resolve("plain-warm"), small);
        warm = new Warm(small);
      }
      String what = String.format(Locale.ROOT, "study of 1 image %d² and %d images %d²", singleSize, stackImages,
          stackSize);
      try (StaticDicomWebServer server = StaticDicomWebServer.start(data, "127.0.0.1", 0).gunzipForClientsWithoutGzip();
          LinkShaper shaper = LinkShaper.start(profile, "127.0.0.1", 0, "127.0.0.1", server.port());
          VirtualDisplay display = VirtualDisplay.start(out.resolve("xvfb.log"))) {
        String url = "http://127.0.0.1:" + shaper.port();
        Side stockAlone = load(stockAloneSetup(), display, shaper, study, warm, "stock-alone", stock(url, studyUid));
        Side stock = load(setup, display, shaper, study, warm, "stock", stock(url, studyUid));
        Side ours = load(setup, display, shaper, study, warm, "progressive", List.of("$progressive:rs", "--url",
            url + "/htj2k", "-r", "studyUID=" + studyUid));
        lastRequests = server.requests().stream().map(r -> r.path()).toList();
        Figures figures = new Figures(what, profile, plainBytes, viewer, stockAlone, stock, ours);
        Files.writeString(out.resolve("figures.txt"), figures.table());
        return figures;
      }
    } finally {
      Trees.delete(data);
    }
  }

  private static List<String> stock(String url, String studyUid) {
    return List.of("$dicom:rs", "--url", url + "/plain", "-r", "studyUID=" + studyUid);
  }

  /** The small study a warm side opens and closes before the measured one. */
  private record Warm(TestStudy study) {
    List<String> command(List<String> measured) {
      List<String> command = new ArrayList<>();
      for (String arg : measured) {
        command.add(arg.replace("/plain", "/plain-warm").replace("/htj2k", "/htj2k-warm")
            .replace("studyUID=" + measuredUid(measured), "studyUID=" + study.studyUid()));
      }
      return command;
    }

    private static String measuredUid(List<String> command) {
      return command.getLast().substring("studyUID=".length());
    }
  }

  /**
   * The same Weasis and probe without our package (an empty one in its place): Weasis as its users have it,
   * since our bundles' warm-ups also warm what Weasis' own loading uses.
   */
  private WeasisSetup stockAloneSetup() throws IOException {
    Path empty = out.resolve("no-package");
    Files.createDirectories(empty.resolve("bundle"));
    Files.createDirectories(empty.resolve("conf"));
    Files.writeString(empty.resolve(WeasisLaunch.PACKAGE_CONFIG), "{\"weasisPreferences\": []}\n");
    return new WeasisSetup(setup.weasisDir(), empty, setup.probeJar());
  }

  private List<String> lastRequests = List.of();

  /** The paths the server was asked for during the last run, in order. */
  List<String> requests() {
    return lastRequests;
  }

  private Side load(WeasisSetup weasisSetup, VirtualDisplay display, LinkShaper shaper, TestStudy study, Warm warm,
      String name, List<String> command) throws Exception {
    Path dir = out.resolve(name);
    try (RunningWeasis weasis = RunningWeasis.start(weasisSetup, display, dir, List.of("$probe:bundles"))) {
      await(weasis, "probe bundles done", START, 0);
      Thread.sleep(SETTLE.toMillis());
      if (warm != null) {
        openAndClose(weasis, warm, command);
      }
      int from = weasis.output().count();
      long before = shaper.bytesDown();
      List<String> commands = new ArrayList<>(List.of("$probe:timing", study.studyUid(),
          String.valueOf(study.images())));
      commands.addAll(command);
      weasis.send(commands);
      String shown = await(weasis, "probe shown study=" + study.studyUid(), LOAD, from);
      String loaded = await(weasis, "probe loaded study=" + study.studyUid(), LOAD, from);
      boolean ours = command.getFirst().equals("$progressive:rs");
      List<String> ends = weasis.output().awaitCount(l -> l.contains(ours ? "progressive series done" : STOCK_DONE),
          study.series().size(), LOAD, from);
      long bytes = shaper.bytesDown() - before;
      Thread.sleep(SETTLE.toMillis()); // the views paint the last versions
      weasis.screenshot(name + "-all-final");
      List<String> lines = weasis.output().snapshot(from);
      long firstVersion = ours ? min(lines, IMAGE) : -1;
      long allFinal = -1;
      int finals = 0;
      int errors = 0;
      for (String end : ends) {
        Matcher m = (ours ? DONE : STOCK_END).matcher(end);
        if (m.find()) {
          finals += Integer.parseInt(m.group(1));
          errors += Integer.parseInt(m.group(2));
          allFinal = ours ? Math.max(allFinal, Long.parseLong(m.group(3))) : allFinal;
        }
      }
      Matcher first = SHOWN.matcher(shown);
      String firstShown = first.find() ? "series " + first.group(2) + ", " + first.group(4) + "x" + first.group(3) : "?";
      long shownMs = number(shown, SHOWN);
      return new Side(command.getFirst(), shownMs, firstShown, number(loaded, LOADED), bytes, firstVersion,
          ours ? allFinal : number(loaded, LOADED), finals, errors, ours ? Phases.of(lines, shownMs) : Phases.stock(lines),
          number(shown, EDT_CPU));
    }
  }

  /**
   * Opens the small study the way the measured one will be, waits until it is shown and loaded, then closes it
   * ({@code dicom:close -a}) and waits until Weasis has no viewer open: the measured study then opens the 2D
   * viewer a second time in this JVM.
   */
  private static void openAndClose(RunningWeasis weasis, Warm warm, List<String> measured) throws Exception {
    String uid = warm.study().studyUid();
    List<String> commands = new ArrayList<>(List.of("$probe:timing", uid, String.valueOf(warm.study().images())));
    commands.addAll(warm.command(measured));
    weasis.send(commands);
    await(weasis, "probe loaded study=" + uid, LOAD, 0);
    await(weasis, "probe shown study=" + uid, LOAD, 0);
    boolean ours = measured.getFirst().equals("$progressive:rs");
    weasis.output().awaitCount(l -> l.contains(ours ? "progressive series done" : STOCK_DONE),
        warm.study().series().size(), LOAD, 0);
    int from = weasis.output().count();
    weasis.send(List.of("$dicom:close", "-a", "$probe:viewers"));
    await(weasis, "probe viewers count=0", LOAD, from);
    Thread.sleep(SETTLE.toMillis()); // the closed viewer's last events run, as a user reads the next link
  }

  private static String await(RunningWeasis weasis, String text, Duration timeout, int from) throws Exception {
    return weasis.output().await(l -> l.contains(text), timeout, from)
        .orElseThrow(() -> new AssertionError("Weasis did not log \"" + text + "\" within " + timeout));
  }

  private static long number(String line, Pattern pattern) {
    Matcher m = pattern.matcher(line);
    if (!m.find()) {
      throw new AssertionError("unexpected line: " + line);
    }
    return Long.parseLong(m.group(1));
  }

  private static long min(List<String> lines, Pattern pattern) {
    OptionalLong min = lines.stream().map(pattern::matcher).filter(Matcher::find)
        .mapToLong(m -> Long.parseLong(m.group(1))).min();
    return min.orElse(-1);
  }
}
