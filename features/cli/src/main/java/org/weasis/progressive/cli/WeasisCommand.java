package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./progressive weasis}: runs a Weasis distribution with our package installed, in the foreground,
 * until Weasis exits.
 */
@Command(name = "weasis", sortOptions = false, description = {
    "a Weasis 4.7 distribution (default the SDK's) with our package installed", "",
    "Starts Weasis 4.7 from the distribution DIR with our package installed through an extended configuration,"
        + " without changing DIR. The start-up dialogs are off and the log is also written to"
        + " USER-HOME/.weasis/log/default.log. Everything after -- goes to the Weasis launcher as is: commands"
        + " start with $, e.g.",
    "  ./progressive weasis -- '$progressive:rs' --url http://host/dicom-web \\",
    "      -r 'studyUID=1.2.3'", ""})
final class WeasisCommand implements Callable<Integer> {
  static final Path DEFAULT_WEASIS = Path.of("..", "shared", "weasis-sdk", "weasis");
  static final Path PACKAGES = Path.of("features", "weasis-package", "target");

  @Option(names = "--weasis", paramLabel = "DIR", defaultValue = "../shared/weasis-sdk/weasis",
      description = "the Weasis distribution (default ${DEFAULT-VALUE})")
  private Path weasis;

  @Option(names = "--user-home", paramLabel = "DIR", description = {"Weasis' user.home, kept (its preferences,"
      + " node list and our node settings live there); default a fresh temporary directory, deleted when Weasis"
      + " exits"})
  private Path home;

  @Option(names = "--package", paramLabel = "DIR",
      description = "our package (default: the one the build writes to features/weasis-package/target)")
  private Path pkg;

  @Parameters(paramLabel = "LAUNCHER-ARGS", description = "after --: the Weasis launcher's arguments")
  private List<String> launcherArgs = new ArrayList<>();

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  private boolean help;

  @Spec
  private CommandSpec spec;

  private final PrintStream err;

  WeasisCommand(PrintStream err) {
    this.err = err;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    // Only what follows "--" goes to the launcher: a stray word before it is a mistake, not a launcher argument.
    List<String> given = spec.commandLine().getParseResult().originalArgs();
    int dashes = given.indexOf("--");
    int afterDashes = dashes < 0 ? 0 : given.size() - dashes - 1;
    if (launcherArgs.size() != afterDashes) {
      throw new UsageException("weasis: unexpected argument '" + launcherArgs.getFirst()
          + "' (arguments for the Weasis launcher go after --)");
    }
    Path packageDir = pkg != null ? pkg : builtPackage(PACKAGES);
    Path userHome = home != null ? home : Files.createTempDirectory("weasis-home");
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
}
