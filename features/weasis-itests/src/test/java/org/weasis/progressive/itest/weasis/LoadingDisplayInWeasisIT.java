package org.weasis.progressive.itest.weasis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.netshape.LinkProfile;

/**
 * What a user sees in the real Weasis while a study loads progressively (issue 10, "Display"), sampled four times a
 * second by the probe's {@code probe:watch} from the moment Weasis starts: the 2D view opened on the first image
 * shows pixels and keeps showing them while its image is replaced by better versions; its corner information says
 * the quality until the image is final; the series thumbnails show the images and a progress bar that moves; a
 * scroll to an image mid-load gets that image's final ahead of the others; and nothing throws on Weasis' event
 * thread. The link is slower than 4g so that the load lasts long enough to be watched (about 15 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadingDisplayInWeasisIT {
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.7120";
  private static final int STACK = 64;
  /** The image (0-based, in Weasis' order) the probe scrolls to once the stack's view holds more images. */
  private static final int SCROLL_TO = 40;
  private static final LinkProfile SLOW = new LinkProfile(6_000_000, 5_000_000, Duration.ofMillis(10));
  private static final Duration LOAD = Duration.ofMinutes(4);
  /** Samples (a quarter second each) the view opened by the load may wait for its first version: 4 s. */
  private static final int WAIT_FOR_FIRST_SAMPLES = 16;
  private static final Pattern VIEW = Pattern.compile(
      "probe view n=(\\d+) series=(\\S+) sop=(\\S+) display=(none|(\\d+)x(\\d+) lit=([\\d.]+) quality=\"([^\"]*)\")");
  private static final Pattern THUMBNAIL =
      Pattern.compile("probe thumbnail n=(\\d+) series=(\\S+) covered=([\\d.]+) bar=(none|(\\d+)/(\\d+))");
  private static final Pattern SCROLLED = Pattern.compile("probe scrolled series=(\\S+) index=(\\d+) sop=(\\S+)");
  private static final Pattern IMAGE =
      Pattern.compile("progressive image series=(\\S+) index=(\\d+) status=(\\w+) rows=(\\d+) columns=(\\d+)");

  private Path out;
  private ShapedSite site;
  private TestStudy study;
  private RunningWeasis weasis;
  private List<String> log;

  @BeforeAll
  void loadTheStudyWhileTheProbeWatches() throws Exception {
    WeasisSetup setup = WeasisSetup.require();
    out = ShapedSite.outputDir("loading-display");
    site = ShapedSite.create("loading-display-study");
    study = TestStudy.write(site.data(), STUDY, 3036, STACK, 512);
    String url = site.serve(site.data(), SLOW, out).url();
    weasis = RunningWeasis.start(setup, site.display(), out, List.of("$probe:watch", "240", String.valueOf(SCROLL_TO),
        "$progressive:rs", "--url", url, "-r", "studyUID=" + STUDY));
    weasis.output().await(l -> l.contains("probe scrolled"), LOAD)
        .orElseGet(() -> fail("the probe never scrolled a view to image " + SCROLL_TO + "; see " + out));
    String stack = study.series().get(1).spec().seriesUid();
    weasis.output().await(l -> l.contains("probe view") && l.contains("series=" + stack), LOAD);
    weasis.screenshot("1-scrolled-mid-load");
    weasis.output().awaitCount(l -> l.contains("progressive series done"), 2, LOAD);
    // A few samples after the end, then Weasis' own end of the series (thumbnail rebuilt, bar removed).
    long samples = countMatching(THUMBNAIL) + 12;
    weasis.output().awaitCount(l -> l.contains("probe thumbnail"), (int) samples, Duration.ofMinutes(1));
    weasis.screenshot("2-loaded");
    log = weasis.output().snapshot();
  }

  @AfterAll
  void stopEverything() throws Exception {
    try (AutoCloseable s = site; AutoCloseable w = weasis) {
      // Closed in reverse order: Weasis first, then the site.
    }
  }

  @Test
  void theViewOpenedMidLoadShowsItsImageAndNeverStaysBlack() {
    int stackDone = lineOf("progressive series done series=" + stackUid());
    List<Matcher> samples = matches(VIEW, 0, log.size());
    assertFalse(samples.isEmpty(), "the probe saw no view; see " + out);
    List<Matcher> whileLoading = matches(VIEW, 0, stackDone);
    assertTrue(whileLoading.stream().anyMatch(LoadingDisplayInWeasisIT::shows),
        "no view showed pixels before the stack was loaded: " + texts(whileLoading));
    // The viewer opens as soon as the series are known, before any version has come: until its first image the
    // view waits (bounded), and from then on it may be between two images for one sample, never two in a row.
    int first = indexOfFirstShown(samples);
    assertTrue(first >= 0 && sample(samples.get(first)) - sample(samples.getFirst()) <= WAIT_FOR_FIRST_SAMPLES,
        "the view showed no pixels within " + WAIT_FOR_FIRST_SAMPLES + " samples of opening: "
            + texts(samples.subList(0, Math.max(first, 1))));
    for (int i = first + 1; i < samples.size(); i++) {
      Matcher before = samples.get(i - 1);
      Matcher now = samples.get(i);
      assertFalse(!shows(before) && !shows(now) && sameView(before, now),
          "a view stayed black for two samples: " + before.group() + " / " + now.group());
    }
    assertTrue(shows(samples.getLast()), "the view is black at the end: " + samples.getLast().group());
  }

  @Test
  void theCornerInformationSaysTheQualityUntilTheImageIsFinal() {
    List<Matcher> samples = matches(VIEW, 0, log.size());
    assertTrue(samples.stream().anyMatch(m -> shows(m) && m.group(8).matches("\\d+×\\d+ of 512×512, .+")),
        "no view showed a quality line such as '128×128 of 512×512, sub-resolution': " + texts(samples));
    assertEquals("", samples.getLast().group(8), "the final image still shows a quality line");
  }

  @Test
  void theThumbnailsShowTheImagesAndTheProgressBarMovesUntilTheSeriesIsLoaded() {
    String stack = stackUid();
    int stackDone = lineOf("progressive series done series=" + stack);
    List<Matcher> stackSamples = matches(THUMBNAIL, 0, log.size()).stream()
        .filter(m -> m.group(2).equals(stack)).toList();
    List<Matcher> moving = stackSamples.stream()
        .filter(m -> m.group(5) != null && Integer.parseInt(m.group(5)) > 0
            && Integer.parseInt(m.group(5)) < Integer.parseInt(m.group(6)))
        .toList();
    assertTrue(moving.stream().anyMatch(m -> Double.parseDouble(m.group(3)) > 0.5),
        "no sample of the stack's thumbnail showed an image with a part-filled bar while loading: "
            + texts(stackSamples));
    int last = -1;
    for (Matcher m : stackSamples) {
      if (m.group(5) != null) {
        int value = Integer.parseInt(m.group(5));
        assertTrue(value >= last, "the progress bar went back: " + m.group());
        last = value;
      }
    }
    assertTrue(lineOf(moving.getFirst().group()) < stackDone, "the bar only moved after the load");
    // Once loaded, Weasis takes the bar off and each thumbnail shows its series' image.
    Map<String, Matcher> lastSample = new HashMap<>();
    matches(THUMBNAIL, 0, log.size()).forEach(m -> lastSample.put(m.group(2), m));
    assertEquals(2, lastSample.size(), "thumbnails seen: " + lastSample.keySet());
    for (Matcher m : lastSample.values()) {
      assertEquals("none", m.group(4), "a progress bar is left after the load: " + m.group());
      assertTrue(Double.parseDouble(m.group(3)) > 0.5, "a thumbnail shows no image after the load: " + m.group());
    }
  }

  @Test
  void theImageScrolledToMidLoadGetsItsFinalAheadOfTheOthers() {
    int scrolledLine = lineOf("probe scrolled");
    Matcher scrolled = SCROLLED.matcher(log.get(scrolledLine));
    assertTrue(scrolled.find());
    String stack = stackUid();
    assertEquals(stack, scrolled.group(1), "the probe scrolled another series");
    int target = study.series().get(1).sopInstanceUids().indexOf(scrolled.group(3));
    assertTrue(target >= 0, "the scrolled image is not one of the stack: " + scrolled.group());
    List<Integer> finalsAfter = new ArrayList<>();
    List<Integer> finalsBefore = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      Matcher m = IMAGE.matcher(log.get(i));
      if (m.find() && m.group(1).equals(stack) && m.group(3).equals("FULL_RESOLUTION")) {
        (i < scrolledLine ? finalsBefore : finalsAfter).add(Integer.parseInt(m.group(2)));
      }
    }
    if (finalsBefore.contains(target)) {
      fail("image " + target + " was final before the scroll: the load was too quick to test; finals before: "
          + finalsBefore);
    }
    int position = finalsAfter.indexOf(target);
    assertTrue(position >= 0, "no final for the scrolled image " + target + " after the scroll: " + finalsAfter);
    // Requests already in flight when the user scrolled (one per connection) and the version being handed to
    // Weasis may come first; nothing queued may.
    int mayComeFirst = NodeConfig.DEFAULT_MAX_CONNECTIONS + 1;
    assertTrue(position <= mayComeFirst, "the scrolled image " + target + " came as final number " + (position + 1)
        + " after the scroll: " + finalsAfter);
  }

  @Test
  void nothingThrowsOnWeasisEventThread() {
    List<String> thrown = log.stream().filter(l -> l.startsWith("Exception in thread \"AWT-EventQueue")).toList();
    assertTrue(thrown.isEmpty(), "exceptions on the event thread: " + thrown + "; see " + out);
  }

  private String stackUid() {
    return study.series().get(1).spec().seriesUid();
  }

  private static boolean shows(Matcher view) {
    return !view.group(4).equals("none") && Double.parseDouble(view.group(7)) > 0.05;
  }

  /** The probe's sample number of a line (one line per open view and sample). */
  private static int sample(Matcher view) {
    return Integer.parseInt(view.group(1));
  }

  private static int indexOfFirstShown(List<Matcher> samples) {
    for (int i = 0; i < samples.size(); i++) {
      if (shows(samples.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean sameView(Matcher a, Matcher b) {
    return a.group(2).equals(b.group(2)) && Integer.parseInt(b.group(1)) == Integer.parseInt(a.group(1)) + 1;
  }

  private long countMatching(Pattern pattern) {
    return weasis.output().snapshot().stream().filter(l -> pattern.matcher(l).find()).count();
  }

  private int lineOf(String fragment) {
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).contains(fragment)) {
        return i;
      }
    }
    return fail("no line with '" + fragment + "' in Weasis' output; see " + out);
  }

  private List<Matcher> matches(Pattern pattern, int from, int to) {
    List<Matcher> found = new ArrayList<>();
    for (String line : log.subList(from, to)) {
      Optional.of(pattern.matcher(line)).filter(Matcher::find).ifPresent(found::add);
    }
    return found;
  }

  private static List<String> texts(List<Matcher> matches) {
    List<String> texts = matches.stream().map(Matcher::group).toList();
    return texts.size() <= 20 ? texts : texts.subList(texts.size() - 20, texts.size());
  }
}
