package org.weasis.progressive.codec.openjpeg.internal.natives;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LargeBlocksTest {
  @Test
  void glibcsMalloptTakesTheMmapThresholdThatKeepsA4096SquarePlaneInTheArenas() {
    // The project's machines run Debian (glibc); elsewhere the tuning is skipped, not failed.
    assertTrue(LargeBlocks.keepInArenas(), "mallopt(M_MMAP_THRESHOLD, " + LargeBlocks.THRESHOLD + ") refused");
    assertTrue(LargeBlocks.keepInArenas(), "a second call (another class loader's) is accepted too");
  }
}
