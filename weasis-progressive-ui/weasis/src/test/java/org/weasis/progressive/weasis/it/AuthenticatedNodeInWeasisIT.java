package org.weasis.progressive.weasis.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A Weasis DICOMweb node with one of Weasis' OAuth2 authentication methods, in the SDK's real Weasis under
 * Xvfb: with progressive on, {@code dicom:rs --auth-uid} on it loads through our engine with the method's
 * token. The node is a real Orthanc behind a gate that answers only tokens its provider handed out (client
 * credentials, which Weasis takes without a browser); the method is in Weasis' own authenticationNodes.xml.
 */
class AuthenticatedNodeInWeasisIT {
  private static final Path DIR = Path.of("target", "it-auth").toAbsolutePath();
  private static final String NODE = "OAuth2 PACS";
  private static final String PROVIDER = "IT OAuth2";

  @Test
  void aNodeWithAWeasisAuthenticationMethodLoadsProgressivelyWithItsTokenNeverLogged() throws Exception {
    Files.createDirectories(DIR);
    Path source = Path.of(System.getProperty("repository.root", "../..")).resolve("../shared/fixtures/static-dicomweb-mkdicomweb-source");
    Path[] files;
    try (Stream<Path> listed = Files.list(source)) {
      files = listed.filter(f -> f.toString().endsWith(".dcm")).sorted().toArray(Path[]::new);
    }
    String study = RoutingInWeasisIT.STUDY;
    String series = RoutingInWeasisIT.SERIES;
    String log;
    try (Display display = Display.start(DIR.resolve("xvfb.log"));
        LocalOrthanc orthanc = LocalOrthanc.start(DIR.resolve("orthanc"), files);
        BearerGate gate = new BearerGate(orthanc.dicomWebUrl())) {
      Path home = PreferencesInWeasisIT.emptyDirectory(DIR.resolve("home"));
      String uid = UUID.randomUUID().toString();
      writeAuthenticationMethod(home, uid, gate.baseUrl());
      PreferencesInWeasisIT.writeNodeList(home, PreferencesInWeasisIT.node(NODE, "DICOMWEB", gate.dicomWebUrl(), "")
          .replace("auth=\"\"", "auth=\"" + uid + "\""));
      try (RealWeasis weasis = RealWeasis.start(display.name(), home, RealWeasis.ourBundles(), DIR.resolve("weasis.log"),
          "$progressive:enable", "--url", gate.dicomWebUrl(),
          "$dicom:rs", "--url", gate.dicomWebUrl(), "--auth-uid", uid, "-r", "studyUID=" + study)) {
        weasis.awaitLog("progressive series done series=" + series, 180);
        log = weasis.log();
      }
      assertTrue(log.contains("Series " + series + " from node \"" + NODE
          + "\" loads progressively, with its Weasis authentication"), log);
      assertTrue(log.lines().anyMatch(line -> line.contains("progressive series done series=" + series + " final=3 errors=0")), log);
      List<BearerGate.Recorded> requests = gate.requests();
      assertTrue(requests.stream().anyMatch(r -> r.target().contains("/frames")), "our engine fetched no frame");
      List<String> tokens = gate.issued();
      assertFalse(tokens.isEmpty());
      for (BearerGate.Recorded request : requests) {
        assertTrue(request.status() != 401, "refused: " + request.target() + " " + requests);
      }
      for (String token : tokens) {
        assertFalse(log.contains(token), "a token is in Weasis' log");
      }
      assertFalse(log.lines().anyMatch(line -> line.contains("*ERROR*") && line.contains("o.w.p.")),
          "one of our bundles logged an ERROR");
    }
  }

  /** Weasis' authentication methods file, beside its node list: one client-credentials method. */
  private static void writeAuthenticationMethod(Path home, String uid, String providerUrl) throws Exception {
    Path file = home.resolve(".weasis/data/weasis-dicom-explorer/authenticationNodes.xml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methods><method uid=\"" + uid + "\" code=\"\">"
        + "<provider name=\"" + PROVIDER + "\" auth=\"" + providerUrl + "/auth\" token=\"" + providerUrl
        + "/token\" revoke=\"" + providerUrl + "/revoke\" openid=\"false\"/>"
        + "<registration id=\"weasis\" secret=\"client-secret\" scope=\"dicom\" audience=\"\""
        + " grantType=\"client_credentials\"/></method></methods>", StandardCharsets.UTF_8);
  }
}
