package org.weasis.progressive.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weasis.progressive.api.NodeConfig;

/**
 * Issue 12: a secret-less export whose URL was edited to another server, imported back, gave that server
 * the stored Bearer token. A stored secret now stays with the origin (scheme, host, port) it was stored
 * for.
 */
class StoredSecretOriginTest {
  private static final String STORED_URL = "https://pacs.example/dicom-web";

  @ParameterizedTest
  @ValueSource(strings = {
      "http://pacs.example/dicom-web",        // scheme: the secret would travel in clear text
      "https://attacker.example/dicom-web",   // host
      "https://pacs.example:8443/dicom-web",  // port
      "https://pacs.example.attacker.example/dicom-web"})
  void anImportPointingAtAnotherOriginGetsNoStoredSecret(String editedUrl) {
    NodeConfig imported = importedWithUrl(editedUrl);

    NodeConfig kept = NodeJson.keepStoredSecrets(imported, Nodes.full());

    assertEquals(editedUrl, kept.baseUrl());
    assertNull(kept.authentication().secret(), "no password for " + editedUrl);
    assertEquals(Map.of("X-Api-Key", "", "X-Site", ""), kept.authentication().headers(),
        "no header value for " + editedUrl);
    assertTrue(kept.requestHeaders().isEmpty(), () -> "nothing would be sent: "
        + kept.requestHeaders().keySet());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://pacs.example/dicom-web",
      "https://PACS.example:443/other-root", // same origin: case, default port and path do not matter
  })
  void anImportOnTheSameOriginKeepsTheStoredSecrets(String url) {
    NodeConfig imported = importedWithUrl(url);

    NodeConfig kept = NodeJson.keepStoredSecrets(imported, Nodes.full());

    assertEquals(Nodes.PASSWORD, kept.authentication().secret());
    assertEquals(Nodes.API_KEY, kept.authentication().headers().get("X-Api-Key"));
  }

  /** The stored node exported without secrets, its URL edited in the JSON, read back. */
  private static NodeConfig importedWithUrl(String url) {
    String export = NodeJson.write(List.of(Nodes.full()), false);
    assertTrue(export.contains(STORED_URL));
    return NodeJson.read(export.replace(STORED_URL, url)).getFirst();
  }
}
