package org.weasis.progressive.e2e;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.fixtures.FaultServer.Exchange;
import org.weasis.progressive.fixtures.FaultServer.Recorded;

/**
 * Serves a Static DICOMweb tree as the toolkit's server does (bare {@code multipart/related} frames,
 * ranges counted over the {@code .mht} bytes, gzip'd metadata) and breaks chosen answers the way networks
 * and servers do — a reset mid-body, garbage, a 404 — which neither nginx nor our static server can be
 * made to do. The sockets, requests and recording are the tests' one {@link FaultServer}'s; this class
 * is the Static DICOMweb tree and its faults.
 */
final class FaultyDicomWebServer implements AutoCloseable {
  /** A way to break the answers for one path. */
  enum Fault {
    /** The first {@code bytes=N-} request with N &gt; 0: half its body, then a TCP reset. */
    RESET_IN_REST,
    /** The first {@code bytes=N-} request with N &gt; 0: half its body, then the connection closed. */
    TRUNCATE_REST,
    /** The first {@code bytes=0-M} request: as many random bytes instead of the file's. */
    GARBAGE_FIRST_CHUNK,
    /** The first {@code bytes=0-M} request: the multipart header intact, random bytes after it. */
    GARBAGE_FIRST_CHUNK_PAYLOAD,
    /** Every request: 404. */
    NOT_FOUND,
    /** Every request: 200 declaring 512 MiB minus one byte, the first 200 bytes of the file, then silence. */
    DECLARED_LARGE_THEN_STALL,
    /** Every request: 200 declaring 10 GB, then zeros at 1 MB/s until the client drops the connection. */
    TEN_GB_TRICKLE,
    /** Every request: 200 multipart whose one part never ends (zeros as fast as the client reads). */
    ENDLESS_MULTIPART,
    /** Every request: the real answer, one byte each {@link #dripInterval}. */
    DRIP,
    /** Every request: 500 whose reason and body carry terminal escape codes and a forged log line. */
    ESCAPE_CODES_ERROR;

    /** Hostile faults attack every answer for the path; the others break one answer, once. */
    boolean hostile() {
      return ordinal() >= DECLARED_LARGE_THEN_STALL.ordinal();
    }
  }

  /**
   * One answered request.
   *
   * @param range the Range header, null when none was sent
   * @param bodyBytes body bytes written, a cut body's included
   * @param fault the fault injected into this answer, or null
   */
  record Served(String path, String range, int status, long bodyBytes, Fault fault) {}

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private final Path root;
  private final FaultServer server;
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  /** Paths whose one-shot fault was already injected. */
  private final Set<String> spent = ConcurrentHashMap.newKeySet();
  private final List<Served> served = new CopyOnWriteArrayList<>();
  private volatile Duration dripInterval = Duration.ofSeconds(1);

  private FaultyDicomWebServer(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.server = new FaultServer();
    server.handle(this::answer);
  }

  static FaultyDicomWebServer start(Path root) throws IOException {
    return new FaultyDicomWebServer(root);
  }

  String baseUrl() {
    return server.baseUrl();
  }

  /** Breaks the answers for a request path, for example {@code /studies/.../frames/1}. */
  void inject(String path, Fault fault) {
    faults.put(path, fault);
  }

  /** How often {@link Fault#DRIP} sends a byte (1 s unless a test shortens it). */
  void dripInterval(Duration interval) {
    dripInterval = interval;
  }

  /** Client connections open now. */
  int openConnections() {
    return server.openConnections();
  }

  /** The Authorization header of every request so far, null where none was sent. */
  List<String> authorizations() {
    return server.requests().stream().map(r -> r.header("authorization")).toList();
  }

  /** The requests answered so far, oldest first. */
  List<Served> served() {
    return List.copyOf(served);
  }

