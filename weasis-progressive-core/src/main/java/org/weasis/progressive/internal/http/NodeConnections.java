package org.weasis.progressive.internal.http;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.NodeConfig;

/**
 * One node's HTTP client and connection pool. Only what shapes connections is fixed here (timeouts,
 * pool size, TLS); headers and the other per-request settings come with each request, so that loads with
 * a new token, or any setting that does not touch connections, reuse the same sockets.
 */
public final class NodeConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeConnections.class);

  /**
   * What a pool is built from: two settings with equal shapes can share one pool.
   *
   * @param verifyTls false only when the user turned TLS verification off
   */
  public record Shape(Duration connectTimeout, Duration stallTimeout, int maxConnections, boolean verifyTls) {
    public static Shape of(NodeConfig node) {
      return new Shape(node.connectTimeout(), node.stallTimeout(), node.maxConnections(), node.verifyTls());
    }
  }

  private final Shape shape;
  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient http;

  public NodeConnections(NodeConfig node) {
    this.shape = Shape.of(Objects.requireNonNull(node, "node"));
    this.pool = buildPool(shape, node);
    this.http =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableCookieManagement()
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.of(shape.stallTimeout())).build())
            .setUserAgent("weasis-progressive")
            .build();
  }

  public Shape shape() {
    return shape;
  }

  CloseableHttpClient http() {
    return http;
  }

  /** Connections open or leased, for tests and diagnostics. */
  public int openConnections() {
    var stats = pool.getTotalStats();
    return stats.getAvailable() + stats.getLeased();
  }

  /** Drops every connection at once: requests still running fail. */
  @Override
  public void close() {
    http.close(CloseMode.IMMEDIATE);
    pool.close(CloseMode.IMMEDIATE);
  }

  private static PoolingHttpClientConnectionManager buildPool(Shape shape, NodeConfig node) {
    PoolingHttpClientConnectionManagerBuilder builder =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(shape.maxConnections())
            .setMaxConnTotal(shape.maxConnections() * 2)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(shape.connectTimeout()))
                    .setSocketTimeout(Timeout.of(shape.stallTimeout()))
                    .build());
    if (!shape.verifyTls()) {
      LOG.warn("TLS verification is turned OFF for {} at the user's request", node.baseUrl());
      builder.setTlsSocketStrategy(
          ClientTlsStrategyBuilder.create()
              .setSslContext(trustAll())
              .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
              .buildClassic());
    }
    return builder.build();
  }

  private static SSLContext trustAll() {
    TrustManager acceptAny =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {acceptAny}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No TLS implementation in this JVM", e);
    }
  }
}
