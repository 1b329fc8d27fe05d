package org.weasis.progressive.api;

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
    assertKey("strategy", () -> LOCAL.toBuilder().strategy("fastest").build());
    assertKey("preset", () -> LOCAL.toBuilder().retrieveConfiguration("quick", null).build());
    assertKey("preset",
        () -> LOCAL.toBuilder().retrieveConfiguration("sequential", RetrieveConfiguration.single()).build());
    assertKey("retrieveConfiguration", () -> LOCAL.toBuilder().retrieveConfiguration("custom", null).build());
    assertKey("maxConnections", () -> LOCAL.toBuilder().maxConnections(0).build());
    assertKey("maxConnections", () -> LOCAL.toBuilder().maxConnections(65).build());
    assertKey("stallTimeout", () -> LOCAL.toBuilder().connectTimeout(Duration.ofSeconds(1))
        .stallTimeout(Duration.ZERO).requestTimeout(Duration.ofSeconds(1)).build());
    assertKey("authentication.user", () -> Authentication.basic(null, "pw"));
    assertKey("maxLoadBytes", () -> LOCAL.toBuilder().maxLoadBytes(0).build());
    assertKey("minTransferRate",
        () -> LOCAL.toBuilder().minTransferRate(-1).rateWindow(Duration.ofSeconds(20)).build());
    assertKey("rateWindow",
        () -> LOCAL.toBuilder().minTransferRate(1024).rateWindow(Duration.ofSeconds(-5)).build());
    assertKey("maxRetries", () -> LOCAL.toBuilder().maxRetries(11).build());
    assertKey("retryBackoff", () -> LOCAL.toBuilder().retryBackoff(Duration.ZERO).build());
    assertKey("maxFrameBytes", () -> LOCAL.toBuilder().maxFrameBytes(0).build());
    assertKey("authentication.user", () -> Authentication.basic("a:b", "pw"));
    assertKey("authentication.headers", () -> Authentication.headers(Map.of()));
    assertKey("authentication.headers", () -> Authentication.headers(Map.of("Bad Name", "v")));
    assertKey("authentication.headers.Authorization",
        () -> Authentication.bearer("t").withHeaders(Map.of("Authorization", "Basic x")));
  }

  @Test
  void theValueIsNamedTooUnlessItIsASecret() {
    InvalidConfigurationException plain = assertThrows(InvalidConfigurationException.class,
        () -> LOCAL.toBuilder().strategy("fastest").build());
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
        assertThrows(InvalidConfigurationException.class, () -> LOCAL.toBuilder().maxLoadBytes(0).build());
    assertEquals("maxLoadBytes = 0: must be positive", budget.getMessage());
    InvalidConfigurationException rate = assertThrows(InvalidConfigurationException.class,
        () -> LOCAL.toBuilder().minTransferRate(-1).rateWindow(Duration.ofSeconds(1)).build());
    assertEquals("minTransferRate = -1: must be 0 (off) or more", rate.getMessage());
    InvalidConfigurationException window = assertThrows(InvalidConfigurationException.class,
        () -> LOCAL.toBuilder().minTransferRate(1).rateWindow(Duration.ZERO).build());
    assertEquals("rateWindow = PT0S: must be a positive duration", window.getMessage());
  }

  @Test
  void aNewNodeTakesTheEnginesDefaultsAgainstHostileServers() {
    assertEquals(512L * 1024 * 1024, LOCAL.maxLoadBytes());
    assertEquals(512L * 1024 * 1024, LOCAL.maxFrameBytes());
    assertEquals(1024, LOCAL.minTransferRate());
    assertEquals(Duration.ofSeconds(20), LOCAL.rateWindow());
    assertFalse(LOCAL.otherOriginsAllowed());
    assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(10)),
        List.of(LOCAL.connectTimeout(), LOCAL.stallTimeout(), LOCAL.requestTimeout()));
    assertEquals(2, LOCAL.maxRetries());
    assertEquals(Duration.ofMillis(250), LOCAL.retryBackoff());
  }

  @Test
  void aNodeGivenOnlyItsUrlIsNamedAfterItAndHasTheSameDefaults() {
    NodeConfig unnamed = NodeConfig.of("http://127.0.0.1:8042/dicom-web/");
    assertEquals("http://127.0.0.1:8042/dicom-web", unnamed.name());
    assertEquals(LOCAL.toBuilder().name(null).build(), unnamed);
  }

  @Test
  void theLoadBudgetTransferRateAndOtherOriginsAreSetThroughTheBuilder() {
    NodeConfig settings = LOCAL.toBuilder().maxLoadBytes(8L * 1024 * 1024)
        .minTransferRate(0).rateWindow(Duration.ofSeconds(7))
        .otherOriginsAllowed(true).build();
    assertEquals(8L * 1024 * 1024, settings.maxLoadBytes());
    assertEquals(0, settings.minTransferRate(), "0 turns the rate check off");
    assertEquals(Duration.ofSeconds(7), settings.rateWindow());
    assertTrue(settings.otherOriginsAllowed());
  }

  @Test
  void basicAuthenticationBecomesTheAuthorizationRequestHeader() {
    NodeConfig settings = LOCAL.toBuilder().authentication(Authentication.basic("joe", "pa55")).build();
    String expected = Base64.getEncoder().encodeToString("joe:pa55".getBytes(StandardCharsets.UTF_8));
    assertEquals(Map.of("Authorization", "Basic " + expected), settings.requestHeaders());
  }

  @Test
  void bearerTokenCustomHeadersLimitsAndTlsAreSetThroughTheBuilder() {
    NodeConfig settings = LOCAL.toBuilder()
        .authentication(Authentication.bearer("t0k").withHeaders(Map.of("X-Api-Key", "k1")))
        .maxConnections(3)
        .connectTimeout(Duration.ofSeconds(1)).stallTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(3))
        .verifyTls(false).build();
    assertEquals(Map.of("Authorization", "Bearer t0k", "X-Api-Key", "k1"), settings.requestHeaders());
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
    assertEquals(Map.of(), LOCAL.toBuilder().authentication(withheld).build().requestHeaders());
  }

  @Test
  void toStringNeverShowsSecrets() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Api-Key", "header-secret-1");
    NodeConfig basic =
        LOCAL.toBuilder().authentication(Authentication.basic("joe", "pa55word").withHeaders(headers)).build();
    NodeConfig bearer = LOCAL.toBuilder().authentication(Authentication.bearer("token-secret-2")).build();
    String basicHeader = basic.requestHeaders().get("Authorization");
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
    assertEquals("sequential", LOCAL.toBuilder().retrieveConfiguration(null, withOptions).build().preset());
    RetrieveConfiguration own = new RetrieveConfiguration(List.of(RetrieveStage.of("only", "single")), Map.of());
    assertEquals("custom", LOCAL.toBuilder().retrieveConfiguration(null, own).build().preset());
    assertEquals(RetrieveConfiguration.single(),
        LOCAL.toBuilder().retrieveConfiguration("single", null).build().retrieveConfiguration());
  }

  @Test
  void aBuilderLeftAloneBuildsTheDefaultsOfANodeGivenOnlyItsUrl() {
    NodeConfig built = NodeConfig.builder().name("Local").baseUrl("http://127.0.0.1:8042/dicom-web").build();
    assertEquals(LOCAL, built);
    assertEquals(NodeConfig.of("http://127.0.0.1:8042/dicom-web"), built.toBuilder().name(null).build());
  }

  @Test
  void aHeaderSetOnTheBuilderJoinsTheAuthenticationWhicheverComesFirst() {
    NodeConfig headerFirst = LOCAL.toBuilder().header("X-Api-Key", "k1")
        .authentication(Authentication.bearer("t0k")).build();
    NodeConfig tokenFirst = LOCAL.toBuilder().authentication(Authentication.bearer("t0k"))
        .header("X-Api-Key", "k1").build();
    assertEquals(Map.of("Authorization", "Bearer t0k", "X-Api-Key", "k1"), headerFirst.requestHeaders());
    assertEquals(headerFirst, tokenFirst);
    assertEquals(Authentication.Type.BEARER, headerFirst.authentication().type());
    assertFalse(headerFirst.toString().contains("k1"), headerFirst.toString());
  }

  @Test
  void aHeaderWithABadNameOrALineBreakIsRejectedByTheBuilderNamingIt() {
    assertKey("authentication.headers", () -> LOCAL.toBuilder().header("Bad Name", "v").build());
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> LOCAL.toBuilder().header("X-Api-Key", "k1\r\nInjected: 1").build());
    assertFalse(e.getMessage().contains("k1"), e.getMessage());
  }

  @Test
  void toBuilderRebuildsTheSameNodeAndChangesOnlyWhatIsSet() {
    NodeConfig changed = LOCAL.toBuilder().progressive(true).maxConnections(3).verifyTls(false).build();
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
