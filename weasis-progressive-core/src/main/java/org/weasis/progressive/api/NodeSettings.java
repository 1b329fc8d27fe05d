package org.weasis.progressive.api;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.nio.charset.StandardCharsets;

/**
 * How to talk to one DICOMweb node. Header values are secrets: {@link #toString()} never shows them, and
 * the client never sends them to another origin.
 *
 * @param baseUrl the DICOMweb root, for example {@code http://127.0.0.1:8042/dicom-web}
 * @param headers extra headers sent to this node's origin only (Authorization, API keys, ...)
 * @param connectTimeout time allowed to open a connection
 * @param stallTimeout longest time without receiving a byte before a request fails
 * @param requestTimeout longest time one request may take, all bytes included
 * @param maxConnections requests in flight to this node at once
 * @param maxRetries retries of an idempotent GET after a connection error or a 503
 * @param retryBackoff wait before the first retry; doubled for each next one
 * @param maxFrameBytes a frame larger than this fails instead of filling memory
 * @param verifyTls false only when the user turned TLS verification off for this node
 * @param maxLoadBytes frame bytes one load may hold at once, all frames in flight together; a load that
 *     needs more fails the frame that went over, and says so
 * @param minTransferRate bytes per second a response body must keep up over {@code rateWindow}, so that a
 *     server dripping a byte now and then cannot hold a connection for ever
 * @param rateWindow the window the transfer rate is measured over
 * @param otherOriginsAllowed true lets the metadata point frames at another origin than the base URL's
 */
