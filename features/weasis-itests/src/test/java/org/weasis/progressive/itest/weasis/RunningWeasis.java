package org.weasis.progressive.itest.weasis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.weasis.progressive.cli.WeasisLaunch;

/**
 * The SDK's Weasis started under a virtual display with our package, the probe bundle and a fresh
 * {@code user.home}; its console output is followed line by line. Later commands go to the running instance
 * the way a second {@code weasis://} launch does: a second launcher with the same configuration hands them over.
 */
final class RunningWeasis implements AutoCloseable {
  private static final Duration HAND_OVER = Duration.ofSeconds(60);
  private final WeasisLaunch launch;
  private final VirtualDisplay display;
  private final Process process;
  private final LogLines output;
  private final Path outputDir;

  private RunningWeasis(WeasisLaunch launch, VirtualDisplay display, Process process, LogLines output, Path outputDir) {
    this.launch = launch;
    this.display = display;
    this.process = process;
    this.output = output;
    this.outputDir = outputDir;
  }

  /** Starts Weasis with {@code commands} as launcher arguments; its output goes to {@code outputDir/weasis.log}. */
  static RunningWeasis start(WeasisSetup setup, VirtualDisplay display, Path outputDir, List<String> commands)
      throws IOException {
    Files.createDirectories(outputDir);
    Path home = Files.createTempDirectory("weasis-itest-home");
    WeasisLaunch launch = new WeasisLaunch(setup.weasisDir(), setup.packageDir(), home, List.of(setup.probeJar()),
        Map.of(), commands);
    ProcessBuilder builder = launch.processBuilder().redirectErrorStream(true);
    builder.environment().put("DISPLAY", display.name());
    if (Boolean.getBoolean("weasis.jfr")) {
      // -Dweasis.jfr=true: a flight recording of the run (profile settings, every JIT compile), written when
      // Weasis stops.
      builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=dumponexit=true,settings=profile,"
          + "jdk.ExecutionSample#period=2ms,jdk.Compilation#threshold=0ms,filename="
          + outputDir.resolve("weasis.jfr").toAbsolutePath());
    }
    Process process = builder.start();
    LogLines output = LogLines.follow(process.getInputStream(), outputDir.resolve("weasis.log"));
    return new RunningWeasis(launch, display, process, output, outputDir);
  }

  LogLines output() {
    return output;
  }

  /** The process id of Weasis' JVM. */
  long pid() {
    return process.pid();
  }

  /** Weasis' own log file under the run's user.home. */
  Path logFile() {
    return launch.logFile();
  }

  /** Hands {@code commands} (launcher arguments, e.g. "$probe:pixels", "1.2.3") to the running Weasis. */
  void send(List<String> commands) throws IOException, InterruptedException {
    WeasisLaunch second = new WeasisLaunch(launch.weasisDir(), launch.packageDir(), launch.userHome(),
        launch.extraBundles(), Map.of(), commands);
    ProcessBuilder builder = second.processBuilder().redirectErrorStream(true)
        .redirectOutput(outputDir.resolve("hand-over.log").toFile());
    builder.environment().put("DISPLAY", display.name());
    Process p = builder.start();
    if (!p.waitFor(HAND_OVER.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("The second launcher did not hand its commands over within " + HAND_OVER);
    }
  }

  void screenshot(String name) throws IOException, InterruptedException {
    display.screenshot(outputDir.resolve(name + ".png"));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // Keep Weasis' own log beside the console copy, then drop the temporary user.home.
    if (Files.isRegularFile(logFile())) {
      Files.copy(logFile(), outputDir.resolve("default.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Trees.delete(launch.userHome());
  }
}
