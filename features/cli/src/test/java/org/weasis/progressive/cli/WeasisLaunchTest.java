package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How ./progressive weasis starts a Weasis distribution with our package, without changing the distribution. */
class WeasisLaunchTest {
  private static final String PACKAGE_JSON = """
      {"weasisPreferences":[
        {"code":"felix.auto.start.80","value":"${weasis.codebase.url}/bundle/a-1.jar ${weasis.codebase.url}/bundle/b-1.jar",
         "type":"A","category":"FELIX_INSTALL"},
        {"code":"felix.auto.start.90","value":"${weasis.codebase.url}/bundle/c-1.jar","type":"A","category":"FELIX_INSTALL"}
      ]}""";

  @Test
  void thePackagesBundlesAreStartedFromThePackageDirectoryWithTheStartUpDialogsOff(@TempDir Path tmp) throws Exception {
    Path pkg = writePackage(tmp.resolve("pkg"));
    Path probe = tmp.resolve("probe.jar");
    WeasisLaunch launch = new WeasisLaunch(tmp.resolve("weasis"), pkg, tmp.resolve("home"), List.of(probe),
        Map.of("weasis.theme", "x"), List.of());

    Map<String, JsonNode> byCode = byCode(launch.writeConfiguration());

    String bundles = pkg.resolve("bundle").toAbsolutePath().toUri().toString();
    assertEquals(bundles + "a-1.jar " + bundles + "b-1.jar", byCode.get("felix.auto.start.80").get("value").asText());
    assertEquals(bundles + "c-1.jar", byCode.get("felix.auto.start.90").get("value").asText());
    assertEquals(probe.toAbsolutePath().toUri().toString(), byCode.get("felix.auto.start.95").get("value").asText());
    assertEquals("FELIX_INSTALL", byCode.get("felix.auto.start.95").get("category").asText());
    for (String dialog : List.of("weasis.show.disclaimer", "weasis.show.release", "weasis.update.release")) {
      assertEquals("false", byCode.get(dialog).get("value").asText(), dialog);
      assertEquals("LAUNCH", byCode.get(dialog).get("category").asText(), dialog);
    }
    assertEquals("true", byCode.get("org.apache.sling.commons.log.file.activate").get("value").asText());
    assertEquals("LOG", byCode.get("org.apache.sling.commons.log.file.activate").get("category").asText());
    assertEquals("x", byCode.get("weasis.theme").get("value").asText());
  }

  @Test
  void eachRunHasATemporaryFolderOfItsOwnSinceWeasisEmptiesItsOwnWhenAnInstanceStartsOrStops(@TempDir Path tmp)
      throws Exception {
    Path weasis = Files.createDirectories(tmp.resolve("weasis"));
    Files.writeString(weasis.resolve("weasis-launcher.jar"), "");
    Files.writeString(weasis.resolve("felix.jar"), "");
    Path home = tmp.resolve("home");
    WeasisLaunch launch = new WeasisLaunch(weasis, writePackage(tmp.resolve("pkg")), home, List.of(), Map.of(),
        List.of());

    List<String> line = launch.processBuilder().command();

    assertTrue(line.contains("-Djava.io.tmpdir=" + home.resolve("tmp").toAbsolutePath()), line.toString());
    assertTrue(Files.isDirectory(home.resolve("tmp")));
  }

  @Test
  void theLauncherRunsInTheDistributionWithTheRunsUserHomeAndTheCommandsAsGiven(@TempDir Path tmp) throws Exception {
    Path weasis = Files.createDirectories(tmp.resolve("weasis"));
    Files.writeString(weasis.resolve("weasis-launcher.jar"), "");
    Files.writeString(weasis.resolve("felix.jar"), "");
    Path home = tmp.resolve("home");
    List<String> commands = List.of("$dicom:rs", "--url", "http://127.0.0.1:1/dicomweb", "-r", "studyUID=1.2");
    WeasisLaunch launch = new WeasisLaunch(weasis, writePackage(tmp.resolve("pkg")), home, List.of(), Map.of(),
        commands);

    ProcessBuilder builder = launch.processBuilder();

    List<String> line = builder.command();
    assertEquals(weasis.toFile(), builder.directory());
    assertTrue(line.contains("-Duser.home=" + home.toAbsolutePath()), line.toString());
    // Its own temporary folder, which Weasis empties at start and end, so runs side by side keep their images.
    assertTrue(line.contains("-Djava.io.tmpdir=" + home.resolve("tmp").toAbsolutePath()), line.toString());
    assertTrue(Files.isDirectory(home.resolve("tmp")));
    assertTrue(line.contains("-Dfelix.extended.config.properties="
        + home.resolve("weasis-progressive-launch.json").toUri()), line.toString());
    assertEquals(commands, line.subList(line.size() - commands.size(), line.size()));
    assertEquals("org.weasis.launcher.AppLauncher", line.get(line.size() - commands.size() - 1));
    assertEquals(home.resolve(".weasis/log/default.log"), launch.logFile());
  }

