package org.weasis.progressive.netshape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Naming a link, and the wire limit that benchmarks compare against. */
class LinkProfileTest {

  @Test
  void fourGIsThirtyDownFiveUpAndTenMillisecondsOneWay() {
    LinkProfile expected = new LinkProfile(30_000_000, 5_000_000, Duration.ofMillis(10));

    assertEquals(expected, LinkProfile.parse("4g"));
    assertEquals(expected, LinkProfile.parse(" 4G "));
  }

  @Test
  void localIsUnshapedAndUndelayed() {
    assertEquals(new LinkProfile(LinkProfile.UNLIMITED, LinkProfile.UNLIMITED, Duration.ZERO),
        LinkProfile.parse("local"));
  }

  @Test
  void numbersAreMegabitsMegabitsAndMilliseconds() {
    assertEquals(new LinkProfile(16_000_000, 4_000_000, Duration.ofMillis(50)), LinkProfile.parse("16,4,50"));
    assertEquals(new LinkProfile(500_000, 250_000, Duration.ofNanos(2_500_000)),
        LinkProfile.parse("0.5, 0.25, 2.5"));
    assertEquals(Duration.ZERO, LinkProfile.parse("100,100,0").oneWayDelay());
  }

  @Test
  void errorsNameTheBadValue() {
    assertEquals("Unknown link 'fast': expected 4g, local or DOWN,UP,LATENCY in Mbit/s, Mbit/s, ms (e.g. 30,5,10)",
        message(() -> LinkProfile.parse("fast")));
    assertEquals("UP must be a positive number of Mbit/s, got 'x' in link '30,x,10'",
        message(() -> LinkProfile.parse("30,x,10")));
    assertEquals("DOWN must be a positive number of Mbit/s, got '0' in link '0,5,10'",
        message(() -> LinkProfile.parse("0,5,10")));
    assertEquals("DOWN must be a positive number of Mbit/s, got '-1' in link '-1,5,10'",
        message(() -> LinkProfile.parse("-1,5,10")));
    assertEquals("LATENCY must be a number of milliseconds from 0 to 60000, got 'NaN' in link '30,5,NaN'",
        message(() -> LinkProfile.parse("30,5,NaN")));
    assertTrue(message(() -> LinkProfile.parse("30,5")).contains("'30,5'"));
    assertTrue(message(() -> LinkProfile.parse("30,5,10,1")).contains("'30,5,10,1'"));
    assertTrue(message(() -> LinkProfile.parse("30,5,99999")).contains("'99999'"));
  }

  @Test
  void theRecordRejectsWhatNoLinkCanBe() {
    assertThrows(IllegalArgumentException.class, () -> new LinkProfile(0, 1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new LinkProfile(1, -5, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new LinkProfile(1, 1, Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> new LinkProfile(1, 1, null));
  }

  @Test
  void describeReadsLikeTheCommandLine() {
    assertEquals("30 Mbit/s down, 5 Mbit/s up, 10 ms one way", LinkProfile.FOUR_G.describe());
    assertEquals("0.5 Mbit/s down, 0.25 Mbit/s up, 2.5 ms one way", LinkProfile.parse("0.5,0.25,2.5").describe());
    assertEquals("unlimited down, unlimited up, 0 ms one way", LinkProfile.LOCAL.describe());
  }

  @Test
  void wireSecondsIsTransferAtTheDownRatePlusTwoDelaysPerRoundTrip() {
    LinkProfile link = LinkProfile.parse("16,4,50");

    assertEquals(1.0, LinkShaper.wireSeconds(2_000_000, link, 0), 1e-12);
    assertEquals(1.0 + 3 * 0.1, LinkShaper.wireSeconds(2_000_000, link, 3), 1e-12);
    assertEquals(4_000_000 * 8 / 30e6 + 0.02, LinkShaper.wireSeconds(4_000_000, LinkProfile.FOUR_G, 1), 1e-12);
    assertEquals(0.0, LinkShaper.wireSeconds(1L << 40, LinkProfile.LOCAL, 5));
    assertEquals(0.0, LinkShaper.wireSeconds(0, link, 0));
  }

  @Test
  void wireSecondsRefusesNegativeCounts() {
    assertThrows(IllegalArgumentException.class, () -> LinkShaper.wireSeconds(-1, LinkProfile.FOUR_G, 0));
    assertThrows(IllegalArgumentException.class, () -> LinkShaper.wireSeconds(1, LinkProfile.FOUR_G, -1));
  }

  private static String message(Executable parse) {
    return assertThrows(IllegalArgumentException.class, parse).getMessage();
  }
}
