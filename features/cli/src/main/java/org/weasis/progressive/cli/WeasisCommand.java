package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./progressive weasis}: runs a Weasis distribution with our package installed, in the foreground,
 * until Weasis exits.
 */
final class WeasisCommand {
  static final String HELP = """
      Usage: ./progressive weasis [--weasis DIR] [--user-home DIR] [--package DIR] [-- LAUNCHER-ARGS...]

      Starts Weasis 4.7 from the distribution DIR (default ../shared/weasis-sdk/weasis) with our package
      (default: the one the build writes to features/weasis-package/target) installed through an extended
      configuration, without changing DIR. The start-up dialogs are off and the log is also written to
      USER-HOME/.weasis/log/default.log. USER-HOME is a fresh temporary directory, deleted when Weasis exits,
      unless --user-home names one (kept: Weasis' preferences, node list and our node settings live there).
      Everything after -- goes to the Weasis launcher as is: commands start with $, e.g.
        ./progressive weasis -- '$progressive:rs' --url http://host/dicom-web -r 'studyUID=1.2.3'
      """;
  static final Path DEFAULT_WEASIS = Path.of("..", "shared", "weasis-sdk", "weasis");
  static final Path PACKAGES = Path.of("features", "weasis-package", "target");

  private final PrintStream out;
  private final PrintStream err;

  WeasisCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) throws IOException, InterruptedException {
    int dashes = Arrays.asList(args).indexOf("--");
    List<String> launcherArgs = dashes < 0 ? List.of() : List.of(args).subList(dashes + 1, args.length);
    Args options = new Args("weasis", dashes < 0 ? args : Arrays.copyOfRange(args, 0, dashes));
    if (options.flag("--help")) {
      out.print(HELP);
      return 0;
    }
    Path weasis = Path.of(orDefault(options.option("--weasis"), DEFAULT_WEASIS.toString()));
    String home = options.option("--user-home");
    String pkg = options.option("--package");
    options.requireNoMore();
    Path packageDir = pkg != null ? Path.of(pkg) : builtPackage(PACKAGES);
    Path userHome = home != null ? Path.of(home) : Files.createTempDirectory("weasis-home");
    WeasisLaunch launch = new WeasisLaunch(weasis, packageDir, userHome, List.of(), Map.of(), launcherArgs);
    ProcessBuilder builder;
    try {
      builder = launch.processBuilder().inheritIO();
    } catch (IllegalArgumentException e) {
      if (home == null) {
        StudyWriter.deleteTree(userHome);
      }
      throw new UsageException("weasis: " + e.getMessage());
    }
    err.println("Weasis " + weasis.toAbsolutePath().normalize() + " with " + packageDir.toAbsolutePath().normalize()
        + ", user.home " + userHome.toAbsolutePath() + (home == null ? " (temporary)" : ""));
    Process weasisProcess = builder.start();
    // Stopped with Ctrl-C or a signal, this tool stops Weasis too and deletes the temporary user.home.
    Runnable cleanUp = () -> stop(weasisProcess, home == null ? userHome : null);
    Thread hook = new Thread(cleanUp, "stop-weasis");
    Runtime.getRuntime().addShutdownHook(hook);
    int code = weasisProcess.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      return code; // Shutting down: the hook stops Weasis and cleans up.
    }
    cleanUp.run();
    return code;
  }

  /** Stops Weasis (its own shutdown closes the framework) and deletes {@code temporaryHome} when not null. */
  private void stop(Process weasisProcess, Path temporaryHome) {
    try {
      weasisProcess.destroy();
      if (!weasisProcess.waitFor(30, TimeUnit.SECONDS)) {
        weasisProcess.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      if (temporaryHome != null) {
        StudyWriter.deleteTree(temporaryHome);
      }
    } catch (IOException e) {
      err.println("weasis: could not delete " + temporaryHome + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The package directory the build wrote (the one holding ext-progressive.json), or a clear error. */
  static Path builtPackage(Path target) throws IOException {
    if (Files.isDirectory(target)) {
      try (Stream<Path> dirs = Files.list(target)) {
        List<Path> found = dirs.filter(d -> Files.isRegularFile(d.resolve(WeasisLaunch.PACKAGE_CONFIG))).toList();
        if (found.size() == 1) {
          return found.get(0);
        }
      }
    }
    throw new UsageException("weasis: no package in " + target + ": it is built with the Weasis repository"
        + " (../shared/weasis-sdk/m2 or WEASIS_REPO); or name one with --package DIR");
  }

  private static String orDefault(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
