package org.weasis.progressive.internal.settings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;

/** Nodes with every setting away from its default, so a round trip that drops one shows it. */
final class Nodes {
  static final String PASSWORD = "pa55-secret";
  static final String API_KEY = "key-secret-42";

  private Nodes() {}

  /** Basic + a custom header, sequential preset with per-transfer-syntax options, non-default limits. */
  static NodeConfig full() {
    RetrieveOptions htj2kFast = RetrieveOptions.builder().rangeIndex(0).chunkSize(32768).build();
    RetrieveOptions jlsFast = RetrieveOptions.builder()
        .framesPath("/jlsThumbnail/")
        .imageQualityStatus(ImageQualityStatus.SUBRESOLUTION)
        .build();
    RetrieveOptions fast = RetrieveOptions.builder()
        .decodeLevel(2)
        .imageQualityStatus(ImageQualityStatus.LOSSY)
        .streaming(true)
        .transferSyntaxes(
            Map.of(TransferSyntax.HTJ2K_LOSSLESS, htj2kFast, TransferSyntax.JPEG_LS_LOSSLESS, jlsFast))
        .build();
    RetrieveConfiguration configuration = RetrieveConfiguration.sequential()
        .withRetrieveOptions(Map.of("singleFast", fast, "singleFinal", RetrieveOptions.DEFAULT));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Api-Key", API_KEY);
    headers.put("X-Site", "site-secret-9");
    return NodeConfig.builder().name("PACS north").baseUrl("https://pacs.example/dicom-web")
        .id("org.weasis.progressive.node~north")
        .authentication(Authentication.basic("joe", PASSWORD).withHeaders(headers))
        .progressive(true)
        .strategy("nearest")
        .retrieveConfiguration("sequential", configuration)
        .maxConnections(3)
        .connectTimeout(Duration.ofMillis(1500))
        .stallTimeout(Duration.ofSeconds(20))
        .requestTimeout(Duration.ofMinutes(3))
        .verifyTls(false)
        .maxLoadBytes(64L * 1024 * 1024)
        .minTransferRate(512).rateWindow(Duration.ofSeconds(45))
        .otherOriginsAllowed(true).build();
  }

  /** Bearer authentication and a stage set of its own. */
  static NodeConfig custom() {
    RetrieveConfiguration own = RetrieveConfiguration.fromJson("""
        {"stages": [{"id": "thumbs", "retrieveType": "fast", "decimate": 2, "priority": 1},
                    {"id": "rest", "retrieveType": "final"}],
         "retrieveOptions": {"fast": {"framesPath": "/jlsThumbnail/", "imageQualityStatus": 6}}}
        """);
    return NodeConfig.builder().name("Cloud").baseUrl("https://cloud.example/v1/dicomweb")
        .id("org.weasis.progressive.node~cloud")
        .authentication(Authentication.bearer("bearer-secret-7"))
        .retrieveConfiguration(null, own).build();
  }
}
