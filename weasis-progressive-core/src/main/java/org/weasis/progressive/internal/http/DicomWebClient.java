package org.weasis.progressive.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.NodeSettings;

/**
 * The HTTP side of one DICOMweb node, on Apache HttpClient 5. It follows redirects itself so that the
 * node's headers (credentials) go to the node's origin only, retries idempotent GETs after connection
 * errors and 503, and streams bodies to a sink so that frames can be decoded while they arrive.
 */
public final class DicomWebClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DicomWebClient.class);
  private static final int MAX_REDIRECTS = 5;
  private static final int BUFFER_SIZE = 16 * 1024;
  private static final int ERROR_EXCERPT = 200;

  /** Where a response's body goes, piece by piece, as it arrives. */
  public interface BodySink {
    /** The status line and headers are in; the body follows. */
    void start(FrameResponse response) throws IOException;

    void data(byte[] buffer, int offset, int length) throws IOException;
  }

  /**
   * What the engine needs of a successful answer.
   *
   * @param status 200 or 206
   * @param url the URL that answered (after redirects)
   * @param contentType the Content-Type header, or null
   * @param contentRange the parsed Content-Range of a 206, or null
   * @param contentLength the Content-Length, or -1
   */
  public record FrameResponse(
      int status, URI url, String contentType, ByteRanges.ContentRange contentRange, long contentLength) {}

  private final NodeSettings node;
  private final PoolingHttpClientConnectionManager connections;
  private final CloseableHttpClient http;
  private final ScheduledExecutorService timer;

  /**
   * @param timer runs the per-request deadline; shared by all clients of an engine
   */
  public DicomWebClient(NodeSettings node, ScheduledExecutorService timer) {
    this.node = Objects.requireNonNull(node, "node");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.connections = buildConnections(node);
    this.http =
        HttpClients.custom()
            .setConnectionManager(connections)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableCookieManagement()
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(node.stallTimeout()))
                    .setConnectionRequestTimeout(Timeout.of(node.requestTimeout()))
                    .build())
            .setUserAgent("weasis-progressive")
            .build();
  }

  public NodeSettings node() {
    return node;
  }

  /** GETs a JSON resource (series metadata), gzip'd or not, whole; the body is capped at maxBytes. */
  public byte[] getJson(URI url, long maxBytes, InFlight inFlight) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean[] gzip = new boolean[1];
    get(url, "application/dicom+json, application/json", null, inFlight,
        new BodySink() {
          @Override
          public void start(FrameResponse response) {}

          @Override
          public void data(byte[] b, int off, int len) throws IOException {
            if (body.size() + (long) len > maxBytes) {
              throw new IOException("Metadata larger than " + maxBytes + " bytes at " + url);
            }
            body.write(b, off, len);
          }
        },
        encoding -> gzip[0] = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip"));
    return gunzipIfNeeded(body.toByteArray(), gzip[0], maxBytes, url);
  }

  /**
   * GETs a frame resource, streaming its body to {@code sink}.
   *
   * @param range a Range header value, or null for the whole resource
   */
  public FrameResponse getFrame(URI url, String accept, String range, InFlight inFlight, BodySink sink)
      throws IOException {
    return get(url, accept, range, inFlight, sink, encoding -> {});
  }

  @Override
  public void close() {
    http.close(CloseMode.IMMEDIATE);
    connections.close(CloseMode.IMMEDIATE);
  }

  private interface EncodingListener {
    void encoding(String contentEncoding);
  }

  /** One logical GET: retries and redirects around single exchanges. */
  private FrameResponse get(
      URI url, String accept, String range, InFlight inFlight, BodySink sink, EncodingListener enc)
      throws IOException {
    int attempt = 0;
    while (true) {
      inFlight.check();
      Delivery delivery = new Delivery(sink);
      try {
        return followRedirects(url, accept, range, inFlight, delivery, enc);
      } catch (IOException e) {
        if (delivery.started || !isRetryable(e) || attempt >= node.maxRetries() || inFlight.isCancelled()) {
          throw e;
        }
        long wait = node.retryBackoff().toMillis() << attempt;
        LOG.debug("Retrying {} in {} ms after: {}", url, wait, e.getMessage());
        attempt++;
        inFlight.pause(wait);
      }
    }
  }

  private FrameResponse followRedirects(
      URI url, String accept, String range, InFlight inFlight, Delivery sink, EncodingListener enc)
      throws IOException {
    URI current = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      Exchange exchange = exchange(current, accept, range, sameOrigin(current), inFlight, sink, enc);
      if (exchange.redirect == null) {
        return exchange.response;
      }
      current = exchange.redirect;
    }
    throw new IOException("More than " + MAX_REDIRECTS + " redirects from " + url);
  }

  private record Exchange(FrameResponse response, URI redirect) {}

  /** Sends one request and streams its body, within the node's total deadline. */
  @SuppressWarnings("deprecation") // execute() returning an open response is how to stream the body
  private Exchange exchange(
      URI url, String accept, String range, boolean withNodeHeaders, InFlight inFlight, Delivery sink,
      EncodingListener enc)
      throws IOException {
    HttpGet get = new HttpGet(url);
    get.setHeader("Accept", accept);
    if (range != null) {
      get.setHeader("Range", range);
    }
    if (withNodeHeaders) {
      node.headers().forEach(get::setHeader);
    }
    boolean[] timedOut = new boolean[1];
    inFlight.attach(get::cancel);
    ScheduledFuture<?> deadline =
        timer.schedule(() -> {
              timedOut[0] = true;
              get.cancel();
            },
            node.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try (CloseableHttpResponse response = http.execute(get)) {
      inFlight.attach(() -> closeQuietly(response, get));
      int status = response.getCode();
      if (isRedirect(status)) {
        return new Exchange(null, redirectTarget(url, response));
      }
      if (status != 200 && status != 206) {
        throw new HttpStatusException(url, status, response.getReasonPhrase(), excerpt(response.getEntity()));
      }
      FrameResponse answer = describe(url, response);
      enc.encoding(headerValue(response.getFirstHeader("Content-Encoding")));
      sink.start(answer);
      copyBody(response.getEntity(), sink, inFlight);
      return new Exchange(answer, null);
    } catch (IOException e) {
      inFlight.check();
      if (timedOut[0]) {
        throw new SocketTimeoutException(
            "Request to " + url + " took longer than " + node.requestTimeout().toMillis() + " ms");
      }
      if (e instanceof SocketTimeoutException) {
        throw new SocketTimeoutException(
            "No data from " + url + " for " + node.stallTimeout().toMillis() + " ms");
      }
      throw e;
    } finally {
      deadline.cancel(false);
      inFlight.detach();
    }
  }

  private static FrameResponse describe(URI url, CloseableHttpResponse response) throws IOException {
    int status = response.getCode();
    ByteRanges.ContentRange contentRange = null;
    if (status == 206) {
      String value = headerValue(response.getFirstHeader("Content-Range"));
      if (value == null) {
        throw new IOException("206 answer without Content-Range from " + url);
      }
      try {
        contentRange = ByteRanges.ContentRange.parse(value);
      } catch (IllegalArgumentException e) {
        throw new IOException("Bad Content-Range from " + url + ": " + e.getMessage(), e);
      }
    }
    HttpEntity entity = response.getEntity();
    long length = entity == null ? -1 : entity.getContentLength();
    return new FrameResponse(
        status, url, headerValue(response.getFirstHeader("Content-Type")), contentRange, length);
  }

  private static void copyBody(HttpEntity entity, Delivery sink, InFlight inFlight) throws IOException {
    if (entity == null) {
      return;
    }
    byte[] buffer = new byte[BUFFER_SIZE];
    try (InputStream in = entity.getContent()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        inFlight.check();
        sink.data(buffer, 0, n);
      }
    }
  }

  private boolean sameOrigin(URI url) {
    URI base = node.baseUrl();
    return base.getScheme().equalsIgnoreCase(url.getScheme())
        && base.getHost() != null
        && base.getHost().equalsIgnoreCase(url.getHost())
        && port(base) == port(url);
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static URI redirectTarget(URI from, CloseableHttpResponse response) throws IOException {
    String location = headerValue(response.getFirstHeader("Location"));
    if (location == null) {
      throw new IOException("Redirect " + response.getCode() + " without Location from " + from);
    }
    try {
      return from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new IOException("Bad redirect Location '" + location + "' from " + from, e);
    }
  }

  private static boolean isRetryable(IOException e) {
    if (e instanceof HttpStatusException h) {
      return h.status() == 503;
    }
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return false;
    }
    return e instanceof ConnectException
        || e instanceof NoHttpResponseException
        || e instanceof NoRouteToHostException
        || (e instanceof java.net.SocketException && !(e instanceof UnknownHostException));
  }

  private static String excerpt(HttpEntity entity) {
    if (entity == null) {
      return null;
    }
    try (InputStream in = entity.getContent()) {
      byte[] head = in.readNBytes(ERROR_EXCERPT);
      return new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] gunzipIfNeeded(byte[] body, boolean declared, long maxBytes, URI url)
      throws IOException {
    boolean magic = body.length > 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
    if (!declared && !magic) {
      return body;
    }
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
      byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (out.length > maxBytes) {
        throw new IOException("Metadata larger than " + maxBytes + " bytes once unzipped at " + url);
      }
      return out;
    } catch (java.util.zip.ZipException e) {
      throw new IOException("Body of " + url + " is declared gzip but is not: " + e.getMessage(), e);
    }
  }

  private static String headerValue(Header h) {
    return h == null ? null : h.getValue();
  }

  private static void closeQuietly(CloseableHttpResponse response, HttpGet get) {
    get.cancel();
    try {
      response.close();
    } catch (IOException | RuntimeException ignored) {
      // Aborting: the reading thread sees the failure.
    }
  }

  private static PoolingHttpClientConnectionManager buildConnections(NodeSettings node) {
    PoolingHttpClientConnectionManagerBuilder builder =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(node.maxConnections())
            .setMaxConnTotal(node.maxConnections() * 2)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(node.connectTimeout()))
                    .setSocketTimeout(Timeout.of(node.stallTimeout()))
                    .build());
    if (!node.verifyTls()) {
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

  /** Remembers whether any of the body reached the sink: after that, a retry would repeat bytes. */
  private static final class Delivery implements BodySink {
    private final BodySink target;
    boolean started;

    Delivery(BodySink target) {
      this.target = target;
    }

    @Override
    public void start(FrameResponse response) throws IOException {
      started = true;
      target.start(response);
    }

    @Override
    public void data(byte[] buffer, int offset, int length) throws IOException {
      target.data(buffer, offset, length);
    }
  }
}
