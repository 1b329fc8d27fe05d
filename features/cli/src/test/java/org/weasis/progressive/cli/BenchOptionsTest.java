package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.netshape.LinkProfile;
import picocli.CommandLine.ParameterException;

/** The bench's command line: defaults, each option, and the messages for bad input. */
class BenchOptionsTest {

  @Test
  void withNoOptionsTheLinkIs4gWithNoOutputAndFullSizeData() {
    BenchCommand.Options o = parse();
    assertEquals(LinkProfile.FOUR_G, o.link());
    assertNull(o.out());
    assertFalse(o.quick());
  }

  @Test
  void netTakesNamesOrDownUpLatency() {
    assertEquals(LinkProfile.LOCAL, parse("--net", "local").link());
    assertEquals(new LinkProfile(10_000_000, 2_000_000, Duration.ofMillis(50)), parse("--net", "10,2,50").link());
  }

  @Test
  void outAndQuickAreRead() {
    BenchCommand.Options o = parse("--quick", "--out", "/tmp/bench-out");
    assertEquals(Path.of("/tmp/bench-out"), o.out());
    assertTrue(o.quick());
  }

  @Test
  void aBadLinkNamesTheOption() {
    UsageException e = assertThrows(UsageException.class, () -> parse("--net", "5g"));
    assertTrue(e.getMessage().startsWith("bench: --net"), e.getMessage());
  }

  @Test
  void unknownOptionsAndMissingValuesAreRefused() {
    assertThrows(ParameterException.class, () -> parse("--fast"));
    assertThrows(ParameterException.class, () -> parse("--out"));

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, Main.run(new String[] {"bench", "--fast"}, print, print));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("bench: unknown option --fast"), err.toString());
    err.reset();
    assertEquals(2, Main.run(new String[] {"bench", "--out"}, print, print));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out"), err.toString());
  }

  @Test
  void helpIsPrintedThroughMainAndListedInTheUsage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(0, Main.run(new String[] {"bench", "--help"}, print, print));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--net 4g|local|DOWN,UP,LATENCY"));
    out.reset();
    assertEquals(0, Main.run(new String[] {"help"}, print, print));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("bench"));
  }

  private static BenchCommand.Options parse(String... argv) {
    return BenchCommand.parse(argv);
  }
}
