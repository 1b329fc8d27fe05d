package org.weasis.progressive.weasis.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, acceptance 3, loading half, in the SDK's real Weasis under Xvfb: {@code dicom:rs} on the URL of
 * a Weasis DICOMweb node goes through the stock loader alone while progressive is off for that node. The
 * study is the fixtures' three uncompressed 512² CT images in a real Orthanc, which the OpenCV stand-in shows.
 */
class RoutingInWeasisIT {
  static final String STUDY = "1.2.826.0.1.3680043.8.498.1001";
  static final String SERIES = "1.2.826.0.1.3680043.8.498.1001.1";
  private static final Path DIR = Path.of("target", "it-routing").toAbsolutePath();
  private static Display display;
  private static LocalOrthanc orthanc;

  @BeforeAll
  static void startDisplayAndServer() throws Exception {
    Files.createDirectories(DIR);
    Path source = Path.of(System.getProperty("repository.root", "../..")).resolve("../shared/fixtures/static-dicomweb-mkdicomweb-source");
    Path[] files;
    try (Stream<Path> listed = Files.list(source)) {
      files = listed.filter(f -> f.toString().endsWith(".dcm")).sorted().toArray(Path[]::new);
    }
    display = Display.start(DIR.resolve("xvfb.log"));
    orthanc = LocalOrthanc.start(DIR.resolve("orthanc"), files);
  }

  @AfterAll
  static void stopDisplayAndServer() throws Exception {
    if (orthanc != null) {
      orthanc.close();
    }
    if (display != null) {
      display.close();
    }
  }

  @Test
  void withProgressiveOffDicomRsOnTheNodesUrlLoadsWithTheStockLoaderOnly() throws Exception {
    Path home = PreferencesInWeasisIT.emptyDirectory(DIR.resolve("home-off"));
    PreferencesInWeasisIT.writeNodeList(home,
        PreferencesInWeasisIT.node(PreferencesInWeasisIT.NODE, "DICOMWEB", orthanc.dicomWebUrl(), ""));
    String log;
    try (RealWeasis weasis = RealWeasis.start(display.name(), home, RealWeasis.ourBundles(), DIR.resolve("weasis-off.log"),
        "$dicom:rs --url " + orthanc.dicomWebUrl() + " -r \"studyUID=" + STUDY + "\"")) {
      weasis.awaitLog("*PERF* Downloading, type:", 180);
      Thread.sleep(4000); // only for the reviewer's screenshot: the viewer opens after the download ends
      display.screenshot(DIR.resolve("stock-load-progressive-off.png"));
      log = weasis.log();
    }
    assertTrue(log.contains("Bulk downloading series " + orthanc.dicomWebUrl() + "/studies/" + STUDY + "/series/" + SERIES), log);
    assertTrue(log.contains("seriesUID:" + SERIES + " modality:CT nbImages:3"), "the stock loader read all 3 images");
    for (String ours : List.of("loads progressively", "progressive image series=", "progressive series done")) {
      assertFalse(log.contains(ours), "progressive off, yet our engine ran: " + ours);
    }
  }
}
