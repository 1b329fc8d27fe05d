package org.weasis.progressive.itest.weasis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.netshape.LinkProfile;

/**
 * The side-by-side harness (issue 10, acceptance 4) runs in the SDK's real Weasis and gives both sets of
 * figures. Nothing here is timed: the figures are printed and written to target/side-by-side/figures.txt.
 * By default a small study keeps the run short; {@code -Dside.by.side.study=issue} (what
 * {@code ./progressive weasis-bench} passes) loads the issue's study, a 3036² image and 64 images of 512².
 */
class SideBySideIT {
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.7120";

  @Test
  void stockDicomRsAndProgressiveRsLoadTheSameStudyThroughTheSameShapedServerAndBothGiveTheirFigures()
      throws Exception {
    WeasisSetup setup = WeasisSetup.require();
    boolean issue = "issue".equals(System.getProperty("side.by.side.study"));
    int single = issue ? 3036 : 1024;
    int stack = issue ? 64 : 8;
    int stackSize = issue ? 512 : 256;
    Path out = Path.of(System.getProperty("real.weasis.dir", "target/real-weasis")).resolveSibling("side-by-side")
        .toAbsolutePath();
    SideBySide.Viewer viewer = SideBySide.Viewer.valueOf(
        System.getProperty("side.by.side.viewer", "cold").toUpperCase(java.util.Locale.ROOT));
    // Each round loads the study on all three sides again, in new Weasis processes: first-image figures vary
    // by some 100 ms from round to round on a shared machine, so ratios are given per round and as medians.
    int rounds = Integer.getInteger("side.by.side.rounds", 1);
    List<SideBySide.Figures> all = new ArrayList<>();
    SideBySide harness = null;
    for (int round = 1; round <= rounds; round++) {
      harness = new SideBySide(setup, round == 1 ? out : out.resolve("round-" + round), viewer);
      all.add(harness.run(STUDY, single, stack, stackSize, LinkProfile.FOUR_G));
    }
    SideBySide.Figures figures = all.getFirst();
    System.out.println(figures.table());
    if (rounds > 1) {
      String summary = SideBySide.Figures.rounds(all);
      Files.writeString(out.resolve("figures.txt"), figures.table() + summary);
      System.out.println(summary);
    }

    int images = 1 + stack;
    SideBySide.Side stock = figures.stock();
    SideBySide.Side ours = figures.ours();
    for (SideBySide.Side side : List.of(figures.stockAlone(), stock)) {
      assertEquals(images, side.finalImages(), "images Weasis' own loader counted: " + side);
      assertEquals(0, side.errors(), "stock errors: " + side);
      assertTrue(side.bytesDown() >= figures.plainBytes(), side.bytesDown() + " < " + figures.plainBytes());
    }
    assertEquals(images, ours.finalImages(), "final images of ours: " + ours);
    assertEquals(0, ours.errors(), "errors of ours: " + ours);
    for (SideBySide.Side side : List.of(figures.stockAlone(), stock, ours)) {
      assertTrue(side.firstShownMs() >= 0 && side.allInViewerMs() >= 0, side.toString());
    }
    assertTrue(ours.firstVersionMs() >= 0 && ours.firstVersionMs() <= ours.allFinalMs(), ours.toString());
    // Where our time went: the binding's timing lines of the study and of each series are in the figures.
    assertTrue(ours.phases().stream().anyMatch(l -> l.contains("study (ms from the command)")), figures.table());
    assertEquals(2, ours.phases().stream().filter(l -> l.contains("steps (ms)")).count(), figures.table());
    // Stock read the whole uncompressed copy; ours the HTJ2K frames (fewer bytes) through the same shaper.
    assertTrue(ours.bytesDown() > 0 && ours.bytesDown() < stock.bytesDown(), figures.table());
    List<String> paths = harness.requests();
    assertTrue(paths.stream().anyMatch(p -> p.startsWith("/plain/studies/" + STUDY + "/series/")
        && !p.contains("/instances")), "no series retrieve of the uncompressed copy: " + paths);
    assertTrue(paths.stream().noneMatch(p -> p.startsWith("/plain/") && p.contains("/frames/")),
        "stock asked for frames: " + paths);
    assertTrue(paths.stream().anyMatch(p -> p.startsWith("/htj2k/") && p.contains("/frames/")),
        "no frame of ours: " + paths);
    for (String name : List.of("stock-alone/stock-alone-all-final.png", "stock/stock-all-final.png", "progressive/progressive-all-final.png", "figures.txt")) {
      assertTrue(Files.isRegularFile(out.resolve(name)), name + " under " + out);
    }
  }
}
