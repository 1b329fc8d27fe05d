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
 * Acceptance point 4 of the demo viewer: the real window, on a virtual X display, shows a loaded stack and a
 * FULL_RESOLUTION badge; the screenshot stays in target/ for review. The window runs in a child JVM so this
 * (possibly headless) test JVM never starts AWT.
 */
class ViewerWindowXvfbTest {
  private static final Path TARGET = Path.of("target");

  @Test
  void viewerShowsTheLoadedStackOnARealDisplay() throws Exception {
    Files.createDirectories(TARGET);
    Path png = TARGET.resolve("viewer-screenshot.png");
    Files.deleteIfExists(png);
    try (VirtualDisplay display = VirtualDisplay.start(TARGET.resolve("xvfb.log"))) {
      Path log = TARGET.resolve("viewer-screenshot.log");
      int exit = runViewer(display.name(), png, log);
      String output = Files.readString(log);
      assertEquals(0, exit, "the viewer's child JVM failed:\n" + output);
      Map<String, String> result = parseResult(output);
      assertTrue(Files.size(png) > 0, "no screenshot at " + png);
      assertTrue(result.get("badge").contains("FULL_RESOLUTION"), "badge: " + result.get("badge"));
      assertTrue(result.get("scrolled").startsWith("image 4/12"), "wheel did not scroll: " + result.get("scrolled"));
      int min = Integer.parseInt(result.get("min"));
      int max = Integer.parseInt(result.get("max"));
      double lit = Double.parseDouble(result.get("nonBackground"));
      assertTrue(max > min, "the image area is uniform (min " + min + ", max " + max + ")");
      assertTrue(lit > 0.05, "only " + lit + " of the image area differs from the background");
    }
  }

  /** Runs ViewerScreenshotMain in a child JVM on {@code display}; returns its exit code. */
  private static int runViewer(String display, Path png, Path log) throws Exception {
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
        "-Djava.awt.headless=false", "-cp", System.getProperty("java.class.path"),
        ViewerScreenshotMain.class.getName(), png.toString()));
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
