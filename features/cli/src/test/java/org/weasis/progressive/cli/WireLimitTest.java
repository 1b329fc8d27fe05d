package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.weasis.progressive.netshape.LinkProfile;

/** The wire limit and the targets as plain arithmetic on the 4g link (30 Mbit/s down, 10 ms one way). */
class WireLimitTest {
  private static final LinkProfile FOUR_G = LinkProfile.FOUR_G;

  @Test
  void wireTimeIsBytesAtTheDownRatePlusTwoDelaysPerRoundTrip() {
    assertEquals(1000.0, WireLimit.ms(3_750_000, FOUR_G, 0), 1e-9);
    assertEquals(1040.0, WireLimit.ms(3_750_000, FOUR_G, 2), 1e-9);
    assertEquals(60.0, WireLimit.ms(0, FOUR_G, 3), 1e-9);
  }

  @Test
  void anUnlimitedLinkCostsOnlyItsRoundTrips() {
    assertEquals(0.0, WireLimit.ms(1_000_000_000, LinkProfile.LOCAL, 5), 1e-9);
  }

  @Test
  void theFirstImageBudgetIsOneAndAHalfWireTimesPlusTheDecode() {
    // 65536 bytes = 17.4763 ms at 30 Mbit/s, + 2 round trips of 20 ms = 57.4763 ms
    assertEquals(1.5 * 57.476266666 + 3, WireLimit.firstImageBudgetMs(65536, FOUR_G, 2, 3), 1e-6);
  }

  @Test
  void finalsPassUpToTenPercentOverTheWireAndNeverWhenMissing() {
    assertTrue(WireLimit.finalPasses(1100, 1000));
    assertFalse(WireLimit.finalPasses(1101, 1000));
    assertFalse(WireLimit.finalPasses(-1, 1000));
  }

  @Test
  void progressiveFinalsPassUpToFivePercentOverTheReference() {
    assertTrue(WireLimit.referencePasses(1050, 1000));
    assertFalse(WireLimit.referencePasses(1051, 1000));
    assertFalse(WireLimit.referencePasses(900, -1));
  }

  @Test
  void aStackIsShownInTimeAtThreeTenthsOfItsCompleteTime() {
    assertTrue(WireLimit.shownPasses(300, 1000));
    assertFalse(WireLimit.shownPasses(301, 1000));
    assertFalse(WireLimit.shownPasses(-1, 1000));
  }
}
