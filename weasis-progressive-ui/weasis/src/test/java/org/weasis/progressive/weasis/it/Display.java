package org.weasis.progressive.weasis.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An Xvfb display of this test's own range (:250-:299, or 50 from {@code -Dit.display.base=N}), and screenshots of
 * it with ImageMagick's import.
 */
final class Display implements AutoCloseable {
  private static final Path SOCKETS = Path.of("/tmp/.X11-unix");
  private final Process xvfb;
  private final String name;

  private Display(Process xvfb, String name) {
    this.xvfb = xvfb;
    this.name = name;
  }

  static Display start(Path log) throws IOException, InterruptedException {
    int base = Integer.getInteger("it.display.base", 250);
    for (int n = base; n < base + 50; n++) {
      if (Files.exists(SOCKETS.resolve("X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
        continue;
      }
      Process p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1400x1000x24", "-nolisten", "tcp")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (p.isAlive() && System.nanoTime() < deadline) {
        if (Files.exists(SOCKETS.resolve("X" + n))) {
          return new Display(p, ":" + n);
        }
        Thread.sleep(25);
      }
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    throw new AssertionError("Xvfb (Debian package xvfb) did not start on any display from :" + base + " to :"
        + (base + 49) + "; see " + log);
  }

  String name() {
    return name;
  }

  /** The whole screen as a PNG, for a person to review. */
  void screenshot(Path png) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("import", "-window", "root", png.toString()).redirectErrorStream(true);
    builder.environment().put("DISPLAY", name);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(png)) {
      throw new AssertionError("import (imagemagick) could not take " + png + ": " + output);
    }
  }

  @Override
  public void close() throws InterruptedException {
    xvfb.destroy();
    if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
      xvfb.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