  List<Served> served(String path) {
    return served.stream().filter(s -> s.path().equals(path)).toList();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing is all that was wanted.
    }
  }

  /** Answers one request on a connection kept open, unless the answer breaks or ends it on purpose. */
  private void answer(Recorded request, Exchange exchange) throws IOException {
    exchange.keepAlive();
    String path = request.path();
    Optional<Resource> resource = resolve(path);
    Fault fault = faults.get(path);
    if (resource.isPresent() && fault != null && fault.hostile()) {
      attack(request, exchange, resource.get(), fault);
      return;
    }
    if (resource.isEmpty() || fault == Fault.NOT_FOUND) {
      sendNotFound(request, exchange, fault);
      return;
    }
    byte[] file = Files.readAllBytes(resource.get().file());
    String range = request.header("range");
    Matcher m = range == null ? null : RANGE.matcher(range.trim());
    if (m == null || !m.matches()) {
      sendBody(request, exchange, 200, resource.get(), null, file, null);
      return;
    }
    long first = Long.parseLong(m.group(1));
    boolean toEnd = m.group(2).isEmpty();
    long last = toEnd ? file.length - 1 : Math.min(Long.parseLong(m.group(2)), file.length - 1);
    if (first >= file.length || last < first) {
      exchange.respond(416, Map.of("Content-Range", "bytes */" + file.length), new byte[0]);
      served.add(new Served(path, range, 416, 0, null));
      return;
    }
    byte[] body = Arrays.copyOfRange(file, (int) first, (int) last + 1);
    String contentRange = "bytes " + first + "-" + last + "/" + file.length;
    Fault injected = oneShot(path, fault, first, toEnd);
    if (injected == Fault.RESET_IN_REST || injected == Fault.TRUNCATE_REST) {
      breakMidBody(request, exchange, resource.get(), contentRange, body, injected);
      return;
    }
    if (injected != null) {
      body = garbage(path, body, injected == Fault.GARBAGE_FIRST_CHUNK_PAYLOAD);
    }
    sendBody(request, exchange, 206, resource.get(), contentRange, body, injected);
  }

  /** The fault to inject into this answer: each breaks one answer only, the first that fits it. */
  private Fault oneShot(String path, Fault fault, long first, boolean toEnd) {
    if (fault == null) {
      return null;
    }
    boolean fits = switch (fault) {
      case RESET_IN_REST, TRUNCATE_REST -> toEnd && first > 0;
      case GARBAGE_FIRST_CHUNK, GARBAGE_FIRST_CHUNK_PAYLOAD -> !toEnd && first == 0;
      default -> false;
    };
    return fits && spent.add(path) ? fault : null;
  }

  /** Announces the whole range, sends half of it, then resets or closes the connection. */
  private void breakMidBody(Recorded request, Exchange exchange, Resource resource, String contentRange,
      byte[] body, Fault fault) throws IOException {
    int half = body.length / 2;
    exchange.writeHead(206, headers(resource, contentRange), body.length);
    exchange.write(body, 0, half);
    served.add(new Served(request.path(), request.header("range"), 206, half, fault));
    if (fault == Fault.RESET_IN_REST) {
      exchange.reset();
    } else {
      exchange.closeOutput();
    }
  }

  /**
   * Answers as a hostile server does; the connection is not reused, but for the escape-codes error. The
   * body bytes written are recorded when the client has dropped the connection (or the server closes).
   */
  private void attack(Recorded request, Exchange exchange, Resource resource, Fault fault) throws IOException {
    byte[] file = Files.readAllBytes(resource.file());
    AtomicLong written = new AtomicLong();
    try {
      switch (fault) {
        case DECLARED_LARGE_THEN_STALL -> declareLargeThenStall(exchange, resource, file, written);
        case TEN_GB_TRICKLE -> trickleTenGigabytes(exchange, resource, written);
        case ENDLESS_MULTIPART -> sendEndlessMultipart(exchange, written);
        case DRIP -> drip(exchange, resource, file, written);
        case ESCAPE_CODES_ERROR -> sendEscapeCodesError(exchange, written);
        default -> throw new IllegalStateException("not hostile: " + fault);
      }
      if (fault != Fault.ESCAPE_CODES_ERROR) {
        exchange.closeOutput();
      }
    } catch (IOException e) {
      // The client dropped the connection: what the attack was there to see.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      int status = fault == Fault.ESCAPE_CODES_ERROR ? 500 : 200;
      served.add(new Served(request.path(), request.header("range"), status, written.get(), fault));
    }
  }

  private static void declareLargeThenStall(Exchange exchange, Resource resource, byte[] file,
      AtomicLong written) throws IOException {
    int sent = Math.min(200, file.length);
    exchange.writeHead(200, headers(resource, null), 512L * 1024 * 1024 - 1);
    exchange.write(file, 0, sent);
    written.set(sent);
    exchange.awaitClientClose();
  }

  private static void trickleTenGigabytes(Exchange exchange, Resource resource, AtomicLong written)
      throws IOException, InterruptedException {
    exchange.writeHead(200, headers(resource, null), 10_000_000_000L);
    writeZeros(exchange, 100 * 1000, 100, 10_000_000_000L, written); // 100 kB each 100 ms: 1 MB/s
  }

  private static void sendEndlessMultipart(Exchange exchange, AtomicLong written)
      throws IOException, InterruptedException {
    String boundary = "endless-boundary";
    String head = "HTTP/1.1 200 OK\r\nContent-Type: multipart/related; type=\"application/octet-stream\"; boundary="
        + boundary + "\r\nConnection: close\r\n\r\n--" + boundary
        + "\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\n\r\n";
    byte[] bytes = head.getBytes(ISO_8859_1);
    exchange.write(bytes, 0, bytes.length);
    writeZeros(exchange, 256 * 1024, 0, Long.MAX_VALUE, written);
  }

  private void drip(Exchange exchange, Resource resource, byte[] file, AtomicLong written)
      throws IOException, InterruptedException {
    exchange.writeHead(200, headers(resource, null), file.length);
    for (int i = 0; i < file.length; i++) {
      Thread.sleep(dripInterval.toMillis());
      exchange.write(file, i, 1);
      written.incrementAndGet();
    }
  }

  private static void sendEscapeCodesError(Exchange exchange, AtomicLong written) throws IOException {
    byte[] body = ("\u001b[2J\u001b[31mDatabase down\r\n[INFO] all good\u0007" + "x".repeat(100_000))
        .getBytes(ISO_8859_1);
    exchange.respond(500, "Internal \u001b[5mError", Map.of("Content-Type", "text/plain"), body);
    written.set(body.length);
  }

  /** Zeros in {@code chunk}s, {@code pauseMs} apart, up to {@code limit} bytes or until the client leaves. */
  private static void writeZeros(Exchange exchange, int chunk, long pauseMs, long limit, AtomicLong written)
      throws IOException, InterruptedException {
    byte[] zeros = new byte[chunk];
    while (written.get() < limit) {
      int n = (int) Math.min(chunk, limit - written.get());
      exchange.write(zeros, 0, n);
      written.addAndGet(n);
      if (pauseMs > 0) {
        Thread.sleep(pauseMs);
      }
    }
  }

  /** Random bytes, the same for a path on every run; never a "--" first line, which could parse. */
  private static byte[] garbage(String path, byte[] body, boolean keepMultipartHeader) {
    byte[] out = body.clone();
    int from = keepMultipartHeader ? endOfPartHeaders(body) : 0;
    byte[] noise = new byte[out.length - from];
    new Random(path.hashCode()).nextBytes(noise);
    System.arraycopy(noise, 0, out, from, noise.length);
    if (from == 0 && out.length > 0 && out[0] == '-') {
      out[0] = 'x';
    }
    return out;
  }

  private static int endOfPartHeaders(byte[] body) {
    byte[] blank = "\r\n\r\n".getBytes(ISO_8859_1);
    for (int i = 0; i + blank.length <= body.length; i++) {
      if (Arrays.equals(body, i, i + blank.length, blank, 0, blank.length)) {
        return i + blank.length;
      }
    }
    throw new IllegalStateException("no part header in the first chunk");
  }

  private void sendBody(Recorded request, Exchange exchange, int status, Resource resource,
      String contentRange, byte[] body, Fault fault) throws IOException {
    exchange.respond(status, headers(resource, contentRange), body);
    served.add(new Served(request.path(), request.header("range"), status, body.length, fault));
  }

  private void sendNotFound(Recorded request, Exchange exchange, Fault fault) throws IOException {
    byte[] text = ("Not found: " + request.path() + "\n").getBytes(ISO_8859_1);
    exchange.respond(404, Map.of("Content-Type", "text/plain"), text);
    served.add(new Served(request.path(), request.header("range"), 404, text.length, fault));
  }

  private static Map<String, String> headers(Resource resource, String contentRange) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", resource.contentType());
    headers.put("Accept-Ranges", "bytes");
    if (resource.gzip()) {
      headers.put("Content-Encoding", "gzip");
    }
    if (contentRange != null) {
      headers.put("Content-Range", contentRange);
    }
    return headers;
  }

  /** The file for a request path: itself, P.mht (a frame) or P.gz (gzip'd DICOM JSON). */
  private Optional<Resource> resolve(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isEmpty() || Arrays.asList(relative.split("/")).contains("..")) {
      return Optional.empty();
    }
    Path file = root.resolve(relative);
    if (Files.isRegularFile(file)) {
      return Optional.of(new Resource(file, "application/octet-stream", false));
    }
    Path mht = root.resolve(relative + ".mht");
    if (Files.isRegularFile(mht)) {
      return Optional.of(new Resource(mht, "multipart/related", false));
    }
    Path gz = root.resolve(relative + ".gz");
    return Files.isRegularFile(gz)
        ? Optional.of(new Resource(gz, "application/dicom+json", true))
        : Optional.empty();
  }

  private record Resource(Path file, String contentType, boolean gzip) {}
}
