package org.weasis.progressive.weasis.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;

class AdHocConfigurationTest {
  private final RetrieveConfiguration config = AdHocConfiguration.interleaved();

  @Test
  void itHasCornerstonesInterleavedStages() {
    assertEquals(RetrieveConfiguration.interleaved().stages(), config.stages());
  }

  @Test
  void htj2kFramesStreamTheirFirstStageThenTakeAFirstChunkThenTheRest() {
    assertEquals(Boolean.TRUE, config.optionsFor("default").forTransferSyntax(TransferSyntax.HTJ2K_LOSSLESS_RPCL).streaming());
    RetrieveOptions fast = config.optionsFor("multipleFast").forTransferSyntax(TransferSyntax.HTJ2K_LOSSLESS);
    assertEquals(0, fast.rangeIndex());
    assertEquals(AdHocConfiguration.FAST_CHUNK, fast.chunkSize());
    assertEquals(-1, config.optionsFor("multipleFinal").forTransferSyntax(TransferSyntax.HTJ2K).rangeIndex());
  }

  @Test
  void otherSyntaxesLoadWholeFramesFromTheFramesPath() {
    RetrieveOptions jls = config.optionsFor("multipleFast").forTransferSyntax(TransferSyntax.JPEG_LS_LOSSLESS);
    assertNull(jls.rangeIndex());
    assertNull(jls.framesPath());
    assertTrue(jls.streaming() == null || !jls.streaming());
  }
}
