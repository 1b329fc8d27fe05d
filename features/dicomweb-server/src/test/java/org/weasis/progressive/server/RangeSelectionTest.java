package org.weasis.progressive.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Range header parsing, including the cases a server must ignore rather than reject. */
class RangeSelectionTest {
  private static final RangeSelection WHOLE = new RangeSelection.Whole();
  private static final RangeSelection UNSATISFIABLE = new RangeSelection.Unsatisfiable();

  @Test
  void aClosedRangeSelectsThoseBytesAndAnEndPastTheFileIsClamped() {
    assertEquals(new RangeSelection.Part(0, 99), RangeSelection.of("bytes=0-99", 1000));
    assertEquals(new RangeSelection.Part(900, 999), RangeSelection.of("bytes=900-5000", 1000));
  }

  @Test
  void anOpenRangeSelectsTheRestAndASuffixRangeTheLastBytes() {
    assertEquals(new RangeSelection.Part(100, 999), RangeSelection.of("bytes=100-", 1000));
    assertEquals(new RangeSelection.Part(990, 999), RangeSelection.of("bytes=-10", 1000));
    assertEquals(new RangeSelection.Part(0, 999), RangeSelection.of("bytes=-5000", 1000));
  }

  @Test
  void aRangeStartingAtOrPastTheEndIsUnsatisfiable() {
    assertEquals(UNSATISFIABLE, RangeSelection.of("bytes=1000-", 1000));
    assertEquals(UNSATISFIABLE, RangeSelection.of("bytes=2000-3000", 1000));
    assertEquals(UNSATISFIABLE, RangeSelection.of("bytes=-0", 1000));
  }

  @Test
  void absentMalformedOrMultipleRangesSelectTheWholeFile() {
    assertEquals(WHOLE, RangeSelection.of(null, 1000));
    assertEquals(WHOLE, RangeSelection.of("bytes=99-0", 1000));
    assertEquals(WHOLE, RangeSelection.of("bytes=0-9,20-29", 1000));
    assertEquals(WHOLE, RangeSelection.of("items=0-9", 1000));
    assertEquals(WHOLE, RangeSelection.of("bytes=x-9", 1000));
    assertEquals(WHOLE, RangeSelection.of("bytes=-", 1000));
  }

  @Test
  void unitAndSpacesAreReadLeniently() {
    assertEquals(new RangeSelection.Part(5, 9), RangeSelection.of(" Bytes= 5-9 ", 1000));
  }
}
