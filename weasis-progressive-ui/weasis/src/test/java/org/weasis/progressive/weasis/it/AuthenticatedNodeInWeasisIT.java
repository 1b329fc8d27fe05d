package org.weasis.progressive.weasis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Weasis DICOMweb node with one of Weasis' OAuth2 authentication methods, in the SDK's real Weasis under
 * Xvfb: its series load through our engine with the method's token, whether Weasis' own {@code dicom:rs
 * --auth-uid} is routed to us (progressive on for the node) or {@code progressive:rs --auth-uid} opens them.
 * The node is a real Orthanc behind a gate that answers only tokens its provider handed out (client
 * credentials, which Weasis takes without a browser); the method is in Weasis' own authenticationNodes.xml.
 */
class AuthenticatedNodeInWeasisIT {
  private static final Path DIR = Path.of("target", "it-auth").toAbsolutePath();
  private static final String NODE = "OAuth2 PACS";
  private static final String PROVIDER = "IT OAuth2";
  private static final String STUDY = RoutingInWeasisIT.STUDY;
  private static final String SERIES = RoutingInWeasisIT.SERIES;
  private static Display display;
  private static LocalOrthanc orthanc;
  private static BearerGate gate;

  @BeforeAll
  static void startDisplayAndNode() throws Exception {
    Files.createDirectories(DIR);
    Path source = Path.of(System.getProperty("repository.root", "../..")).resolve("../shared/fixtures/static-dicomweb-mkdicomweb-source");
    Path[] files;
    try (Stream<Path> listed = Files.list(source)) {
      files = listed.filter(f -> f.toString().endsWith(".dcm")).sorted().toArray(Path[]::new);
    }
    display = Display.start(DIR.resolve("xvfb.log"));
    orthanc = LocalOrthanc.start(DIR.resolve("orthanc"), files);
    gate = new BearerGate(orthanc.dicomWebUrl());
  }

  @AfterAll
  static void stopDisplayAndNode() throws Exception {
    if (gate != null) {
      gate.close();
    }
    if (orthanc != null) {
      orthanc.close();
    }
    if (display != null) {
      display.close();
    }
  }

  @Test
  void dicomRsOnANodeWithAWeasisAuthenticationMethodIsRoutedAndLoadsWithItsTokenNeverLogged() throws Exception {
    String uid = UUID.randomUUID().toString();
    Path home = weasisHome("home-dicom-rs", uid);
    int before = gate.requests().size();
    String log;
    try (RealWeasis weasis = RealWeasis.start(display.name(), home, RealWeasis.ourBundles(),
        DIR.resolve("weasis-dicom-rs.log"),
        "$progressive:enable", "--url", gate.dicomWebUrl(),
        "$dicom:rs", "--url", gate.dicomWebUrl(), "--auth-uid", uid, "-r", "studyUID=" + STUDY)) {
      weasis.awaitLog("progressive series done series=" + SERIES, 180);
      log = weasis.log();
    }
    assertTrue(log.contains("Series " + SERIES + " from node \"" + NODE
        + "\" loads progressively, with its Weasis authentication"), log);
    List<BearerGate.Recorded> all = gate.requests();
    assertLoadedWithTokens(log, all.subList(before, all.size()));
  }

  @Test
  void progressiveRsWithAWeasisAuthenticationMethodLoadsWithItsTokenNeverLogged() throws Exception {
    String uid = UUID.randomUUID().toString();
    Path home = weasisHome("home-progressive-rs", uid);
    int before = gate.requests().size();
    String log;
    try (RealWeasis weasis = RealWeasis.start(display.name(), home, RealWeasis.ourBundles(),
        DIR.resolve("weasis-progressive-rs.log"),
        "$progressive:rs", "--url", gate.dicomWebUrl(), "--auth-uid", uid, "-r", "studyUID=" + STUDY)) {
      weasis.awaitLog("progressive series done series=" + SERIES, 180);
      log = weasis.log();
    }
    List<BearerGate.Recorded> all = gate.requests();
    assertLoadedWithTokens(log, all.subList(before, all.size()));
  }

