package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Acceptance point 4 of the demo viewer: the demo — bundles in Felix — opens its real window on a virtual X
 * display, shows a loaded stack and a FULL_RESOLUTION badge; Settings shows the preferences panel listing the
 * demo node, and a preset applied there is what the reload uses. The screenshots stay in target/ for review.
 * The window runs in a child JVM so this (possibly headless) test JVM never starts AWT.
 */
class ViewerWindowXvfbTest {
  private static final int IMAGES = ViewerScreenshotMain.IMAGES;

  private static final Path TARGET = Path.of("target");

  @Test
  void theDemoInFelixShowsTheLoadedStackAndItsSettingsOnARealDisplay() throws Exception {
    Files.createDirectories(TARGET);
    Path png = TARGET.resolve("viewer-screenshot.png");
    Path settingsPng = TARGET.resolve("settings-screenshot.png");
    Files.deleteIfExists(png);
    Files.deleteIfExists(settingsPng);
    try (VirtualDisplay display = VirtualDisplay.start(TARGET.resolve("xvfb.log"))) {
      Path log = TARGET.resolve("viewer-screenshot.log");
      int exit = runViewer(display.name(), List.of(png, settingsPng, TARGET.resolve("demo-data")), log);
      String output = Files.readString(log);
      assertEquals(0, exit, "the viewer's child JVM failed:\n" + output);
      Map<String, String> result = parseResult(output);
      assertTrue(Files.size(png) > 0, "no screenshot at " + png);
      assertTrue(Files.size(settingsPng) > 0, "no screenshot at " + settingsPng);
      assertTrue(result.get("badge").contains("FULL_RESOLUTION"), "badge: " + result.get("badge"));
      assertEquals(IMAGES + " / " + IMAGES + " final", result.get("progress"));
      assertTrue(result.get("scrolled").startsWith("image 4/" + IMAGES), "wheel did not scroll: " + result.get("scrolled"));
      assertTrue(result.get("settingsNode").contains(DemoSession.NODE_NAME), "panel: " + result.get("settingsNode"));
      assertTrue(result.get("settingsNode").matches(".*Test node series [0-9.]+\\.[0-9]+$"),
          "the shown series' UID is not offered to Test node: " + result.get("settingsNode"));
      String reloaded = result.get("reloaded");
      assertTrue(reloaded.contains("sequential preset") && reloaded.contains(IMAGES + " final")
          && reloaded.contains("lossySequential") && reloaded.contains("FULL_RESOLUTION"), "reload: " + reloaded);
      int min = Integer.parseInt(result.get("min"));
      int max = Integer.parseInt(result.get("max"));
      double lit = Double.parseDouble(result.get("nonBackground"));
      assertTrue(max > min, "the image area is uniform (min " + min + ", max " + max + ")");
      assertTrue(lit > 0.05, "only " + lit + " of the image area differs from the background");
    }
  }

  @Test
  void aDisplayThatCannotBeReachedFallsBackToTheTimeline() throws Exception {
    // A stale DISPLAY (an ssh session's forwarding gone) made AWT throw an AWTError out of main.
    Path data = Files.createDirectories(TARGET.resolve("unreachable-display-data"));
    Path log = TARGET.resolve("unreachable-display.log");
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Djava.awt.headless=false",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "demo", "--images", "2", "--size", "16", "--single-size", "0", "--net", "local",
        "--data", data.toString());
    pb.environment().put("DISPLAY", unusedDisplay());
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("the demo did not finish in 120 s:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("demo: cannot open a window: Can't connect to X11 window server")
        && output.contains("printing the timeline instead"), output);
    assertTrue(output.contains("2 of 2 images final"), output);
  }

  /** A display number no X server listens on. */
  private static String unusedDisplay() {
    for (int n = 250; n < 300; n++) {
      if (Files.notExists(Path.of("/tmp/.X11-unix/X" + n)) && Files.notExists(Path.of("/tmp/.X" + n + "-lock"))) {
        return ":" + n;
      }
    }
    throw new AssertionError("no free display number from :250 to :299");
  }

  /** Runs ViewerScreenshotMain in a child JVM on {@code display}; returns its exit code. */
  private static int runViewer(String display, List<Path> args, Path log) throws Exception {
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow",
        "-Djava.awt.headless=false", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), ViewerScreenshotMain.class.getName()));
    args.forEach(a -> command.add(a.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DISPLAY", display);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("the viewer did not finish in 180 s:\n" + Files.readString(log));
    }
    return p.exitValue();
  }

  /** The key=value pairs of the child's RESULT line. */
  private static Map<String, String> parseResult(String output) {
    String line = output.lines().filter(l -> l.startsWith(ViewerScreenshotMain.RESULT)).findFirst().orElse(null);
    assertNotNull(line, "the viewer printed no RESULT line:\n" + output);
    System.out.println(line);
    Map<String, String> values = new HashMap<>();
    for (String pair : line.substring(ViewerScreenshotMain.RESULT.length()).split("\\|")) {
      int eq = pair.indexOf('=');
      values.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return values;
  }
}
