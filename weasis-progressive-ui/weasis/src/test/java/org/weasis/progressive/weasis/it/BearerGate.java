package org.weasis.progressive.weasis.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth2-protected DICOMweb node on 127.0.0.1, as a hospital puts one behind its identity provider: a
 * token endpoint handing out client-credentials tokens, and a gate that passes {@code /dicom-web/…} requests
 * to a DICOMweb server only with {@code Authorization: Bearer <a token it handed out>}, else answers 401.
 * Every request is recorded.
 */
final class BearerGate implements AutoCloseable {
  private static final String DICOM_WEB = "/dicom-web";

  /** A request to the node, with the Authorization it carried (null for none). */
  record Recorded(String target, String authorization, int status) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final HttpClient upstream = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String upstreamUrl;
  private final List<String> issued = new CopyOnWriteArrayList<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  /** Frame requests the next token handed out is good for, or -1 when tokens do not expire. */
  private volatile int expiringAfter = -1;
  /** The token that expires after {@link #expiringAfter} frame requests, once handed out. */
  private volatile String expiring;
  private final AtomicInteger expiringFrames = new AtomicInteger();

  /** @param upstreamUrl the DICOMweb root the gate protects */
  BearerGate(String upstreamUrl) throws IOException {
    this.upstreamUrl = upstreamUrl;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/token", this::answerToken);
    server.createContext(DICOM_WEB, this::pass);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The node's DICOMweb root, behind the gate. */
  String dicomWebUrl() {
    return baseUrl() + DICOM_WEB;
  }

  List<String> issued() {
    return List.copyOf(issued);
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /**
   * The next token handed out is good for {@code frames} frame requests, then refused (401) as an access
   * token that expired in the middle of a series; the tokens after it do not expire.
   */
  void expireNextTokenAfterFrames(int frames) {
    expiring = null;
    expiringFrames.set(0);
    expiringAfter = frames;
  }

  private void answerToken(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String token = "it-s3cret-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      synchronized (this) {
        if (expiringAfter >= 0 && expiring == null) {
          expiring = token;
        }
      }
      issued.add(token);
      byte[] body = ("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":600}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private void pass(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null || !authorization.startsWith("Bearer ") || !issued.contains(authorization.substring(7))
          || expired(authorization.substring(7), target)) {
        requests.add(new Recorded(target, authorization, 401));
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      HttpResponse<byte[]> answer = forward(exchange, target);
      requests.add(new Recorded(target, authorization, answer.statusCode()));
      for (String header : List.of("Content-Type", "Content-Range")) {
        answer.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().add(header, v));
      }
      byte[] body = answer.body();
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(answer.statusCode(), head || body.length == 0 ? -1 : body.length);
      if (!head) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  /** True when {@code token} is the expiring one and its frame requests are used up. */
  private boolean expired(String token, String target) {
    return token.equals(expiring) && target.contains("/frames") && expiringFrames.incrementAndGet() > expiringAfter;
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, String target) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstreamUrl + target.substring(DICOM_WEB.length())))
        .timeout(Duration.ofSeconds(60))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
    for (String header : List.of("Accept", "Range")) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    // The server's RetrieveURLs must name the gate, as a reverse proxy has them (Orthanc reads Forwarded).
    String host = "127.0.0.1:" + server.getAddress().getPort();
    request.header("Forwarded", "host=" + host + ";proto=http");
    request.header("X-Forwarded-Host", host);
    request.header("X-Forwarded-Proto", "http");
    try {
      return upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    upstream.close();
  }
}
