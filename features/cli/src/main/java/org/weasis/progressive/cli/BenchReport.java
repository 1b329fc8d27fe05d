package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.weasis.progressive.netshape.LinkProfile;

/**
 * The bench's tables and legend as text, and the same figures as JSON, so the printed table, bench.txt
 * and bench.json never disagree.
 */
final class BenchReport {
  private final LinkProfile link;
  private final BenchData data;
  private final List<BenchCase> cases;

  BenchReport(LinkProfile link, BenchData data, List<BenchCase> cases) {
    this.link = link;
    this.data = data;
    this.cases = List.copyOf(cases);
  }

  String header() {
    StudyWriter.Spec s = data.single();
    StudyWriter.Spec k = data.stack();
    return String.format(Locale.ROOT, "Link: %s (wire limit = bytes*8/down + round trips*2*latency)%n"
        + "Data: one %dx%d %d-bit image; a stack of %d images of %dx%d %d-bit (%s)%n",
        link.describe(), s.columns(), s.rows(), s.bitsStored(), k.images(), k.columns(), k.rows(), k.bitsStored(),
        data.root());
  }

  static String singleHeader() {
    return String.format(Locale.ROOT, "%-13s %2s %6s %6s %9s %7s %7s | %8s %5s %6s %7s%n", "case", "rt", "first",
        "final", "bytes", "wire", "finDec", "1stBytes", "1stPx", "1stDec", "1stWire") + rule(96);
  }

  static String singleRow(SingleResult r) {
    return String.format(Locale.ROOT, "%-13s %2d %6d %6d %9d %7.1f %7.1f | %8d %5d %6.1f %7.1f%n", r.name(),
        r.roundTrips(), r.firstMs(), r.finalMs(), r.bytes(), r.wireMs(), r.finalDecodeMs(), r.firstBytes(),
        r.firstColumns(), r.firstDecodeMs(), r.firstWireMs());
  }

  static String targetsHeader() {
    return String.format(Locale.ROOT, "%-13s %6s %6s  %-22s  %-11s  %-19s  %-14s%n", "case", "first", "budget",
        "first/(1stWire+1stDec)", "final/wire", "final/(wire+finDec)", "final/jls-full") + rule(104);
  }

  static String targetsRow(SingleResult r) {
    return String.format(Locale.ROOT, "%-13s %6d %6.1f  %-22s  %-11s  %-19s  %-14s%n", r.name(), r.firstMs(),
        r.firstBudgetMs(), verdict(r.firstRatio(), r.firstPass()), verdict(r.finalRatio(), r.finalPass()),
        String.format(Locale.ROOT, "%.2f", r.decodedFinalRatio()),
        r.referenceRatio() == null ? "-" : verdict(r.referenceRatio(), r.referencePass()));
  }

  static String stackHeader() {
    return String.format(Locale.ROOT, "%-13s %6s %6s %6s %8s %8s %9s %7s  %-17s  %-13s%n", "case", "images",
        "fastPx", "first", "allShown", "complete", "bytes", "wire", "allShown/complete", "complete/wire")
        + rule(106);
  }

  static String stackRow(StackResult r) {
    return String.format(Locale.ROOT, "%-13s %6d %6d %6d %8d %8d %9d %7.1f  %-17s  %-13s%n", r.name(), r.images(),
        r.fastColumns(), r.firstMs(), r.allShownMs(), r.completeMs(), r.bytes(), r.wireMs(),
        verdict(r.shownRatio(), r.shownPass()), verdict(r.completeRatio(), r.completePass()));
  }

  static String targetRowsHeader() {
    return String.format(Locale.ROOT, "%-48s %6s %6s %-5s  %s%n", "figure", "ratio", "target", "", "how")
        + rule(120);
  }

  static String targetRow(TargetRow r) {
    return String.format(Locale.ROOT, "%-48s %6s %6s %-5s  %s%n", r.figure(), number(r.value()),
        r.hasTarget() ? "<=" + number(r.target()) : "", r.verdict(), r.how());
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** Column meanings, the targets, and what each case loads. */
  String legend() {
    StringBuilder b = new StringBuilder();
    b.append("""
        Times in ms from the start of the load (metadata request included); rt = sequential requests on the
        critical path to the final (metadata + frame requests); bytes = bytes the link carried down (HTTP
        headers included); wire = wire limit of those bytes with rt round trips.
        1stBytes = metadata + frame body bytes in hand when the first version was decoded, 1stPx its width,
        1stDec / finDec = offline decode time (median of 3, same decoder, same bytes) of the first / final
        version, 1stWire = wire limit of 1stBytes with 2 round trips (metadata + first frame request).
        final/(wire+finDec) is no target: it shows what is left once the final's own decode, which starts
        after its last byte, is counted too.
        Targets: first <= 1.5 x 1stWire + 1stDec (the byte-range row is the one issue 4 sets); final <= 1.10 x
        wire; progressive final <= 1.05 x the jls-full final; stack allShown <= 0.3 x complete, complete <=
        1.10 x wire (stack wire counts 2 round trips: later requests overlap on 6 connections).
        Cases:
        """);
    for (BenchCase c : cases) {
      b.append(String.format(Locale.ROOT, "  %-13s %s%n", c.name(), c.summary()));
    }
    return b.toString();
  }

  /** Everything as one JSON document. */
  String json(List<SingleResult> singles, List<StackResult> stacks, List<TargetRow> targets, String loadBefore,
      String loadAfter) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ObjectNode l = root.putObject("link");
    l.put("downBitsPerSecond", link.downBitsPerSecond());
    l.put("upBitsPerSecond", link.upBitsPerSecond());
    l.put("oneWayDelayMs", link.oneWayDelay().toNanos() / 1e6);
    root.set("data", mapper.valueToTree(List.of(data.single(), data.stack())));
    ObjectNode t = root.putObject("targets");
    t.put("firstFactor", WireLimit.FIRST_FACTOR);
    t.put("finalFactor", WireLimit.FINAL_FACTOR);
    t.put("referenceFactor", WireLimit.REFERENCE_FACTOR);
    t.put("shownFraction", WireLimit.SHOWN_FRACTION);
    root.set("singleImage", mapper.valueToTree(singles));
    root.set("stack", mapper.valueToTree(stacks));
    ArrayNode rows = root.putArray("issue11Targets");
    for (TargetRow r : targets) {
      ObjectNode row = rows.addObject();
      row.put("figure", r.figure());
      putNumber(row, "ratio", r.value());
      putNumber(row, "target", r.target());
      row.put("verdict", r.verdict());
      row.put("how", r.how());
    }
    root.put("loadAverageBefore", loadBefore);
    root.put("loadAverageAfter", loadAfter);
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON has no NaN: a figure not measured, or a target a context row lacks, is null. */
  private static void putNumber(ObjectNode node, String name, double value) {
    if (Double.isNaN(value)) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }

  private static String rule(int width) {
    return "-".repeat(width) + System.lineSeparator();
  }

  static String verdict(double ratio, boolean pass) {
    return String.format(Locale.ROOT, "%.2f %s", ratio, pass ? "PASS" : "MISS");
  }
}
