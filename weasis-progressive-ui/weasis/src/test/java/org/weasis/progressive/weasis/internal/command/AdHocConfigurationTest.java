package org.weasis.progressive.weasis.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;

class AdHocConfigurationTest {
  private final RetrieveConfiguration config = AdHocConfiguration.sequential();

  @Test
  void itHasCornerstonesSequentialStages() {
    assertEquals(RetrieveConfiguration.sequential().stages(), config.stages());
  }

  @Test
  void everyHtj2kFrameTakesAFirstChunkThenTheRest() {
    RetrieveOptions fast = config.optionsFor("singleFast").forTransferSyntax(TransferSyntax.HTJ2K_LOSSLESS_RPCL);
    assertEquals(0, fast.rangeIndex());
    assertEquals(AdHocConfiguration.FAST_CHUNK, fast.chunkSize());
    assertEquals(-1, config.optionsFor("singleFinal").forTransferSyntax(TransferSyntax.HTJ2K).rangeIndex());
  }

  @Test
  void otherSyntaxesLoadWholeFramesFromTheFramesPath() {
    RetrieveOptions jls = config.optionsFor("singleFast").forTransferSyntax(TransferSyntax.JPEG_LS_LOSSLESS);
    assertNull(jls.rangeIndex());
    assertNull(jls.framesPath());
    assertTrue(jls.streaming() == null || !jls.streaming());
  }
}