  @Test
  void aTokenThatExpiresMidSeriesIsRenewedOnceAndTheSeriesLoadsWholeWithOnlyTheRefusedRequestsSentAgain()
      throws Exception {
    String uid = UUID.randomUUID().toString();
    Path home = weasisHome("home-expiring", uid);
    int before = gate.requests().size();
    int tokensBefore = gate.issued().size();
    gate.expireNextTokenAfterFrames(1);
    String log;
    try (RealWeasis weasis = RealWeasis.start(display.name(), home, RealWeasis.ourBundles(),
        DIR.resolve("weasis-expiring.log"),
        "$progressive:rs", "--url", gate.dicomWebUrl(), "--auth-uid", uid, "-r", "studyUID=" + STUDY)) {
      weasis.awaitLog("progressive series done series=" + SERIES, 180);
      log = weasis.log();
    }
    List<BearerGate.Recorded> all = gate.requests();
    List<BearerGate.Recorded> requests = all.subList(before, all.size());
    List<String> tokens = gate.issued().subList(tokensBefore, gate.issued().size());

    assertTrue(log.lines().anyMatch(line -> line.contains("progressive series done series=" + SERIES
        + " final=3 errors=0")), log);
    assertEquals(2, tokens.size(), "exactly one token refresh: " + requests);
    String expired = "Bearer " + tokens.get(0);
    String fresh = "Bearer " + tokens.get(1);
    List<BearerGate.Recorded> refused = requests.stream().filter(r -> r.status() == 401).toList();
    assertFalse(refused.isEmpty(), "the token never expired: " + requests);
    for (BearerGate.Recorded r : refused) {
      assertEquals(expired, r.authorization(), "refused with another token than the expired one: " + requests);
      List<BearerGate.Recorded> again = requests.subList(requests.indexOf(r) + 1, requests.size()).stream()
          .filter(later -> later.target().equals(r.target())).toList();
      assertEquals(List.of(new BearerGate.Recorded(r.target(), fresh, 200)), again,
          "a refused request goes again once, with the fresh token: " + requests);
    }
    for (BearerGate.Recorded r : requests) {
      if (r.status() == 200 && r.target().contains("/frames")) {
        assertEquals(1, requests.stream().filter(o -> o.target().equals(r.target()) && o.status() == 200).count(),
            "a frame fetched twice: " + requests);
      }
    }
    for (String token : tokens) {
      assertFalse(log.contains(token), "a token is in Weasis' log");
    }
    assertFalse(log.lines().anyMatch(line -> line.contains("*ERROR*") && line.contains("o.w.p.")),
        "one of our bundles logged an ERROR");
  }

  /** All final, frames fetched by our engine, nothing refused, no token in Weasis' log, no ERROR of ours. */
  private static void assertLoadedWithTokens(String log, List<BearerGate.Recorded> requests) {
    assertTrue(log.lines().anyMatch(line -> line.contains("progressive series done series=" + SERIES + " final=3 errors=0")), log);
    assertTrue(requests.stream().anyMatch(r -> r.target().contains("/frames")), "our engine fetched no frame");
    for (BearerGate.Recorded request : requests) {
      assertTrue(request.status() != 401, "refused: " + request.target() + " " + requests);
    }
    List<String> tokens = gate.issued();
    assertFalse(tokens.isEmpty());
    for (String token : tokens) {
      assertFalse(log.contains(token), "a token is in Weasis' log");
    }
    assertFalse(log.lines().anyMatch(line -> line.contains("*ERROR*") && line.contains("o.w.p.")),
        "one of our bundles logged an ERROR");
  }

  /** A fresh user.home with the node in Weasis' node list and its method in Weasis' methods file. */
  private static Path weasisHome(String name, String uid) throws Exception {
    Path home = PreferencesInWeasisIT.emptyDirectory(DIR.resolve(name));
    PreferencesInWeasisIT.writeNodeList(home, PreferencesInWeasisIT.node(NODE, "DICOMWEB", gate.dicomWebUrl(), "")
        .replace("auth=\"\"", "auth=\"" + uid + "\""));
    Path file = home.resolve(".weasis/data/weasis-dicom-explorer/authenticationNodes.xml");
    String provider = gate.baseUrl();
    Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methods><method uid=\"" + uid + "\" code=\"\">"
        + "<provider name=\"" + PROVIDER + "\" auth=\"" + provider + "/auth\" token=\"" + provider
        + "/token\" revoke=\"" + provider + "/revoke\" openid=\"false\"/>"
        + "<registration id=\"weasis\" secret=\"client-secret\" scope=\"dicom\" audience=\"\""
        + " grantType=\"client_credentials\"/></method></methods>", StandardCharsets.UTF_8);
    return home;
  }
}
