package org.weasis.progressive.api.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;

class NodeConfigTest {
  private static final NodeConfig LOCAL = NodeConfig.of("Local", "http://127.0.0.1:8042/dicom-web/");

  @Test
  void aNewNodeIsNotProgressiveUsesInterleavedSixConnectionsAndVerifiesTls() {
    assertNull(LOCAL.id());
    assertEquals("http://127.0.0.1:8042/dicom-web", LOCAL.baseUrl(), "trailing slash dropped");
    assertFalse(LOCAL.progressive());
    assertEquals("interleaved", LOCAL.strategy());
    assertEquals("interleaved", LOCAL.preset());
    assertEquals(RetrieveConfiguration.interleaved(), LOCAL.retrieveConfiguration());
    assertEquals(6, LOCAL.maxConnections());
    assertTrue(LOCAL.verifyTls());
    assertEquals(Authentication.Type.NONE, LOCAL.authentication().type());
  }

  @Test
  void invalidValuesAreRejectedNamingTheKey() {
    assertKey("baseUrl", () -> NodeConfig.of("x", "ftp://host/dicom"));
    assertKey("baseUrl", () -> NodeConfig.of("x", "http:///no-host"));
    assertKey("baseUrl", () -> NodeConfig.of("x", " "));
    assertKey("name", () -> NodeConfig.of(" ", "http://host"));
    assertKey("strategy", () -> LOCAL.withStrategy("fastest"));
    assertKey("preset", () -> LOCAL.withRetrieveConfiguration("quick", null));
    assertKey("preset", () -> LOCAL.withRetrieveConfiguration("sequential", RetrieveConfiguration.single()));
    assertKey("retrieveConfiguration", () -> LOCAL.withRetrieveConfiguration("custom", null));
    assertKey("maxConnections", () -> LOCAL.withMaxConnections(0));
    assertKey("maxConnections", () -> LOCAL.withMaxConnections(65));
    assertKey("stallTimeout", () -> LOCAL.withTimeouts(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1)));
    assertKey("authentication.user", () -> Authentication.basic(null, "pw"));
    assertKey("maxLoadBytes", () -> LOCAL.withMaxLoadBytes(0));
    assertKey("minTransferRate", () -> LOCAL.withMinTransferRate(-1, Duration.ofSeconds(20)));
    assertKey("rateWindow", () -> LOCAL.withMinTransferRate(1024, Duration.ofSeconds(-5)));
    assertKey("authentication.user", () -> Authentication.basic("a:b", "pw"));
    assertKey("authentication.headers", () -> Authentication.headers(Map.of()));
    assertKey("authentication.headers", () -> Authentication.headers(Map.of("Bad Name", "v")));
    assertKey("authentication.headers.Authorization",
        () -> Authentication.bearer("t").withHeaders(Map.of("Authorization", "Basic x")));
  }

  @Test
  void theValueIsNamedTooUnlessItIsASecret() {
    InvalidConfigurationException plain = assertThrows(InvalidConfigurationException.class,
        () -> LOCAL.withStrategy("fastest"));
    assertEquals("\"fastest\"", plain.value());
    InvalidConfigurationException secret = assertThrows(InvalidConfigurationException.class,
        () -> Authentication.headers(Map.of("X-Api-Key", "abc\r\nInjected: 1")));
    assertFalse(secret.getMessage().contains("abc"), secret.getMessage());
    InvalidConfigurationException inUrl = assertThrows(InvalidConfigurationException.class,
        () -> NodeConfig.of("x", "https://joe:pa55@pacs.example/dicom-web"));
    assertEquals("baseUrl", inUrl.key());
    assertFalse(inUrl.getMessage().contains("pa55"), inUrl.getMessage());
  }

  @Test
  void theLimitsAgainstHostileServersAreNamedWithTheirValue() {
    InvalidConfigurationException budget =
        assertThrows(InvalidConfigurationException.class, () -> LOCAL.withMaxLoadBytes(0));
    assertEquals("maxLoadBytes = 0: must be positive", budget.getMessage());
    InvalidConfigurationException rate =
        assertThrows(InvalidConfigurationException.class, () -> LOCAL.withMinTransferRate(-1, Duration.ofSeconds(1)));
    assertEquals("minTransferRate = -1: must be 0 (off) or more", rate.getMessage());
    InvalidConfigurationException window =
        assertThrows(InvalidConfigurationException.class, () -> LOCAL.withMinTransferRate(1, Duration.ZERO));
    assertEquals("rateWindow = PT0S: must be a positive duration", window.getMessage());
  }

  @Test
  void aNewNodeTakesTheEnginesDefaultsAgainstHostileServers() {
    NodeSettings engine = NodeSettings.of(LOCAL.baseUrl());
    assertEquals(engine.maxLoadBytes(), LOCAL.maxLoadBytes());
    assertEquals(engine.minTransferRate(), LOCAL.minTransferRate());
    assertEquals(engine.rateWindow(), LOCAL.rateWindow());
    assertEquals(engine.otherOriginsAllowed(), LOCAL.otherOriginsAllowed());
    assertEquals(engine, LOCAL.toNodeSettings());
  }

  @Test
  void theLoadBudgetTransferRateAndOtherOriginsReachTheNodeSettings() {
    NodeSettings settings = LOCAL.withMaxLoadBytes(8L * 1024 * 1024)
        .withMinTransferRate(0, Duration.ofSeconds(7))
        .withOtherOriginsAllowed(true)
        .toNodeSettings();
    assertEquals(8L * 1024 * 1024, settings.maxLoadBytes());
    assertEquals(0, settings.minTransferRate(), "0 turns the rate check off");
    assertEquals(Duration.ofSeconds(7), settings.rateWindow());
    assertTrue(settings.otherOriginsAllowed());
  }

  @Test
  void basicAuthenticationBecomesAnAuthorizationHeaderOfTheNodeSettings() {
    NodeSettings settings = LOCAL.withAuthentication(Authentication.basic("joe", "pa55")).toNodeSettings();
    String expected = Base64.getEncoder().encodeToString("joe:pa55".getBytes(StandardCharsets.UTF_8));
    assertEquals(Map.of("Authorization", "Basic " + expected), settings.headers());
  }

  @Test
  void bearerTokenCustomHeadersLimitsAndTlsReachTheNodeSettings() {
    NodeConfig node = LOCAL.withAuthentication(Authentication.bearer("t0k").withHeaders(Map.of("X-Api-Key", "k1")))
        .withMaxConnections(3)
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3))
        .withVerifyTls(false);
    NodeSettings settings = node.toNodeSettings();
    assertEquals(Map.of("Authorization", "Bearer t0k", "X-Api-Key", "k1"), settings.headers());
    assertEquals("http://127.0.0.1:8042/dicom-web", settings.baseUrl().toString());
    assertEquals(3, settings.maxConnections());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)),
        List.of(settings.connectTimeout(), settings.stallTimeout(), settings.requestTimeout()));
    assertFalse(settings.verifyTls());
  }

  @Test
  void secretsAnImportLeftOutAreNotSent() {
    Authentication withheld = Authentication.bearer("t0k").withHeaders(Map.of("X-Api-Key", "k1")).withoutSecrets();
    assertTrue(withheld.lacksSecrets());
    assertEquals(Map.of(), LOCAL.withAuthentication(withheld).toNodeSettings().headers());
  }

  @Test
  void toStringNeverShowsSecrets() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Api-Key", "header-secret-1");
    NodeConfig basic = LOCAL.withAuthentication(Authentication.basic("joe", "pa55word").withHeaders(headers));
    NodeConfig bearer = LOCAL.withAuthentication(Authentication.bearer("token-secret-2"));
    String basicHeader = basic.toNodeSettings().headers().get("Authorization");
    for (String text : List.of(basic.toString(), bearer.toString(), basic.authentication().toString())) {
      for (String secret : List.of("pa55word", "header-secret-1", "token-secret-2", basicHeader.substring(6))) {
        assertFalse(text.contains(secret), text);
      }
    }
    assertTrue(basic.toString().contains("user=joe"), basic.toString());
    assertTrue(basic.toString().contains("x-api-key"), basic.toString());
  }

  @Test
  void thePresetIsToldFromTheStagesWhenNotNamed() {
    RetrieveConfiguration withOptions = RetrieveConfiguration.sequential()
        .withRetrieveOptions(Map.of("singleFast", RetrieveOptions.builder().framesPath("/jls/").build()));
    assertEquals("sequential", LOCAL.withRetrieveConfiguration(null, withOptions).preset());
    RetrieveConfiguration own = new RetrieveConfiguration(List.of(RetrieveStage.of("only", "single")), Map.of());
    assertEquals("custom", LOCAL.withRetrieveConfiguration(null, own).preset());
    assertEquals(RetrieveConfiguration.single(), LOCAL.withRetrieveConfiguration("single", null).retrieveConfiguration());
  }

  @Test
  void aBuilderLeftAloneBuildsTheDefaultsTheNodeSettingsHave() {
    NodeConfig built = NodeConfig.builder().name("Local").baseUrl("http://127.0.0.1:8042/dicom-web").build();
    assertEquals(LOCAL, built);
    assertEquals(NodeSettings.of("http://127.0.0.1:8042/dicom-web"), built.toNodeSettings());
  }

  @Test
  void toBuilderRebuildsTheSameNodeAndChangesOnlyWhatIsSet() {
    NodeConfig changed = LOCAL.withProgressive(true).withMaxConnections(3).withVerifyTls(false);
    assertEquals(changed, changed.toBuilder().build());
    NodeConfig renamed = changed.toBuilder().name("Other").build();
    assertEquals("Other", renamed.name());
    assertEquals(changed, renamed.toBuilder().name("Local").build());
  }

  @Test
  void theBuilderValidatesNamingTheFieldAndItsValue() {
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> LOCAL.toBuilder().connectTimeout(null).build());
    assertEquals(List.of("connectTimeout", "null"), List.of(e.key(), e.value()));
    e = assertThrows(InvalidConfigurationException.class, () -> LOCAL.toBuilder().maxConnections(99).build());
    assertEquals(List.of("maxConnections", "99"), List.of(e.key(), e.value()));
  }

  private static void assertKey(String key, Supplier<?> build) {
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, build::get);
    assertEquals(key, e.key(), e.getMessage());
  }
}
