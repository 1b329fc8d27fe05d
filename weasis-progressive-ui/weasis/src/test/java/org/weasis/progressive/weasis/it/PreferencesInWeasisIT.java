package org.weasis.progressive.weasis.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, acceptance 3, in the SDK's real Weasis under Xvfb: a DICOMweb node written to Weasis' node list
 * shows on our page in Weasis' own preferences dialog; progressive turned on there is still on after Weasis
 * restarts with the same user.home (ConfigAdmin keeps it in Felix's cache under user.home/.weasis).
 * Screenshots go to target/it-prefs for review.
 */
class PreferencesInWeasisIT {
  static final String NODE = "Test PACS";
  static final String NODE_URL = "http://127.0.0.1:18080/dicomweb";
  private final Path dir = Path.of("target", "it-prefs").toAbsolutePath();

  @Test
  void aNodeInWeasisListShowsOnThePageAndProgressiveTurnedOnThereSurvivesARestart() throws Exception {
    Path home = emptyDirectory(dir.resolve("home"));
    writeNodeList(home, node(NODE, "DICOMWEB", NODE_URL, "X-Api-Key:secret-k1")
        + node("Query only", "QIDORS", "http://127.0.0.1:18081/rs", ""));
    List<Path> bundles = new ArrayList<>(RealWeasis.ourBundles());
    bundles.add(RealWeasis.driverBundle(dir));
    try (Display display = Display.start(dir.resolve("xvfb.log"))) {
      String first;
      try (RealWeasis weasis = RealWeasis.start(display.name(), home, bundles, dir.resolve("weasis-1.log"),
          "$prefsdriver:open \"" + NODE + "\"")) {
        weasis.awaitLog("prefsdriver ready", 180);
        display.screenshot(dir.resolve("1-page-progressive-turned-on.png"));
        Files.createFile(home.resolve(PrefsDriver.GO_FILE));
        weasis.awaitLog("prefsdriver closed", 60);
        first = weasis.log();
      }
      assertTrue(first.contains("prefsdriver node name=" + NODE + " url=" + NODE_URL + " progressive=false"), first);
      assertTrue(first.contains("prefsdriver enabled name=" + NODE + " progressive=true"), first);
      assertFalse(first.contains("name=Query only"), "a QIDO-only node retrieves nothing: not listed");

      String second;
      try (RealWeasis weasis = RealWeasis.start(display.name(), home, bundles, dir.resolve("weasis-2.log"),
          "$prefsdriver:open")) {
        weasis.awaitLog("prefsdriver ready", 180);
        display.screenshot(dir.resolve("2-page-after-restart.png"));
        Files.createFile(home.resolve(PrefsDriver.GO_FILE));
        weasis.awaitLog("prefsdriver closed", 60);
        second = weasis.log();
      }
      assertTrue(second.contains("prefsdriver node name=" + NODE + " url=" + NODE_URL + " progressive=true"), second);
      for (String log : List.of(first, second)) {
        assertFalse(log.contains("secret-k1"), "a header value of the node reached the log");
        assertFalse(log.lines().anyMatch(line -> line.contains("*ERROR*") && line.contains("o.w.p.")),
            "one of our bundles logged an ERROR");
      }
    }
  }

  /**
   * What the real-Weasis demo does ({@code progressive:enable} before opening the study): the node is on when the
   * user opens the page, and the page fits the width of Weasis' own preferences dialog (no part of it scrolled out
   * of sight sideways). A screenshot of the dialog at Weasis' own size goes to target/it-prefs.
   */
  @Test
  void aNodeTurnedOnByCommandIsOnOnThePageWhichFitsWeasisOwnDialog() throws Exception {
    Path home = emptyDirectory(dir.resolve("home-enable"));
    writeNodeList(home, node(NODE, "DICOMWEB", NODE_URL, ""));
    List<Path> bundles = new ArrayList<>(RealWeasis.ourBundles());
    bundles.add(RealWeasis.driverBundle(dir));
    String log;
    try (Display display = Display.start(dir.resolve("xvfb-enable.log"));
        RealWeasis weasis = RealWeasis.start(display.name(), home, bundles, dir.resolve("weasis-enable.log"),
            "$progressive:enable", "--url", NODE_URL + "/", "$prefsdriver:open", PrefsDriver.WEASIS_SIZE)) {
      weasis.awaitLog("prefsdriver ready", 180);
      display.screenshot(dir.resolve("3-page-at-weasis-size-node-on-by-command.png"));
      Files.createFile(home.resolve(PrefsDriver.GO_FILE));
      weasis.awaitLog("prefsdriver closed", 60);
      log = weasis.log();
    }
    assertTrue(log.contains("prefsdriver node name=" + NODE + " url=" + NODE_URL + " progressive=true"), log);
    java.util.regex.Matcher width =
        java.util.regex.Pattern.compile("prefsdriver page width=(\\d+) visible=(\\d+)").matcher(log);
    assertTrue(width.find(), "the driver logged no page width: " + log);
    assertTrue(Integer.parseInt(width.group(1)) <= Integer.parseInt(width.group(2)),
        "the page is wider than Weasis' dialog shows: " + width.group());
  }

  static String node(String description, String webType, String url, String headers) {
    return "<node description=\"" + description + "\" type=\"WEB\" usageType=\"BOTH\" tsuid=\"\" url=\"" + url
        + "\" webtype=\"" + webType + "\" auth=\"\" headers=\""
        + Base64.getEncoder().encodeToString(headers.getBytes(StandardCharsets.UTF_8)) + "\"/>";
  }

  /** Writes Weasis' DICOMweb node list where Weasis reads it: user.home/.weasis/data/weasis-dicom-explorer. */
  static void writeNodeList(Path home, String nodes) throws IOException {
    Path file = home.resolve(".weasis/data/weasis-dicom-explorer/dicomWebNodes.xml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nodes>" + nodes + "</nodes>");
  }

  /** An empty directory (a user.home, a server's storage), emptied if a former run left one. */
  static Path emptyDirectory(Path home) throws IOException {
    if (Files.exists(home)) {
      try (Stream<Path> files = Files.walk(home)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(home);
    return home;
  }
}
