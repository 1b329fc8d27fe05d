package org.weasis.progressive.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrieveOptionsTest {

  @Test
  void theBuilderSetsOnlyTheFieldsItIsGiven() {
    RetrieveOptions o = RetrieveOptions.builder().framesPath("/jls/").rangeIndex(0).chunkSize(4096).build();
    assertEquals("/jls/", o.framesPath());
    assertEquals(0, o.rangeIndex());
    assertEquals(4096, o.chunkSize());
    assertNull(o.decodeLevel());
    assertNull(o.imageQualityStatus());
    assertTrue(o.transferSyntaxes().isEmpty());
    assertEquals(RetrieveOptions.DEFAULT, RetrieveOptions.builder().build());
  }

  @Test
  void toBuilderKeepsEveryFieldAndChangesOnlyWhatIsSetAgain() {
    RetrieveOptions jls = RetrieveOptions.builder().framesPath("/jlsThumbnail/").build();
    RetrieveOptions all = RetrieveOptions.builder().framesPath("/lossy/").urlArguments("a=1").accept("image/jls")
        .decodeLevel(2).imageQualityStatus(ImageQualityStatus.LOSSY).streaming(true).rangeIndex(1).chunkSize(10)
        .transferSyntaxes(Map.of(TransferSyntax.JPEG_LS_LOSSLESS, jls)).build();
    assertEquals(all, all.toBuilder().build());
    assertEquals(3, all.toBuilder().decodeLevel(3).build().decodeLevel());
    assertEquals("/lossy/", all.toBuilder().decodeLevel(3).build().framesPath());
  }

  @Test
  void buildRejectsABadValueNamingItsField() {
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> RetrieveOptions.builder().chunkSize(0).build());
    assertTrue(e.getMessage().startsWith("chunkSize = 0"), e.getMessage());
  }
}
