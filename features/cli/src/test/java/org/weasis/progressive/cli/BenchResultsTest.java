package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.netshape.LinkProfile;

/** Ratios and verdicts of table rows from given measurements, and the same rows in text and JSON. */
class BenchResultsTest {
  private static final LinkProfile FOUR_G = LinkProfile.FOUR_G;

  @Test
  void aByteRangeRowComparesItsFirstImageWithTheBytesInHandAndItsFinalWithTheReference() {
    BenchCase range = byName("htj2k-range");
    // 65536 + 307 bytes → 17.558 ms + 2 round trips = 57.558 ms; budget 1.5 × that + 3 ms decode = 89.34 ms
    SingleResult r = SingleResult.of(range,
        new SingleResult.Measured(80, 1100, 3_750_000, 65_843, 380, 3, 100), FOUR_G, 1050);
    assertEquals(57.558, r.firstWireMs(), 1e-3);
    assertEquals(89.34, r.firstBudgetMs(), 1e-2);
    assertTrue(r.firstPass());
    assertEquals(80 / (57.558 + 3), r.firstRatio(), 1e-3);
    assertEquals(1060.0, r.wireMs(), 1e-9, "3 round trips: metadata, first chunk, the rest");
    assertEquals(1100 / 1060.0, r.finalRatio(), 1e-9);
    assertTrue(r.finalPass());
    assertEquals(1100 / 1160.0, r.decodedFinalRatio(), 1e-9);
    assertEquals(1100 / 1050.0, r.referenceRatio(), 1e-9);
    assertTrue(r.referencePass());
  }

  @Test
  void nonProgressiveRowsAreNotComparedWithTheReference() {
    SingleResult r = SingleResult.of(byName("jls-full"),
        new SingleResult.Measured(1200, 1200, 3_750_000, 3_750_000, 3036, 150, 150), FOUR_G, -1);
    assertNull(r.referenceRatio());
    assertNull(r.referencePass());
    assertFalse(r.finalPass(), "1200 > 1.10 × 1040");
    assertTrue(BenchReport.targetsRow(r).contains("1.15 MISS"), BenchReport.targetsRow(r));
  }

  @Test
  void aStackRowSetsAllShownAgainstCompleteAndCompleteAgainstTheWire() {
    StackResult r = StackResult.of(byName("stack-jls"), 100, 128, 90, 300, 1100, 3_750_000, FOUR_G);
    assertEquals(1040.0, r.wireMs(), 1e-9);
    assertEquals(300 / 1100.0, r.shownRatio(), 1e-9);
    assertTrue(r.shownPass());
    assertTrue(r.completePass(), "1100 <= 1.10 × 1040 = 1144");
    assertFalse(StackResult.of(byName("stack-jls"), 100, 128, 90, 300, 1145, 3_750_000, FOUR_G).completePass());
    assertTrue(BenchReport.stackRow(r).contains("0.27 PASS"), BenchReport.stackRow(r));
  }

  @Test
  void theJsonHoldsEveryRowWithItsVerdicts() throws Exception {
    SingleResult single = SingleResult.of(byName("htj2k-stream"),
        new SingleResult.Measured(60, 1100, 3_750_000, 33_000, 190, 4, 117), FOUR_G, 1100);
    StackResult stack = StackResult.of(byName("stack-htj2k"), 100, 128, 100, 400, 3300, 11_000_000, FOUR_G);
    BenchReport report = new BenchReport(FOUR_G, BenchData.plan(Path.of("data"), true), BenchCase.stacks());
    List<TargetRow> targets = List.of(TargetRow.of("htj2k-stream final / wire", 1.2, TargetRow.HTJ2K_FINAL, "h"),
        TargetRow.context("  same, no warm-up", 3.5, "c"));
    JsonNode json = new ObjectMapper().readTree(
        report.json(List.of(single), List.of(stack), targets, "1 1 1", "2 2 2"));
    assertEquals("htj2k-stream", json.at("/singleImage/0/name").asText());
    assertTrue(json.at("/singleImage/0/referencePass").asBoolean());
    assertEquals(128, json.at("/stack/0/fastColumns").asInt());
    assertEquals(30_000_000, json.at("/link/downBitsPerSecond").asLong());
    assertEquals(1024, json.at("/data/0/rows").asInt());
    assertEquals("MISS", json.at("/issue11Targets/0/verdict").asText());
    assertEquals(1.10, json.at("/issue11Targets/0/target").asDouble(), 1e-9);
    assertTrue(json.at("/issue11Targets/1/target").isNull(), "a context row has no target, not NaN");
    assertEquals("-", json.at("/issue11Targets/1/verdict").asText());
  }

  @Test
  void anIssue11FigurePassesAtOrBelowItsTargetAndAContextRowHasNoVerdict() {
    assertTrue(TargetRow.of("cold / warm", 1.3, TargetRow.COLD_VS_WARM, "").pass(), "at the target");
    TargetRow miss = TargetRow.of("jls-full final / wire", 1.19, TargetRow.JLS_FINAL, "1102 ms / 926 ms");
    assertFalse(miss.pass());
    assertTrue(BenchReport.targetRow(miss).contains("1.19 <=1.05 MISS"), BenchReport.targetRow(miss));
    assertFalse(TargetRow.of("unmeasured", Double.NaN, TargetRow.STACK_COMPLETE, "").pass());
    TargetRow context = TargetRow.context("  same, no warm-up", 3.2, "");
    assertFalse(context.hasTarget());
    assertEquals("-", context.verdict());
  }

  @Test
  void theColdLoadAtStartAndTheLoadAUserWouldStartAreHeldToTheTargetAndSayWhetherTheWarmUpHadEnded() {
    TargetRow atStart = BenchCommand.coldRow(ColdStart.WarmUp.AT_ONCE,
        new ColdStart.Result(ColdStart.WarmUp.AT_ONCE, 130, 1500, 100, 1100, 900, 5));
    assertEquals(1.3, atStart.value(), 1e-9);
    assertEquals("PASS", atStart.verdict());
    assertTrue(atStart.how().contains("started 5 ms after activation began, warm-up still running (took 900 ms)"),
        atStart.how());

    TargetRow later = BenchCommand.coldRow(ColdStart.WarmUp.USER_DELAY,
        new ColdStart.Result(ColdStart.WarmUp.USER_DELAY, 140, 1500, 100, 1100, 900, 2000));
    assertEquals("cold first image / warm, load 2 s after start", later.figure());
    assertEquals("MISS", later.verdict());
    assertTrue(later.how().contains("warm-up ended (took 900 ms)"), later.how());

    TargetRow none = BenchCommand.coldRow(ColdStart.WarmUp.NONE,
        new ColdStart.Result(ColdStart.WarmUp.NONE, 500, 1500, 100, 1100, -1, 5));
    assertFalse(none.hasTarget());
    assertTrue(none.how().endsWith("no warm-up"), none.how());
  }

  private static BenchCase byName(String name) {
    return java.util.stream.Stream.concat(BenchCase.singleImage().stream(), BenchCase.stacks().stream())
        .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }
}