public record NodeSettings(
    URI baseUrl,
    Map<String, String> headers,
    Duration connectTimeout,
    Duration stallTimeout,
    Duration requestTimeout,
    int maxConnections,
    int maxRetries,
    Duration retryBackoff,
    long maxFrameBytes,
    boolean verifyTls,
    long maxLoadBytes,
    long minTransferRate,
    Duration rateWindow,
    boolean otherOriginsAllowed) {

  // The one set of defaults of a node's connection settings; NodeConfig and the node Metatype use these.
  public static final int DEFAULT_MAX_CONNECTIONS = 6;
  public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_STALL_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 600_000;
  public static final int DEFAULT_MAX_RETRIES = 2;
  public static final long DEFAULT_RETRY_BACKOFF_MS = 250;
  public static final long DEFAULT_MAX_FRAME_BYTES = 512L * 1024 * 1024;
  /** As much as one frame at the default frame limit: far above what partial frames of a load take. */
  public static final long DEFAULT_MAX_LOAD_BYTES = 512L * 1024 * 1024;
  /** 1 KiB/s: below that a transfer is a stall that still sends a byte now and then. */
  public static final long DEFAULT_MIN_TRANSFER_RATE = 1024;
  /** Short enough that a frame asked for twice (a retry stage) fails within a minute. */
  public static final long DEFAULT_RATE_WINDOW_MS = 20_000;

  public NodeSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String scheme = baseUrl.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new InvalidConfigurationException("baseUrl", baseUrl, "must be an http or https URL");
    }
    headers = Map.copyOf(headers == null ? Map.of() : headers);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("stallTimeout", stallTimeout);
    requirePositive("requestTimeout", requestTimeout);
    requirePositive("retryBackoff", retryBackoff);
    if (maxConnections < 1 || maxConnections > 64) {
      throw new InvalidConfigurationException("maxConnections", maxConnections, "must be 1..64");
    }
    if (maxRetries < 0 || maxRetries > 10) {
      throw new InvalidConfigurationException("maxRetries", maxRetries, "must be 0..10");
    }
    if (maxFrameBytes < 1) {
      throw new InvalidConfigurationException("maxFrameBytes", maxFrameBytes, "must be positive");
    }
    if (maxLoadBytes < 1) {
      throw new InvalidConfigurationException("maxLoadBytes", maxLoadBytes, "must be positive");
    }
    if (minTransferRate < 0) {
      throw new InvalidConfigurationException("minTransferRate", minTransferRate, "must be 0 (off) or more");
    }
    requirePositive("rateWindow", rateWindow);
  }

  /**
   * Sensible defaults for a node: 10 s connect, 30 s stall, 10 min per request, at least 1 KiB/s over
   * 20 s, 6 connections, 512 MiB per frame and per load, frames from the node's own origin only.
   */
  public static NodeSettings of(String baseUrl) {
    String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return new NodeSettings(
        URI.create(trimmed),
        Map.of(),
        Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MS),
        Duration.ofMillis(DEFAULT_STALL_TIMEOUT_MS),
        Duration.ofMillis(DEFAULT_REQUEST_TIMEOUT_MS),
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_RETRIES,
        Duration.ofMillis(DEFAULT_RETRY_BACKOFF_MS),
        DEFAULT_MAX_FRAME_BYTES,
        true,
        DEFAULT_MAX_LOAD_BYTES,
        DEFAULT_MIN_TRANSFER_RATE,
        Duration.ofMillis(DEFAULT_RATE_WINDOW_MS),
        false);
  }

  public NodeSettings withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new NodeSettings(baseUrl, h, connectTimeout, stallTimeout, requestTimeout, maxConnections,
        maxRetries, retryBackoff, maxFrameBytes, verifyTls, maxLoadBytes, minTransferRate, rateWindow,
        otherOriginsAllowed);
  }

  public NodeSettings withBasicAuth(String user, String password) {
    String token = Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return withHeader("Authorization", "Basic " + token);
  }

  public NodeSettings withBearerToken(String token) {
    return withHeader("Authorization", "Bearer " + token);
  }

  public NodeSettings withTimeouts(Duration connect, Duration stall, Duration request) {
    return new NodeSettings(baseUrl, headers, connect, stall, request, maxConnections, maxRetries,
        retryBackoff, maxFrameBytes, verifyTls, maxLoadBytes, minTransferRate, rateWindow, otherOriginsAllowed);
  }

  public NodeSettings withRetries(int retries, Duration backoff) {
    return new NodeSettings(baseUrl, headers, connectTimeout, stallTimeout, requestTimeout,
        maxConnections, retries, backoff, maxFrameBytes, verifyTls, maxLoadBytes, minTransferRate, rateWindow,
        otherOriginsAllowed);
  }

  public NodeSettings withMaxConnections(int connections) {
    return new NodeSettings(baseUrl, headers, connectTimeout, stallTimeout, requestTimeout,
        connections, maxRetries, retryBackoff, maxFrameBytes, verifyTls, maxLoadBytes, minTransferRate,
        rateWindow, otherOriginsAllowed);
  }

  public NodeSettings withMaxFrameBytes(long bytes) {
    return new NodeSettings(baseUrl, headers, connectTimeout, stallTimeout, requestTimeout,
        maxConnections, maxRetries, retryBackoff, bytes, verifyTls, maxLoadBytes, minTransferRate, rateWindow,
        otherOriginsAllowed);
  }

  /** A copy whose loads may hold at most {@code bytes} of frame data at once. */
  public NodeSettings withMaxLoadBytes(long bytes) {
    return new NodeSettings(baseUrl, headers, connectTimeout, stallTimeout, requestTimeout,
        maxConnections, maxRetries, retryBackoff, maxFrameBytes, verifyTls, bytes, minTransferRate, rateWindow,
        otherOriginsAllowed);
  }

  /** A copy whose responses fail when fewer than {@code bytesPerSecond} arrive over {@code window}; 0 = off. */
  public NodeSettings withMinTransferRate(long bytesPerSecond, Duration window) {
    return new NodeSettings(baseUrl, headers, connectTimeout, stallTimeout, requestTimeout,
        maxConnections, maxRetries, retryBackoff, maxFrameBytes, verifyTls, maxLoadBytes, bytesPerSecond, window,
        otherOriginsAllowed);
  }

  /** A copy that fetches frames the metadata places on another origin (never with this node's headers). */
  public NodeSettings withOtherOriginsAllowed(boolean allowed) {
    return new NodeSettings(baseUrl, headers, connectTimeout, stallTimeout, requestTimeout,
        maxConnections, maxRetries, retryBackoff, maxFrameBytes, verifyTls, maxLoadBytes, minTransferRate,
        rateWindow, allowed);
  }

  /** A copy that accepts any TLS certificate: only when the user explicitly asks for it. */
  public NodeSettings withoutTlsVerification() {
    return new NodeSettings(baseUrl, headers, connectTimeout, stallTimeout, requestTimeout,
        maxConnections, maxRetries, retryBackoff, maxFrameBytes, false, maxLoadBytes, minTransferRate, rateWindow,
        otherOriginsAllowed);
  }

  /** Shows header names only: values may be credentials. */
  @Override
  public String toString() {
    return "NodeSettings[" + baseUrl + ", headers=" + headers.keySet().stream()
        .map(k -> k.toLowerCase(Locale.ROOT)).sorted().toList() + ", connections=" + maxConnections
        + ", verifyTls=" + verifyTls + (otherOriginsAllowed ? ", otherOriginsAllowed" : "") + "]";
  }

  private static void requirePositive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new InvalidConfigurationException(key, d, "must be a positive duration");
    }
  }
}
