package org.weasis.progressive.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starts a Weasis 4.7 distribution with our package installed, without touching the distribution: the
 * package's extended configuration is rewritten with the package's own jar locations into a file under the
 * run's {@code user.home}, the start-up dialogs are turned off, and the launcher gets the Weasis commands.
 *
 * @param weasisDir the distribution (holds {@code weasis-launcher.jar}, {@code felix.jar}, {@code conf/base.json})
 * @param packageDir our package (holds {@code bundle/} and {@code conf/ext-progressive.json})
 * @param userHome the {@code user.home} of the run: Weasis keeps its cache, preferences and logs under it
 * @param extraBundles more bundles to start after ours (tests install their probe this way), may be empty
 * @param preferences more Weasis preferences, code to value (category LAUNCH unless the code says otherwise)
 * @param commands the launcher's arguments, e.g. {@code $dicom:rs --url URL -r "studyUID=1.2"}
 */
public record WeasisLaunch(Path weasisDir, Path packageDir, Path userHome, List<Path> extraBundles,
    Map<String, String> preferences, List<String> commands) {
  /** Where a Weasis distribution keeps the package's configuration, relative to the package directory. */
  public static final String PACKAGE_CONFIG = "conf/ext-progressive.json";
  /** Start level of {@link #extraBundles}: after ours (80, 90), within the framework's beginning level 130. */
  static final int EXTRA_START_LEVEL = 95;
  private static final String CODEBASE_BUNDLES = "${weasis.codebase.url}/bundle/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Start-up dialogs off, and the log written to {@code user.home/.weasis/log/default.log} too. */
  static final Map<String, String> DEFAULT_PREFERENCES = Map.of(
      "weasis.show.disclaimer", "false",
      "weasis.show.release", "false",
      "weasis.update.release", "false",
      "org.apache.sling.commons.log.file.activate", "true");

  public WeasisLaunch {
    Objects.requireNonNull(weasisDir, "weasisDir");
    Objects.requireNonNull(packageDir, "packageDir");
    Objects.requireNonNull(userHome, "userHome");
    extraBundles = List.copyOf(extraBundles);
    Map<String, String> merged = new LinkedHashMap<>(DEFAULT_PREFERENCES);
    merged.putAll(preferences);
    preferences = Map.copyOf(merged);
    commands = List.copyOf(commands);
  }

  /** Weasis' log file of this run (written once the framework is up). */
  public Path logFile() {
    return userHome.resolve(".weasis/log/default.log");
  }

  /** Checks both directories, writes the run's configuration and returns the launcher's process builder. */
  public ProcessBuilder processBuilder() throws IOException {
    requireFile(weasisDir.resolve("weasis-launcher.jar"), "a Weasis distribution (weasis-launcher.jar)");
    requireFile(weasisDir.resolve("felix.jar"), "a Weasis distribution (felix.jar)");
    Path config = writeConfiguration();
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED",
        "-Duser.home=" + userHome.toAbsolutePath(),
        // Weasis empties <java.io.tmpdir>/weasis-<user>.<source id>, where it keeps downloaded images, when it
        // starts and when it ends: a tmpdir per user.home keeps another Weasis from deleting this one's images.
        "-Djava.io.tmpdir=" + Files.createDirectories(userHome.resolve("tmp")).toAbsolutePath(),
        "-Dfelix.extended.config.properties=" + config.toUri(),
        "-cp", "weasis-launcher.jar:felix.jar", "org.weasis.launcher.AppLauncher"));
    command.addAll(commands);
    // The launcher finds its codebase (conf/, bundle/) from where weasis-launcher.jar is; it runs from there.
    return new ProcessBuilder(command).directory(weasisDir.toFile());
  }

  /** Writes the extended configuration of this run under {@code user.home} and returns its path. */
  Path writeConfiguration() throws IOException {
    Path packageConfig = packageDir.resolve(PACKAGE_CONFIG);
    requireFile(packageConfig, "our package (" + PACKAGE_CONFIG + "; build it with ./progressive build steps"
        + " or mvn install -Dweasis.repo=...)");
    JsonNode root = JSON.readTree(packageConfig.toFile());
    ArrayNode entries = JSON.createArrayNode();
    String bundles = packageDir.resolve("bundle").toAbsolutePath().toUri().toString();
    for (JsonNode entry : root.path("weasisPreferences")) {
      ObjectNode copy = entry.deepCopy();
      copy.put("value", entry.path("value").asText().replace(CODEBASE_BUNDLES, bundles));
      entries.add(copy);
    }
    if (!extraBundles.isEmpty()) {
      List<String> locations = extraBundles.stream().map(p -> p.toAbsolutePath().toUri().toString()).toList();
      entries.add(preference("felix.auto.start." + EXTRA_START_LEVEL, String.join(" ", locations),
          "FELIX_INSTALL"));
    }
    preferences.forEach((code, value) -> entries.add(preference(code, value, category(code))));
    ObjectNode out = JSON.createObjectNode();
    out.set("weasisPreferences", entries);
    Path file = userHome.resolve("weasis-progressive-launch.json");
    Files.createDirectories(userHome);
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), out);
    return file;
  }

  private static ObjectNode preference(String code, String value, String category) {
    ObjectNode node = JSON.createObjectNode();
    node.put("code", code);
    node.put("value", value);
    node.put("type", "A");
    node.put("category", category);
    return node;
  }

  private static String category(String code) {
    return code.startsWith("org.apache.sling.commons.log.") ? "LOG" : "LAUNCH";
  }

  private static void requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " not found: expected " + what);
    }
  }

  /** The java running this tool: Weasis 4.7 needs 25 or newer, which the tool needs too. */
  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
