package org.weasis.progressive.weasis.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SDK's Weasis started as a user would (its launcher, a display, a user.home of the test's), with our
 * bundles and the test driver installed at start level 125, and its console output kept in a log file the
 * test reads. Small and self-contained on purpose: the general harness of the features modules replaces it.
 */
final class RealWeasis implements AutoCloseable {
  private final Process process;
  private final Path log;

  private RealWeasis(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The Weasis distribution: -Dweasis.dist, else ../shared/weasis-sdk/weasis beside the repository. */
  static Path distribution() {
    String given = System.getProperty("weasis.dist");
    Path dist = given != null ? Path.of(given) : Path.of(System.getProperty("repository.root", "../.."))
        .resolve("../shared/weasis-sdk/weasis").normalize();
    if (!Files.isRegularFile(dist.resolve("weasis-launcher.jar"))) {
      throw new AssertionError("No Weasis distribution at " + dist.toAbsolutePath()
          + " (weasis-launcher.jar); give one with -Dweasis.dist=DIR");
    }
    return dist.toAbsolutePath();
  }

  /** Our bundles as the build left them: -Dit.bundles lists the jars, separated by the path separator. */
  static List<Path> ourBundles() {
    String jars = System.getProperty("it.bundles");
    if (jars == null || jars.isBlank()) {
      throw new AssertionError("-Dit.bundles names no bundle jars (the failsafe configuration sets it)");
    }
    List<Path> bundles = Stream.of(jars.split(File.pathSeparator)).map(Path::of).toList();
    for (Path jar : bundles) {
      if (!Files.isRegularFile(jar)) {
        throw new AssertionError("Bundle jar missing: " + jar + " (run the build's package phase first)");
      }
    }
    return bundles;
  }

  /** Jars the driver class into a bundle that imports what it uses from Weasis at run time. */
  static Path driverBundle(Path dir) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Bundle-ManifestVersion", "2");
    main.putValue("Bundle-SymbolicName", "org.weasis.progressive.weasis.it.driver");
    main.putValue("Bundle-Version", "1.0.0");
    main.putValue("Bundle-Activator", PrefsDriver.class.getName());
    main.putValue("Import-Package", "org.osgi.framework");
    main.putValue("DynamicImport-Package", "*");
    Path jar = dir.resolve("prefsdriver.jar");
    Path classes = Path.of(PrefsDriver.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    String packageDir = PrefsDriver.class.getPackageName().replace('.', '/');
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.list(classes.resolve(packageDir))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("PrefsDriver")).toList()) {
        out.putNextEntry(new JarEntry(packageDir + "/" + file.getFileName()));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** Starts Weasis; {@code commands} are gogo commands, as a weasis:// link passes them. */
  static RealWeasis start(String display, Path userHome, List<Path> bundles, Path log, String... commands)
      throws IOException {
    Path extension = userHome.resolveSibling(userHome.getFileName() + "-ext.json");
    Files.writeString(extension, extendedConfiguration(bundles));
    Path dist = distribution();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-Duser.home=" + userHome.toAbsolutePath(),
        // Weasis empties <java.io.tmpdir>/weasis-<user>.<source id>, where it keeps downloaded images, when it
        // starts and when it ends: another Weasis on the machine deleted this one's images mid-test.
        "-Djava.io.tmpdir=" + Files.createDirectories(userHome.resolve("tmp")).toAbsolutePath(),
        "-Dfelix.extended.config.properties=" + extension.toUri(),
        "-cp", "weasis-launcher.jar" + File.pathSeparator + "felix.jar",
        "org.weasis.launcher.AppLauncher"));
    command.addAll(List.of(commands));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dist.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("DISPLAY", display);
    return new RealWeasis(builder.start(), log);
  }

  private static String extendedConfiguration(List<Path> bundles) {
    String jars = bundles.stream().map(jar -> jar.toAbsolutePath().toUri().toString()).collect(Collectors.joining(" "));
    return """
        {"weasisPreferences":[
        {"code":"felix.auto.start.125","value":"%s","type":"A","category":"FELIX_INSTALL","description":"weasis-progressive"},
        {"code":"weasis.show.disclaimer","value":"false","type":"A","category":"LAUNCH","description":""},
        {"code":"weasis.show.release","value":"false","type":"A","category":"LAUNCH","description":""},
        {"code":"weasis.update.release","value":"false","type":"A","category":"LAUNCH","description":""}]}
        """.formatted(jars);
  }

  /** Weasis' console output so far. */
  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** Waits until the log holds {@code text}; fails naming it and the log file otherwise. */
  void awaitLog(String text, long seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (log().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("Weasis exited before logging \"" + text + "\"; see " + log);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Weasis did not log \"" + text + "\" within " + seconds + " s; see " + log);
  }

  /** Stops Weasis and every process it started. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
