package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.CookieSpecFactory;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
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
            // The JVM's proxy selector, read at each request: the http(s).proxyHost properties a host
            // sets (Weasis' proxy preferences do), with their nonProxyHosts; none set, connections are direct.
            .setRoutePlanner(new SystemDefaultRoutePlanner(null))
            // HttpClient follows redirects; the node of each request, in its context, decides which.
            .setRedirectStrategy(NodeRedirects.INSTANCE)
            .addExecInterceptorAfter(ChainElement.REDIRECT.name(), "unread-redirect-bodies",
                NodeRedirects.UNREAD_REDIRECT_BODIES)
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableCookieManagement()
            // HttpClient 5.5 builds its default cookie specs even with cookies off, which parses the
            // public suffix list (some 10,000 lines) on the first load's thread; no cookie spec is used.
            .setDefaultCookieSpecRegistry(RegistryBuilder.<CookieSpecFactory>create().build())
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
    if (shape.verifyTls()) {
      builder.setTlsSocketStrategy(new OnFirstUse(NodeConnections::verifyingTls));
    } else {
      LOG.warn("TLS verification is turned OFF for {} at the user's request", node.baseUrl());
      builder.setTlsSocketStrategy(new OnFirstUse(() -> ClientTlsStrategyBuilder.create()
          .setSslContext(trustAll())
          .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
          .buildClassic()));
    }
    return builder.build();
  }

  /**
   * HttpClient's own default: the JDK's trust store and the public-suffix-aware hostname verifier.
   * Building it the first time reads the trust store and the public suffix list; the core's warm-up
   * calls this so that the first https load does not.
   */
  public static TlsSocketStrategy verifyingTls() {
    return DefaultClientTlsStrategy.createDefault();
  }

  /**
   * A TLS strategy built when the pool opens its first https connection: building one when the pool
   * is made cost a first load on http some 0.7 s of the JDK's security providers, trust store and
   * HttpClient's public suffix list (thread dumps of the bench's cold start at load average 9), for
   * nothing unless the node, or a redirect, uses https.
   */
  private static final class OnFirstUse implements TlsSocketStrategy {
    private final Supplier<TlsSocketStrategy> build;
    private volatile TlsSocketStrategy built;

    OnFirstUse(Supplier<TlsSocketStrategy> build) {
      this.build = build;
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
        throws IOException {
      return strategy().upgrade(socket, target, port, attachment, context);
    }

    private TlsSocketStrategy strategy() {
      TlsSocketStrategy s = built;
      if (s == null) {
        synchronized (this) {
          s = built;
          if (s == null) {
            s = build.get();
            built = s;
          }
        }
      }
      return s;
    }
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
