package org.weasis.progressive.itest.weasis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.weasis.progressive.server.StaticDicomWebServer;
import org.weasis.progressive.testsupport.study.StudyWriter;

/**
 * The binding's warm-up of Weasis' 2D viewer (it builds and paints one off-screen once Weasis is up, so that the
 * user's first study does not pay the viewer's cold start) leaves nothing behind in the real Weasis: no viewer
 * plugin, no viewer listening to the DICOM model, no 2D viewer selected, no error; the study opened afterwards gets
 * exactly one viewer, named after its patient. That viewer is docked while the study's queries run: an open that
 * finds nothing leaves no viewer behind. A Weasis started with a study to open (a {@code weasis://} link at
 * start-up) has its study open in one viewer too, whether the warm-up ran before, stopped for the load, or was
 * skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerWarmUpInWeasisIT {
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.7130";
  private static final Duration START = Duration.ofMinutes(3);
  private static final Duration LOAD = Duration.ofMinutes(3);
  private static final Pattern VIEWERS = Pattern.compile(
      "probe viewers count=(\\d+) names=\\[.*] titles=\\[(.*)] model-viewer-listeners=(\\d+) selected-2d=(.+)$");
  /** A study the server does not have. */
  private static final String MISSING = "1.2.826.0.1.3680043.8.498.7139";
  private static final Pattern OUTCOME = Pattern.compile("progressive warm-up viewer=(\\w+)");

  private Path out;
  private Path data;
  private StaticDicomWebServer server;
  private VirtualDisplay display;
  private WeasisSetup setup;

  @BeforeAll
  void serveASmallStudy() throws Exception {
    setup = WeasisSetup.require();
    out = Path.of(System.getProperty("real.weasis.dir", "target/real-weasis")).resolveSibling("viewer-warm-up")
        .toAbsolutePath();
    Files.createDirectories(out);
    data = Files.createTempDirectory("viewer-warm-up-study");
    TestStudy.write(data, STUDY, 256, 4, 128);
    server = StaticDicomWebServer.start(data, "127.0.0.1", 0).gunzipForClientsWithoutGzip();
    display = VirtualDisplay.start(out.resolve("xvfb.log"));
  }

  @AfterAll
  void stopEverything() throws Exception {
    try (AutoCloseable d = display; AutoCloseable s = server) {
      // the server, then the display
    } finally {
      Trees.delete(data);
    }
  }

  @Test
  void afterTheWarmUpNoViewerNorViewerListenerIsLeftAndTheNextStudyOpensInOneViewer() throws Exception {
    try (RunningWeasis weasis = RunningWeasis.start(setup, display, out.resolve("idle"), List.of("$probe:bundles"))) {
      String outcome = awaitLine(weasis, "progressive warm-up viewer=", START, 0);
      assertTrue(outcome.contains("viewer=done"), "the warm-up did not end as done in an idle Weasis: " + outcome);
      assertTrue(outcome.contains(",drag-cursors:"), "the warm-up did not load the drag cursors: " + outcome);
      String studyPath = awaitLine(weasis, "progressive warm-up study-path=", START, 0);
      assertTrue(studyPath.contains("study-path=done"),
          "the warm-up of the study's path (query, file, the view's window operation) did not end as done: "
              + studyPath);
      String rendering = awaitLine(weasis, "progressive warm-up rendering=", START, 0);
      assertTrue(rendering.contains("rendering=done shapes=20000"),
          "the rasteriser's warm-up did not render its shapes in an idle Weasis: " + rendering);
      String lookups = awaitLine(weasis, "progressive warm-up lookups=", START, 0);
      assertTrue(lookups.contains("lookups=done passes=40"),
          "the window/level warm-up did not render its passes in an idle Weasis: " + lookups);

      Matcher left = viewers(weasis);
      assertEquals("0", left.group(1), "viewer plugins left by the warm-up: " + left.group());
      assertEquals("0", left.group(3), "viewers left listening to the DICOM model: " + left.group());
      assertEquals("none", left.group(4), "2D viewer left selected: " + left.group());

      openAStudyTheServerDoesNotHave(weasis);
      awaitLine(weasis, "progressive viewer early=closed", LOAD, 0);
      Matcher none = viewers(weasis);
      assertEquals("0", none.group(1), "viewer plugins left by an open that found nothing: " + none.group());
      assertEquals("0", none.group(3), "viewers left listening to the DICOM model: " + none.group());
      assertEquals("none", none.group(4), "2D viewer left selected: " + none.group());

      int beforeOpen = weasis.output().count();
      openTheStudy(weasis);
      String early = awaitLine(weasis, "progressive viewer early=", LOAD, beforeOpen);
      assertTrue(early.contains("early=shown series=" + STUDY + ".2"),
          "the study is not shown in the viewer docked while it was queried (a viewer opened later instead): " + early);
      Matcher open = viewers(weasis);
      assertEquals("1", open.group(1), "viewers once the study is open: " + open.group());
      assertEquals("1", open.group(3), "viewers listening to the DICOM model: " + open.group());
      assertNamedAfterThePatient(open);
      weasis.screenshot("study-open");
      assertNoErrorOfOurs(weasis, MISSING);
    }
  }

  @Test
  void aStudyOpenedAtStartUpOpensInOneViewerWhateverTheWarmUpDid() throws Exception {
    try (RunningWeasis weasis = RunningWeasis.start(setup, display, out.resolve("at-start-up"),
        List.of("$progressive:rs", "--url", "http://127.0.0.1:" + server.port(), "-r", "studyUID=" + STUDY))) {
      weasis.output().awaitCount(l -> l.contains("progressive series done"), 2, LOAD);
      Matcher open = viewers(weasis);
      assertEquals("1", open.group(1), "viewers once the study is open: " + open.group());
      assertEquals("1", open.group(3), "viewers listening to the DICOM model: " + open.group());
      assertNamedAfterThePatient(open);
      List<String> outcomes = weasis.output().snapshot().stream().map(OUTCOME::matcher).filter(Matcher::find)
          .map(m -> m.group(1)).toList();
      assertTrue(outcomes.size() <= 1 && outcomes.stream().allMatch(o -> List.of("done", "stopped", "skipped")
          .contains(o)), "the warm-up's outcome lines: " + outcomes);
      weasis.screenshot("study-open");
      assertNoErrorOfOurs(weasis, null);
    }
  }

  /**
   * The viewer docked while the queries run is named as Weasis names a viewer it opens for a patient (the
   * patient's name), holds the study's patient and is Weasis' selected 2D viewer.
   */
  private static void assertNamedAfterThePatient(Matcher viewers) {
    String family = StudyWriter.PATIENT_NAME.substring(0, StudyWriter.PATIENT_NAME.indexOf('^'));
    assertTrue(viewers.group(2).toLowerCase(Locale.ROOT).contains(family.toLowerCase(Locale.ROOT)),
        "the viewer's tab is not named after the patient " + StudyWriter.PATIENT_NAME + ": " + viewers.group());
    assertEquals(viewers.group(2), viewers.group(4), "the selected 2D viewer: " + viewers.group());
  }

  /** The open fails (the server answers the queries with nothing or an error) and says so. */
  private void openAStudyTheServerDoesNotHave(RunningWeasis weasis) throws Exception {
    int from = weasis.output().count();
    weasis.send(List.of("$progressive:rs", "--url", "http://127.0.0.1:" + server.port(), "-r",
        "studyUID=" + MISSING));
    weasis.output().await(l -> l.contains("ERROR") && l.contains(MISSING), LOAD, from)
        .orElseGet(() -> fail("no error for the study the server does not have; see " + out));
  }

  private void openTheStudy(RunningWeasis weasis) throws Exception {
    int from = weasis.output().count();
    weasis.send(List.of("$progressive:rs", "--url", "http://127.0.0.1:" + server.port(), "-r", "studyUID=" + STUDY));
    List<String> done = weasis.output().awaitCount(l -> l.contains("progressive series done"), 2, LOAD, from);
    assertEquals(2, done.size(), "series done lines: " + done);
  }

  /** The probe's line on the viewers, asked now (after what the event thread has queued). */
  private Matcher viewers(RunningWeasis weasis) throws Exception {
    int from = weasis.output().count();
    weasis.send(List.of("$probe:viewers"));
    String line = awaitLine(weasis, "probe viewers count=", LOAD, from);
    Matcher m = VIEWERS.matcher(line);
    if (!m.find()) {
      fail("unexpected line: " + line);
    }
    return m;
  }

  private String awaitLine(RunningWeasis weasis, String fragment, Duration timeout, int from) throws Exception {
    return weasis.output().await(l -> l.contains(fragment), timeout, from)
        .orElseGet(() -> fail("Weasis did not log '" + fragment + "' within " + timeout + "; see " + out));
  }

  /**
   * No ERROR entry of ours (but those about {@code expected}, a study the test asked for in vain), no warm-up
   * failure, nothing thrown on Weasis' event thread.
   */
  private void assertNoErrorOfOurs(RunningWeasis weasis, String expected) throws Exception {
    List<String> console = weasis.output().snapshot();
    List<String> ours = new ArrayList<>(RealWeasisIT.errorsOfOurs(console));
    if (Files.isRegularFile(weasis.logFile())) {
      ours.addAll(RealWeasisIT.errorsOfOurs(Files.readAllLines(weasis.logFile(), StandardCharsets.UTF_8)));
    }
    if (expected != null) {
      ours.removeIf(e -> e.contains(expected));
    }
    assertTrue(ours.isEmpty(), "errors of ours: " + ours);
    assertTrue(console.stream().noneMatch(l -> l.contains("warm-up viewer=failed")
        || l.contains("warm-up rendering=failed") || l.contains("warm-up lookups=failed")),
        "a warm-up failed; see " + out);
    assertTrue(console.stream().noneMatch(l -> l.contains("Exception in thread \"AWT-EventQueue")),
        "something threw on the event thread; see " + out);
  }
}
