package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.QidoLists;
import org.weasis.progressive.testsupport.study.StudyWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.weasis.progressive.netshape.LinkShaper;
import org.weasis.progressive.server.StaticDicomWebServer;

/**
 * The demo in real Weasis: the demo's study on the local server behind the shaped link, a Weasis DICOMweb
 * node for it in a fresh {@code user.home}, and the study opened with {@code progressive:rs}.
 */
final class WeasisDemo {
  static final String NODE_NAME = "Local demo server";

  private final PrintStream log;
  private final Path weasisDir;
  private final Path packageDir;

  private WeasisDemo(PrintStream log, Path weasisDir, Path packageDir) {
    this.log = log;
    this.weasisDir = weasisDir;
    this.packageDir = packageDir;
  }

  /** The demo in the Weasis of {@code weasisDir} with the package built under {@code packages}, or why not. */
  static Availability find(Path weasisDir, Path packages, PrintStream log) {
    if (!Files.isRegularFile(weasisDir.resolve("weasis-launcher.jar"))) {
      return new Availability(null, "no Weasis distribution at " + weasisDir);
    }
    try {
      return new Availability(new WeasisDemo(log, weasisDir, WeasisCommand.builtPackage(packages)), null);
    } catch (UsageException | IOException e) {
      return new Availability(null, "our Weasis package is not built (" + packages + ")");
    }
  }

  /** A demo to run, or the reason (one line) why there is none. */
  record Availability(WeasisDemo demo, String reason) {}

  /** Runs until the user closes Weasis; returns Weasis' exit code. */
  int run(DemoSession.Options options) throws IOException, InterruptedException {
    Path root = options.dataRoot().resolve(options.singleSize() + "-" + options.stackImages() + "x"
        + options.stackSize());
    BenchData data = BenchData.plan(root, options.singleSize(), options.stackImages(), options.stackSize())
        .prepare(log);
    List<StudyWriter.Spec> series = new ArrayList<>();
    if (data.single() != null) {
      series.add(data.single());
    }
    series.add(data.stack());
    QidoLists.write(root, BenchData.STUDY, series);
    Path home = Files.createTempDirectory("weasis-demo-home");
    // Weasis' own DICOMweb client (which progressive:rs may use to query) reads no Content-Encoding.
    try (StaticDicomWebServer server =
            StaticDicomWebServer.start(root, "127.0.0.1", 0).gunzipForClientsWithoutGzip();
        LinkShaper shaper = LinkShaper.start(options.link(), "127.0.0.1", 0, "127.0.0.1", server.port())) {
      String url = "http://127.0.0.1:" + shaper.port();
      writeNodeList(home, url);
      log.println("Local DICOMweb server " + server.baseUrl() + ", reached through "
          + DemoCommand.linkWords(options.link()) + " at " + url);
      log.println("Weasis " + weasisDir.toAbsolutePath().normalize() + " with our package; its DICOMweb node list"
          + " holds \"" + NODE_NAME + "\", progressive on (File > Preferences > DICOM > Progressive loading)");
      log.println("Opening the study with: $progressive:rs --url " + url + " -r studyUID=" + BenchData.STUDY
          + "   (close Weasis to end the demo)");
      WeasisLaunch launch = new WeasisLaunch(weasisDir, packageDir, home, List.of(), Map.of(), commands(url));
      Process weasis = launch.processBuilder().inheritIO().start();
      Thread hook = new Thread(() -> stop(weasis), "stop-weasis-demo");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        return weasis.waitFor();
      } finally {
        stop(weasis);
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // Shutting down: the hook stops Weasis.
        }
      }
    } finally {
      DemoCommand.deleteQuietly(home);
    }
  }

  /**
   * The launcher's commands: progressive turned on for the demo's node in our store, as its checkbox on the
   * preferences page would (so the user finds it on there), then the study opened from that node.
   */
  static List<String> commands(String url) {
    return List.of("$progressive:enable", "--url", url,
        "$progressive:rs", "--url", url, "-r", "studyUID=" + BenchData.STUDY);
  }

  /** Weasis' DICOMweb node list (read from user.home at start) with one node for the local server. */
  static void writeNodeList(Path home, String url) throws IOException {
    Path file = home.resolve(".weasis/data/weasis-dicom-explorer/dicomWebNodes.xml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nodes><node description=\"" + NODE_NAME
        + "\" type=\"WEB\" usageType=\"BOTH\" tsuid=\"\" url=\"" + url + "\" webtype=\"DICOMWEB\" auth=\"\""
        + " headers=\"\"/></nodes>", StandardCharsets.UTF_8);
  }

  private static void stop(Process weasis) {
    weasis.destroy();
    try {
      if (!weasis.waitFor(30, TimeUnit.SECONDS)) {
        weasis.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
