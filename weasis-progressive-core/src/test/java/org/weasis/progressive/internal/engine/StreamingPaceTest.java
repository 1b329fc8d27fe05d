package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The pacing of partial decodes, on given times: no clock, no thread. */
class StreamingPaceTest {
  private static final long MS = 1_000_000;
  /** A 1518² level: 2.3 M samples, 46 ms at the default 20 ns a sample. */
  private static final long LEVEL_1 = 1518L * 1518;

  private final StreamingPace pace = new StreamingPace();

  @Test
  void onA30MbitLinkTheRestTakesLongerThanTheDecodeSoTheLevelIsDecoded() {
    pace.arrived(16_384, 0);
    // 3.75 bytes a microsecond: 2 MB in 533 ms, the other 6 MB need 1.6 s
    assertTrue(pace.worthDecoding(LEVEL_1, 2_000_000, 8_000_000, 533 * MS));
  }

  @Test
  void onAnUnshapedLinkTheRestArrivesBeforeTheDecodeWouldEndSoItIsSkipped() {
    pace.arrived(16_384, 0);
    // 2 MB in 10 ms: the other 6 MB need 30 ms, a 46 ms decode would end after the last byte
    assertFalse(pace.worthDecoding(LEVEL_1, 2_000_000, 8_000_000, 10 * MS));
    assertTrue(pace.worthDecoding(190L * 190, 2_000_000, 8_000_000, 10 * MS), "a 190² level takes 0.7 ms");
  }

  @Test
  void aDecodeThatWouldEndJustBeforeTheLastByteIsSkippedBecauseABusyMachineRunsItLonger() {
    pace.arrived(16_384, 0);
    // 2 MB in 20 ms: the other 6 MB need 60 ms, longer than the 46 ms estimate, not twice as long
    assertFalse(pace.worthDecoding(LEVEL_1, 2_000_000, 8_000_000, 20 * MS));
    // 2 MB in 40 ms: the other 6 MB need 120 ms, room for a decode twice as slow as estimated
    assertTrue(pace.worthDecoding(LEVEL_1, 2_000_000, 8_000_000, 40 * MS));
  }

  @Test
  void onALanTheRateIsTheRecentOneNotTheSlowStartsSoAFastRestSkipsTheDecode() {
    pace.arrived(16_384, 0);
    pace.arrived(250_000, 40 * MS); // slow start: 6 bytes a microsecond
    pace.arrived(600_000, 42 * MS);
    pace.arrived(1_200_000, 44 * MS);
    pace.arrived(2_000_000, 46 * MS); // then 350 bytes a microsecond
    // since the first byte: 2 MB in 46 ms, the other 6 MB would need 139 ms, more than twice 46 ms;
    // recently: 1.4 MB in 4 ms, the other 6 MB come in 17 ms, before a 46 ms decode could end
    assertFalse(pace.worthDecoding(LEVEL_1, 2_000_000, 8_000_000, 46 * MS));
  }

  @Test
  void onALinkThatStallsTheRecentRateDropsAndTheLevelIsDecoded() {
    pace.arrived(16_384, 0);
    pace.arrived(1_000_000, 5 * MS);
    pace.arrived(2_000_000, 10 * MS); // 200 bytes a microsecond, then a stall
    pace.arrived(4_000_000, 400 * MS);
    // since the bytes doubled to 2 MB: 2 MB in 390 ms, the other 4 MB need 780 ms
    assertTrue(pace.worthDecoding(LEVEL_1, 4_000_000, 8_000_000, 400 * MS));
  }

  @Test
  void withoutATotalOrARateEveryLevelIsWorthDecoding() {
    assertTrue(pace.worthDecoding(LEVEL_1, 2_000_000, 8_000_000, 10 * MS), "no data timed yet");
    pace.arrived(16_384, 0);
    assertTrue(pace.worthDecoding(LEVEL_1, 2_000_000, -1, 10 * MS), "total unknown");
    assertTrue(pace.worthDecoding(LEVEL_1, 16_384, 8_000_000, 10 * MS), "nothing since the first read");
  }

  @Test
  void thePrefixIsInspectedAfterEachEighthOfGrowth() {
    assertTrue(pace.shouldInspect(100));
    assertTrue(pace.shouldInspect(113), "a small prefix: after a few bytes");
    assertTrue(pace.shouldInspect(1_000_000));
    assertFalse(pace.shouldInspect(1_100_000), "10 %");
    assertTrue(pace.shouldInspect(1_125_000), "12.5 %");
    assertFalse(pace.shouldInspect(1_125_000), "no growth");
  }
}
