package org.weasis.progressive.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules every front end (demo, preferences page, Weasis binding) takes from the core. */
class LoadingRulesTest {
  private static final String JLS_ACCEPT = "multipart/related; type=\"image/jls\"";

  @Test
  void aNodeWithProgressiveLoadingOffLoadsEveryFrameWholeWhateverItsConfigurationSays() {
    RetrieveConfiguration configured =
        RetrieveConfiguration.interleaved()
            .withRetrieveOptions(
                Map.of("default", RetrieveOptions.builder().rangeIndex(0).decodeLevel(3).build()));

    RetrieveConfiguration used = RetrieveConfiguration.forLoading(false, configured);

    assertEquals(1, used.stages().size());
    RetrieveStage stage = used.stages().getFirst();
    assertEquals(13, stage.imageIndices(13).size(), "one stage over every image");
    assertEquals(RetrieveOptions.DEFAULT, used.optionsFor(stage.retrieveType()), "no range, no level: whole");
  }

  @Test
  void aProgressiveNodeLoadsWithItsOwnConfiguration() {
    RetrieveConfiguration configured = RetrieveConfiguration.sequential();

    assertSame(configured, RetrieveConfiguration.forLoading(true, configured));
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> RetrieveConfiguration.forLoading(true, null));
    assertEquals("configured", e.getMessage());
  }

  @Test
  void aBadUrlArgumentInATransferSyntaxEntryIsNamedByItsFullPath() {
    RetrieveOptions j2k = RetrieveOptions.builder().urlArguments("a=1&b").build();
    RetrieveConfiguration configuration =
        RetrieveConfiguration.sequential()
            .withRetrieveOptions(
                Map.of(
                    "singleFast",
                    RetrieveOptions.builder()
                        .transferSyntaxes(Map.of(TransferSyntax.JPEG_2000_LOSSLESS, j2k))
                        .build()));

    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, configuration::checkRequestSyntax);

    assertEquals(
        "retrieveOptions.singleFast.transferSyntaxes.1.2.840.10008.1.2.4.90.urlArguments = \"a=1&b\":"
            + " pair \"b\" is not key=value",
        e.getMessage());
  }

  @Test
  void aBadAcceptIsNamedWithTheRetrieveTypeItIsIn() {
    RetrieveConfiguration configuration =
        RetrieveConfiguration.sequential()
            .withRetrieveOptions(Map.of("singleFinal", RetrieveOptions.builder().accept("jls").build()));

    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, configuration::checkRequestSyntax);

    assertEquals(
        "retrieveOptions.singleFinal.accept = \"jls\": \"jls\" is not type/subtype, e.g. multipart/related",
        e.getMessage());
  }

  @Test
  void wellFormedAcceptAndArgumentsPassAndTheSingleFieldChecksUseTheFieldNames() {
    RetrieveConfiguration configuration =
        RetrieveConfiguration.sequential()
            .withRetrieveOptions(
                Map.of(
                    "singleFast",
                    RetrieveOptions.builder().accept(JLS_ACCEPT).urlArguments("quality=90&size=256").build()));

    assertSame(configuration, configuration.checkRequestSyntax());
    assertEquals(
        "accept",
        assertThrows(InvalidConfigurationException.class, () -> RetrieveOptions.checkAccept("jls")).key());
    assertEquals(
        "urlArguments",
        assertThrows(InvalidConfigurationException.class, () -> RetrieveOptions.checkUrlArguments("?a=1"))
            .key());
  }
}
