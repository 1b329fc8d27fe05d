package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.HttpStatusException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeQueries;

/**
 * The HTTP side of one DICOMweb node, on Apache HttpClient 5. Its redirects ({@link NodeRedirects}) send
 * the node's headers (credentials) to the node's origin only and never fall back from https to cleartext.
 * It fetches nothing from another origin, first request or redirect, unless the node allows it, retries
 * idempotent GETs after connection errors and 503, bounds each GET in time and rate, and streams bodies to a sink so that frames can be
 * decoded while they arrive. A response it stops reading for any reason is aborted — its connection
 * dropped — never read to its end.
 */
public final class DicomWebClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DicomWebClient.class);
  private static final int MAX_REDIRECTS = 5;
  private static final int BUFFER_SIZE = 16 * 1024;
  private static final String JSON_ACCEPT = "application/dicom+json, application/json";

  /** Where a response's body goes, piece by piece, as it arrives. */
  interface BodySink {
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

  private final NodeConfig node;
  /** The headers sent to the node's origin: the node's, or the renewed ones after a 401. */
  private final NodeCredentials credentials;
  private final NodeConnections connections;
  /** True when this client made its connections and so closes them. */
  private final boolean ownsConnections;
  private final ScheduledExecutorService timer;

  /**
   * A client with connections of its own, closed with it.
   *
   * @param timer runs the time bounds of requests; shared by all clients of an engine
   */
  public DicomWebClient(NodeConfig node, ScheduledExecutorService timer) {
    this(node, new NodeConnections(node), true, timer, null);
  }

  /** A client over a node's shared connections, which outlive it; a 401 fails its request. */
  public DicomWebClient(NodeConfig node, NodeConnections connections, ScheduledExecutorService timer) {
    this(node, connections, false, timer, null);
  }

  /**
   * A client for one load over a node's shared connections, which outlive it.
   *
   * @param renewal asked once, at the node's first 401, for credentials to send the refused requests
   *     again with (see {@link NodeCredentials}); null for none
   */
  public DicomWebClient(NodeConfig node, NodeConnections connections, ScheduledExecutorService timer,
      NodeCredentials.Renewal renewal) {
    this(node, connections, false, timer, renewal);
  }

  private DicomWebClient(NodeConfig node, NodeConnections connections, boolean owns,
      ScheduledExecutorService timer, NodeCredentials.Renewal renewal) {
    this.node = Objects.requireNonNull(node, "node");
    this.credentials = new NodeCredentials(node, renewal);
    this.connections = Objects.requireNonNull(connections, "connections");
    this.ownsConnections = owns;
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  public NodeConfig node() {
    return node;
  }

  /**
   * GETs a JSON resource (series metadata, a QIDO-RS answer), gzip'd or not, whole. The body is capped
   * at the node's maxLoadBytes and at {@link NodeQueries#MAX_JSON_BYTES}, whichever is smaller: the one
   * home of that rule for the engine's metadata and a host's {@link NodeQueries}. The error of a body over
   * the cap names it.
   */
  public byte[] getJson(URI url, InFlight inFlight) throws IOException {
    long limit = Math.min(node.maxLoadBytes(), NodeQueries.MAX_JSON_BYTES);
    String limitName = limit == node.maxLoadBytes() ? "the node's maxLoadBytes" : "NodeQueries.MAX_JSON_BYTES";
    return getJson(url, limit, limitName, inFlight);
  }

  /**
   * As {@link #getJson(URI, InFlight)}, with a cap of the caller's own: the capability probe's.
   *
   * @param limitName what sets maxBytes, for the error of a body over it; null names none
   */
  public byte[] getJson(URI url, long maxBytes, String limitName, InFlight inFlight) throws IOException {
    JsonBody body = new JsonBody(url, maxBytes, limitName);
    get(url, JSON_ACCEPT, null, inFlight, body, body::encoding);
    return body.bytes();
  }

  /**
   * GETs a frame resource only as far as its {@link FrameHead}, then drops the connection.
   *
   * @param range a Range header value, or null for the whole resource
   * @throws HttpStatusException for an answer other than 200 or 206
   */
  public FrameHead frameHead(URI url, String accept, String range) throws IOException {
    FrameHeadReader reader = new FrameHeadReader();
    try {
      get(url, accept, range, reader.inFlight(), reader, encoding -> {});
    } catch (IOException e) {
      if (!reader.cut()) {
        throw e;
      }
    }
    return reader.head();
  }

  /**
   * GETs a frame into {@code body}, which keeps what earlier requests got: a 200 replaces it, a 206 must
   * continue it. Errors name the URL and the range; bytes that do not parse make the body start over.
   *
   * @param range a Range header value, or null for the whole frame
   * @param read told each read's byte count first, even for bytes that turn out unusable
   * @param appended told after each read whose bytes went into the body
   */
  public void fetchFrame(FrameBody body, String accept, String range, InFlight inFlight, IntConsumer read,
      Runnable appended) throws IOException {
    boolean askedForRest = range == null || range.endsWith("-");
    try {
      FrameResponse response = get(body.url(), accept, range, inFlight, new BodySink() {
        @Override
        public void start(FrameResponse answer) throws IOException {
          body.begin(answer, !askedForRest);
        }

        @Override
        public void data(byte[] buffer, int offset, int length) throws IOException {
          read.accept(length);
          if (body.append(buffer, offset, length)) {
            appended.run();
          }
        }
      }, encoding -> {});
      body.end(response, askedForRest);
    } catch (MultipartException e) {
      body.reset();
      throw new IOException(e.getMessage() + " (GET " + body.url() + rangeText(range) + ")", e);
    } catch (HttpStatusException e) {
      throw e; // already names the URL and the status
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException(reason + " (GET " + body.url() + rangeText(range) + ")", e);
    }
  }

  private static String rangeText(String range) {
    return range == null ? "" : ", Range " + range;
  }

  /** Closes the connections if this client made them; a load's client leaves the node's open. */
  @Override
  public void close() {
    if (ownsConnections) {
      connections.close();
    }
  }

  private interface EncodingListener {
    void encoding(String contentEncoding);
  }

  /**
   * One logical GET: retries and redirects around single exchanges, all within the request timeout. A 401
   * goes again once with renewed credentials when the load has a renewal; it is no retry of maxRetries, and
   * it gets a request timeout of its own: the renewal may have waited for a login longer than the timeout.
   */
  private FrameResponse get(
      URI url, String accept, String range, InFlight inFlight, BodySink sink, EncodingListener enc)
      throws IOException {
    Origins.refuseOtherOrigin(node, url);
    FrameResponse response = null;
    while (response == null) {
      try (TransferGuard guard = new TransferGuard(node, timer)) {
        response = attempts(url, accept, range, inFlight, sink, enc, guard);
      }
    }
    return response;
  }

  /** The exchanges of one GET within {@code guard}'s deadline; null when renewed credentials are to go again. */
  private FrameResponse attempts(URI url, String accept, String range, InFlight inFlight, BodySink sink,
      EncodingListener enc, TransferGuard guard) throws IOException {
    int attempt = 0;
    while (true) {
      inFlight.check();
      Delivery delivery = new Delivery(sink);
      NodeConfig sent = credentials.current();
      try {
        return exchange(url, sent, accept, range, inFlight, guard, delivery, enc);
      } catch (IOException e) {
        if (!delivery.started && credentials.renewAfter(sent, e, inFlight)) {
          return null;
        }
        if (delivery.started || !RequestErrors.isRetryable(e) || attempt >= node.maxRetries() || inFlight.isCancelled()) {
          throw e;
        }
        long wait = node.retryBackoff().toMillis() << attempt;
        if (wait >= guard.remainingMillis()) {
          throw e; // the retry could not finish before the deadline
        }
        LOG.debug("Retrying {} in {} ms after: {}", url, wait, e.getMessage());
        attempt++;
        inFlight.pause(wait);
      }
    }
  }

  /**
   * Sends one request, redirects followed by HttpClient as {@link NodeRedirects} allows, and streams the
   * answer's body. The guard's wait for headers spans the redirects: HttpClient hands back the last
   * hop's answer only. Unless the body was read to its end, the exchange ends by cancelling the request,
   * which closes the connection: closing an HttpClient response instead would read (drain) the rest of
   * the body, however large or slow, to keep the connection.
   */
  @SuppressWarnings("deprecation") // execute() returning an open response is how to stream the body
  private FrameResponse exchange(URI url, NodeConfig sent, String accept, String range, InFlight inFlight,
      TransferGuard guard, Delivery sink, EncodingListener enc) throws IOException {
    HttpGet get = request(url, sent, accept, range, guard);
    HttpClientContext context = NodeRedirects.contextFor(sent);
    inFlight.attach(get::cancel);
    CloseableHttpResponse response = null;
    boolean readToEnd = false;
    try {
      guard.begin(url, get::cancel);
      response = connections.http().execute(get, context);
      guard.headersIn();
      URI answered = NodeRedirects.finalUrl(context, url);
      int status = response.getCode();
      if (Origins.isRedirect(status)) {
        throw NodeRedirects.notFollowed(context, answered, status);
      }
      if (status != 200 && status != 206) {
        throw RequestErrors.statusError(answered, response);
      }
      FrameResponse answer = describe(answered, response);
      enc.encoding(headerValue(response.getFirstHeader("Content-Encoding")));
      sink.start(answer);
      copyBody(response.getEntity(), sink, inFlight, guard);
      readToEnd = true;
      return answer;
    } catch (IOException e) {
      inFlight.check();
      guard.throwIfTripped();
      if (e instanceof SocketTimeoutException) {
        throw new SocketTimeoutException(
            "No data from " + url + " for " + node.stallTimeout().toMillis() + " ms");
      }
      if (e instanceof ClientProtocolException) {
        // Redirects HttpClient could not follow, malformed answers: no URL named, the server's text quoted.
        String where = e.getCause() instanceof RedirectException ? " (redirects from " : " (from ";
        throw new IOException(ServerText.clean(e.getMessage()) + where + url + ")", e);
      }
      throw e;
    } finally {
      guard.end();
      if (!readToEnd) {
        get.cancel(); // abort, don't drain
      }
      closeQuietly(response);
      inFlight.detach();
    }
  }

  /** @param sent the node with the credentials this request sends to the node's origin */
  private HttpGet request(URI url, NodeConfig sent, String accept, String range, TransferGuard guard) {
    HttpGet get = new HttpGet(url);
    get.setHeader("Accept", accept);
    if (range != null) {
      get.setHeader("Range", range);
    }
    if (JSON_ACCEPT.equals(accept)) {
      // JsonBody unzips; a static DICOMweb server stores JSON gzip'd and sends it whole to a client
      // that does not take gzip. Frames are never asked for gzip'd: ranges count over the stored bytes.
      get.setHeader("Accept-Encoding", "gzip");
    }
    if (Origins.isNodeOrigin(sent, url)) {
      sent.requestHeaders().forEach(get::setHeader);
    }
    get.setConfig(RequestConfig.custom()
        .setRedirectsEnabled(true)
        .setMaxRedirects(MAX_REDIRECTS)
        .setResponseTimeout(Timeout.of(node.stallTimeout()))
        .setConnectionRequestTimeout(Timeout.ofMilliseconds(guard.remainingMillis()))
        .build());
    return get;
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
        throw new IOException("Bad Content-Range from " + url + ": " + ServerText.clean(e.getMessage()), e);
      }
    }
    HttpEntity entity = response.getEntity();
    long length = entity == null ? -1 : entity.getContentLength();
    return new FrameResponse(
        status, url, headerValue(response.getFirstHeader("Content-Type")), contentRange, length);
  }

  /**
   * Reads the body to its end. The stream is not closed here: at its end HttpClient releases the
   * connection by itself, and on a failure closing it would drain the rest; the caller aborts instead.
   */
  private static void copyBody(HttpEntity entity, Delivery sink, InFlight inFlight, TransferGuard guard)
      throws IOException {
    if (entity == null) {
      return;
    }
    byte[] buffer = new byte[BUFFER_SIZE];
    InputStream in = entity.getContent();
    int n;
    while ((n = in.read(buffer)) != -1) {
      inFlight.check();
      guard.received(n);
      sink.data(buffer, 0, n);
    }
  }

  private static String headerValue(Header h) {
    return h == null ? null : h.getValue();
  }

  private static void closeQuietly(CloseableHttpResponse response) {
    if (response == null) {
      return;
    }
    try {
      response.close();
    } catch (IOException | RuntimeException ignored) {
      // After an abort the close fails on the closed socket: nothing is left to release.
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
