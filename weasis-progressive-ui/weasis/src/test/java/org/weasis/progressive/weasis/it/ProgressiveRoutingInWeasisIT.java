package org.weasis.progressive.weasis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, acceptance 3, loading half, in the SDK's real Weasis under Xvfb: progressive turned on for a node
 * on our page, Weasis restarted, then {@code dicom:rs} on that node's URL loads through our engine (the log
 * contract's lines appear) and the stock loader does not finish the series. Needs the ProgressiveOpener of
 * the viewer side (w3-viewer).
 */
class ProgressiveRoutingInWeasisIT {
  private static final Path DIR = Path.of("target", "it-routing-on").toAbsolutePath();

  @Test
  void withProgressiveOnDicomRsOnTheNodesUrlLoadsThroughOurEngine() throws Exception {
    Files.createDirectories(DIR);
    Path source = Path.of(System.getProperty("repository.root", "../..")).resolve("../shared/fixtures/static-dicomweb-mkdicomweb-source");
    Path[] files;
    try (Stream<Path> listed = Files.list(source)) {
      files = listed.filter(f -> f.toString().endsWith(".dcm")).sorted().toArray(Path[]::new);
    }
    List<Path> bundles = new ArrayList<>(RealWeasis.ourBundles());
    bundles.add(RealWeasis.driverBundle(DIR));
    try (Display display = Display.start(DIR.resolve("xvfb.log"));
        LocalOrthanc orthanc = LocalOrthanc.start(DIR.resolve("orthanc"), files)) {
      Path home = PreferencesInWeasisIT.emptyDirectory(DIR.resolve("home"));
      PreferencesInWeasisIT.writeNodeList(home,
          PreferencesInWeasisIT.node(PreferencesInWeasisIT.NODE, "DICOMWEB", orthanc.dicomWebUrl(), ""));
      try (RealWeasis weasis = RealWeasis.start(display.name(), home, bundles, DIR.resolve("weasis-page.log"),
          "$prefsdriver:open \"" + PreferencesInWeasisIT.NODE + "\"")) {
        weasis.awaitLog("prefsdriver ready", 180);
        Files.createFile(home.resolve(PrefsDriver.GO_FILE));
        weasis.awaitLog("prefsdriver closed", 60);
        assertTrue(weasis.log().contains("prefsdriver enabled name=" + PreferencesInWeasisIT.NODE + " progressive=true"));
      }
      String series = RoutingInWeasisIT.SERIES;
      String log;
      try (RealWeasis weasis = RealWeasis.start(display.name(), home, bundles, DIR.resolve("weasis-rs.log"),
          "$dicom:rs --url " + orthanc.dicomWebUrl() + " -r \"studyUID=" + RoutingInWeasisIT.STUDY + "\"")) {
        weasis.awaitLog("progressive series done series=" + series, 180);
        weasis.awaitLog("*PERF* Downloading, type:", 60); // Weasis' own end of the load, on the event thread
        Thread.sleep(3000); // only for the reviewer's screenshot
        display.screenshot(DIR.resolve("progressive-load-progressive-on.png"));
        log = weasis.log();
      }
      assertTrue(log.contains("Series " + series + " from node \"" + PreferencesInWeasisIT.NODE + "\" loads progressively"), log);
      // The routing reacts to Weasis' LOADING_START event, which reaches the event thread after Weasis queued
      // its load: on a cold start a stock download thread may deliver an image or two first (then they are
      // Weasis' and need no version of ours), so only some of the 3 images need to come from us.
      long images = log.lines().filter(line -> line.contains("progressive image series=" + series + " ")).count();
      assertTrue(images >= 1, "no image version handed to the viewer");
      assertFalse(log.contains("Cannot read pixel data"), "an image of the series cannot be read");
      assertTrue(log.lines().anyMatch(line -> line.contains("progressive series done series=" + series + " final=3 errors=0")), log);
      // Our load is a LoadSeries too and logs Weasis' line when it ends; a stock load that also finished
      // would log a second one (or more than 3 images).
      List<String> finished = log.lines().filter(line -> line.contains("*PERF* Downloading, type:")).toList();
      assertEquals(1, finished.size(), finished.toString());
      // A stock download already running when the series was routed may still add the instance it was
      // reading; Weasis must count each instance once all the same (3 instances, 3 images).
      assertTrue(finished.getFirst().contains("seriesUID:" + series + " modality:CT nbImages:3 "), finished.getFirst());
      assertEquals(1, log.lines().filter(line -> line.contains("loads progressively")).count(), "routed once");
    }
  }
}
