package org.weasis.progressive.itest.weasis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What the real-Weasis tests need: the distribution, our package, the probe bundle and the programs Xvfb and
 * import. Missing pieces skip the tests with one line saying what is missing, except under {@code CI=true},
 * where they fail: CI must run these tests.
 */
record WeasisSetup(Path weasisDir, Path packageDir, Path probeJar) {
  static WeasisSetup require() {
    WeasisSetup setup = new WeasisSetup(path("weasis.dir"), path("weasis.package.dir"), path("probe.jar"));
    List<String> missing = new ArrayList<>();
    if (!Files.isRegularFile(setup.weasisDir.resolve("weasis-launcher.jar"))) {
      missing.add("a Weasis distribution at " + setup.weasisDir + " (-Dweasis.dir)");
    }
    if (!Files.isRegularFile(setup.packageDir.resolve("conf/ext-progressive.json"))) {
      missing.add("our package at " + setup.packageDir);
    }
    if (!Files.isRegularFile(setup.probeJar)) {
      missing.add("the probe bundle " + setup.probeJar);
    }
    for (String program : List.of("Xvfb", "import")) {
      if (!onPath(program)) {
        missing.add(program + " (./progressive setup installs it)");
      }
    }
    if (!missing.isEmpty()) {
      String message = "Real-Weasis tests need " + String.join(", ", missing);
      if ("true".equals(System.getenv("CI"))) {
        fail(message + " (CI=true: they must run)");
      }
      Assumptions.abort(message);
    }
    return setup;
  }

  private static Path path(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      fail("System property " + property + " is not set (the module's failsafe configuration sets it)");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
