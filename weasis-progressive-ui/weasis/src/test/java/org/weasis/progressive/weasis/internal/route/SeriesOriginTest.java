package org.weasis.progressive.weasis.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.dicom.mf.HttpTag;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;

class SeriesOriginTest {
  @Test
  void theRootIsTheWadoBaseUrlElseTheRetrieveUrlBeforeStudies() {
    assertEquals("http://m/wado", SeriesOrigin.baseUrl("http://m/wado", "http://x/rs/studies/1/series/2"));
    assertEquals("http://x/rs", SeriesOrigin.baseUrl("", "http://x/rs/studies/1/series/2"));
    assertNull(SeriesOrigin.baseUrl(null, null));
  }

  @Test
  void theLoadsHeadersAreItsHttpTagsAndWebLoginWithoutAccept() {
    Map<String, String> headers = SeriesOrigin.headers(List.of(new HttpTag("authorization", "Bearer t"),
        new HttpTag("Accept", "multipart/related; type=\"application/dicom\"")), null);
    assertEquals(Map.of("authorization", "Bearer t"), headers);
    assertEquals(Map.of("Authorization", "Basic dTpw"), SeriesOrigin.headers(List.of(), "dTpw"));
  }

  @Test
  void theOriginsTextNamesNoHeaderValue() {
    SeriesOrigin origin = new SeriesOrigin("http://x/rs", "1", "2", Map.of("Authorization", "Bearer s3cret"));
    assertFalse(origin.toString().contains("s3cret"));
  }

  @Test
  void theLoadsHeadersOverrideTheNodesOfTheSameNameWhateverTheirCase() {
    NodeConfig node = NodeConfig.builder().name("PACS").baseUrl("http://pacs/rs")
        .authentication(Authentication.headers(Map.of("Authorization", "Bearer node", "X-Site", "a"))).build();
    NodeConfig merged = LoadRouter.withLoadHeaders(node, Map.of("authorization", "Bearer portal"));
    Map<String, String> sent = merged.requestHeaders();
    assertEquals(2, sent.size(), sent.keySet().toString());
    assertEquals("a", sent.get("X-Site"));
    assertEquals("Bearer portal", sent.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("Authorization")).findFirst().orElseThrow().getValue());
  }
}
