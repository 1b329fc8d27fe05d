package org.weasis.progressive.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** An Xvfb server started for one test, so real windows can be opened and captured on a machine without a screen. */
final class VirtualDisplay implements AutoCloseable {
  private static final Path SOCKETS = Path.of("/tmp/.X11-unix");
  private final Process process;
  private final int number;

  private VirtualDisplay(Process process, int number) {
    this.process = process;
    this.number = number;
  }

  /** Starts Xvfb on the first free display from :90 and waits until it accepts connections. */
  static VirtualDisplay start(Path log) throws IOException, InterruptedException {
    String xvfb = findOnPath("Xvfb");
    if (xvfb == null) {
      throw new AssertionError("Xvfb is not installed (Debian package xvfb); the real-window test needs it");
    }
    for (int n = 90; n < 140; n++) {
      if (inUse(n)) {
        continue;
      }
      Process p = new ProcessBuilder(xvfb, ":" + n, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (awaitSocket(p, n, 10_000)) {
        return new VirtualDisplay(p, n);
      }
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    throw new AssertionError("Xvfb did not start on any display from :90 to :139; see " + log);
  }

  String name() {
    return ":" + number;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static boolean inUse(int n) {
    return Files.exists(SOCKETS.resolve("X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"));
  }

  /** True once the server's socket exists; false if the server exits first or the deadline passes. */
  private static boolean awaitSocket(Process p, int n, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        return false;
      }
      if (Files.exists(SOCKETS.resolve("X" + n))) {
        return true;
      }
      Thread.sleep(25);
    }
    return false;
  }

  private static String findOnPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