  @Test
  void aDirectoryWithoutWeasisIsRefusedWithWhatWasExpected(@TempDir Path tmp) throws Exception {
    WeasisLaunch launch = new WeasisLaunch(tmp, writePackage(tmp.resolve("pkg")), tmp.resolve("home"), List.of(),
        Map.of(), List.of());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, launch::processBuilder);

    assertTrue(e.getMessage().contains("weasis-launcher.jar") && e.getMessage().contains(tmp.toString()),
        e.getMessage());
  }

  @Test
  void theWeasisCommandNamesAMissingDistributionAndExits2(@TempDir Path tmp) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path pkg = writePackage(tmp.resolve("pkg"));

    int code = Main.run(new String[] {"weasis", "--weasis", tmp.resolve("none").toString(), "--package",
        pkg.toString(), "--user-home", tmp.resolve("home").toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(tmp.resolve("none").resolve("weasis-launcher.jar")
        + " not found"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutABuiltPackageTheCommandSaysHowToGetOne(@TempDir Path tmp) {
    UsageException e = assertThrows(UsageException.class, () -> WeasisCommand.builtPackage(tmp));

    assertTrue(e.getMessage().contains("no package in " + tmp) && e.getMessage().contains("--package DIR"),
        e.getMessage());
  }

  @Test
  void theDemoSaysInOneLineWhyItCannotRunInWeasis(@TempDir Path tmp) throws Exception {
    PrintStream log = new PrintStream(new ByteArrayOutputStream());

    WeasisDemo.Availability noWeasis = WeasisDemo.find(tmp.resolve("none"), tmp, log);
    Path weasis = Files.createDirectories(tmp.resolve("weasis"));
    Files.writeString(weasis.resolve("weasis-launcher.jar"), "");
    WeasisDemo.Availability noPackage = WeasisDemo.find(weasis, tmp.resolve("target"), log);
    WeasisDemo.Availability both = WeasisDemo.find(weasis, writePackage(tmp.resolve("target/pkg")).getParent(), log);

    assertEquals(null, noWeasis.demo());
    assertEquals("no Weasis distribution at " + tmp.resolve("none"), noWeasis.reason());
    assertEquals(null, noPackage.demo());
    assertEquals("our Weasis package is not built (" + tmp.resolve("target") + ")", noPackage.reason());
    assertTrue(both.demo() != null && both.reason() == null, String.valueOf(both.reason()));
  }

  @Test
  void theDemoNodeIsAWeasisDicomWebNodeOfTheLocalServer(@TempDir Path home) throws Exception {
    WeasisDemo.writeNodeList(home, "http://127.0.0.1:4321");

    Path file = home.resolve(".weasis/data/weasis-dicom-explorer/dicomWebNodes.xml");
    var nodes = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
        .getElementsByTagName("node");
    assertEquals(1, nodes.getLength());
    var node = (org.w3c.dom.Element) nodes.item(0);
    assertEquals(WeasisDemo.NODE_NAME, node.getAttribute("description"));
    assertEquals("http://127.0.0.1:4321", node.getAttribute("url"));
    assertEquals("WEB", node.getAttribute("type"));
    assertEquals("DICOMWEB", node.getAttribute("webtype"));
  }

  private static Path writePackage(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve(WeasisLaunch.PACKAGE_CONFIG), PACKAGE_JSON);
    return dir;
  }

  private static Map<String, JsonNode> byCode(Path config) throws Exception {
    Map<String, JsonNode> map = new HashMap<>();
    for (JsonNode entry : new ObjectMapper().readTree(config.toFile()).path("weasisPreferences")) {
      map.put(entry.get("code").asText(), entry);
    }
    return map;
  }
}
