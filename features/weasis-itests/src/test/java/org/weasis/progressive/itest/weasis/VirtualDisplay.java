package org.weasis.progressive.itest.weasis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An Xvfb server for one test class. {@code -displayfd 1} makes Xvfb pick a free display itself and write its
 * number to its standard output once it accepts connections: no display is guessed, none is polled for.
 */
final class VirtualDisplay implements AutoCloseable {
  private final Process process;
  private final String name;

  private VirtualDisplay(Process process, String name) {
    this.process = process;
    this.name = name;
  }

  static VirtualDisplay start(Path log) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
        .redirectError(log.toFile()).start();
    CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> firstLine(p));
    try {
      String n = number.get(30, TimeUnit.SECONDS);
      if (n == null || !n.strip().matches("\\d+")) {
        throw new IOException("Xvfb did not report a display (got " + n + "); see " + log);
      }
      return new VirtualDisplay(p, ":" + n.strip());
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      throw new IOException("Xvfb did not start within 30 s; see " + log, e);
    }
  }

  private static String firstLine(Process p) {
    try {
      return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    } catch (IOException e) {
      return null;
    }
  }

  /** The DISPLAY value, e.g. ":3". */
  String name() {
    return name;
  }

  /** Writes a PNG of the whole screen (ImageMagick's import). */
  void screenshot(Path png) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("import", "-display", name, "-window", "root", png.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("import could not capture " + name + " to " + png);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
