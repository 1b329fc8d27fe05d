package org.weasis.progressive.e2e;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a Static DICOMweb tree as the toolkit's server does (bare {@code multipart/related} frames,
 * ranges counted over the {@code .mht} bytes, gzip'd metadata) and breaks chosen answers the way networks
 * and servers do — a reset mid-body, garbage, a 404 — which neither nginx nor our static server can be
 * made to do; raw sockets, because only they can send a real TCP reset.
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
  private static final Duration IDLE = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  private final Path root;
  private final ServerSocket listener;
  private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread acceptor;
  /** Open client sockets: close() cuts them so no connection thread outlives the server. */
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  /** Paths whose one-shot fault was already injected. */
  private final Set<String> spent = ConcurrentHashMap.newKeySet();
  private final List<Served> served = new CopyOnWriteArrayList<>();
  /** The authorization header of each request, in order: loads with rotating tokens are told apart. */
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile Duration dripInterval = Duration.ofSeconds(1);

  private FaultyDicomWebServer(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofPlatform().daemon().name("faulty-dicomweb-acceptor").start(this::acceptAll);
  }

  static FaultyDicomWebServer start(Path root) throws IOException {
    return new FaultyDicomWebServer(root);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + listener.getLocalPort();
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
    return open.size();
  }

  /** The Authorization header of every request so far, null where none was sent. */
  List<String> authorizations() {
    return List.copyOf(authorizations);
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
      listener.close();
    } catch (IOException e) {
      // Closing is all that was wanted.
    }
    open.forEach(FaultyDicomWebServer::closeQuietly);
    connections.shutdownNow();
    try {
      acceptor.join(CLOSE_TIMEOUT);
      connections.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptAll() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        open.add(socket);
        connections.execute(() -> serveConnection(socket));
      } catch (IOException | RuntimeException e) {
        return; // closed
      }
    }
  }

  private void serveConnection(Socket socket) {
    try (socket) {
      socket.setSoTimeout((int) IDLE.toMillis());
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      Request request;
      while ((request = Request.read(in)) != null) {
        if (!answer(request, socket, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // The client went away, or the server closes: nobody to answer.
    } finally {
      open.remove(socket);
    }
  }

  /** Answers one request; false when the connection was broken on purpose. */
  private boolean answer(Request request, Socket socket, OutputStream out) throws IOException {
    Optional<Resource> resource = resolve(request.path());
    Fault fault = faults.get(request.path());
    authorizations.add(request.header("authorization"));
    if (resource.isPresent() && fault != null && fault.hostile()) {
      return attack(request, socket, out, resource.get(), fault);
    }
    if (resource.isEmpty() || fault == Fault.NOT_FOUND) {
      sendNotFound(request, out, fault);
      return true;
    }
    byte[] file = Files.readAllBytes(resource.get().file());
    String range = request.header("range");
    Matcher m = range == null ? null : RANGE.matcher(range.trim());
    if (m == null || !m.matches()) {
      sendBody(request, out, 200, resource.get(), null, file, null);
      return true;
    }
    long first = Long.parseLong(m.group(1));
    boolean toEnd = m.group(2).isEmpty();
    long last = toEnd ? file.length - 1 : Math.min(Long.parseLong(m.group(2)), file.length - 1);
    if (first >= file.length || last < first) {
      send(out, 416, "Range Not Satisfiable", Map.of("Content-Range", "bytes */" + file.length), new byte[0]);
      served.add(new Served(request.path(), range, 416, 0, null));
      return true;
    }
    byte[] body = Arrays.copyOfRange(file, (int) first, (int) last + 1);
    String contentRange = "bytes " + first + "-" + last + "/" + file.length;
    Fault injected = oneShot(request.path(), fault, first, toEnd);
    if (injected == Fault.RESET_IN_REST || injected == Fault.TRUNCATE_REST) {
      breakMidBody(request, socket, out, resource.get(), contentRange, body, injected);
      return false;
    }
    if (injected != null) {
      body = garbage(request.path(), body, injected == Fault.GARBAGE_FIRST_CHUNK_PAYLOAD);
    }
    sendBody(request, out, 206, resource.get(), contentRange, body, injected);
    return true;
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
  private void breakMidBody(Request request, Socket socket, OutputStream out, Resource resource,
      String contentRange, byte[] body, Fault fault) throws IOException {
    int half = body.length / 2;
    writeHead(out, 206, "Partial Content", headers(resource, contentRange), body.length);
    out.write(body, 0, half);
    out.flush();
    served.add(new Served(request.path(), request.header("range"), 206, half, fault));
    if (fault == Fault.RESET_IN_REST) {
      socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
    } else {
      socket.shutdownOutput();
    }
    socket.close();
  }

  /**
   * Answers as a hostile server does; false: the connection is not reused. The body bytes written are
   * recorded when the client has dropped the connection (or the server closes).
   */
  private boolean attack(Request request, Socket socket, OutputStream out, Resource resource, Fault fault)
      throws IOException {
    byte[] file = Files.readAllBytes(resource.file());
    AtomicLong written = new AtomicLong();
    try {
      switch (fault) {
        case DECLARED_LARGE_THEN_STALL -> declareLargeThenStall(socket, out, resource, file, written);
        case TEN_GB_TRICKLE -> trickleTenGigabytes(out, resource, written);
        case ENDLESS_MULTIPART -> sendEndlessMultipart(out, written);
        case DRIP -> drip(out, resource, file, written);
        case ESCAPE_CODES_ERROR -> sendEscapeCodesError(out, written);
        default -> throw new IllegalStateException("not hostile: " + fault);
      }
    } catch (IOException e) {
      // The client dropped the connection: what the attack was there to see.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      int status = fault == Fault.ESCAPE_CODES_ERROR ? 500 : 200;
      served.add(new Served(request.path(), request.header("range"), status, written.get(), fault));
    }
    return fault == Fault.ESCAPE_CODES_ERROR;
  }

  private static void declareLargeThenStall(Socket socket, OutputStream out, Resource resource, byte[] file,
      AtomicLong written) throws IOException {
    int sent = Math.min(200, file.length);
    writeHead(out, 200, "OK", headers(resource, null), 512L * 1024 * 1024 - 1);
    out.write(file, 0, sent);
    out.flush();
    written.set(sent);
    socket.setSoTimeout(0);
    while (socket.getInputStream().read() != -1) {
      // Silence until the client gives up and closes.
    }
  }

  private static void trickleTenGigabytes(OutputStream out, Resource resource, AtomicLong written)
      throws IOException, InterruptedException {
    writeHead(out, 200, "OK", headers(resource, null), 10_000_000_000L);
    writeZeros(out, 100 * 1000, 100, 10_000_000_000L, written); // 100 kB each 100 ms: 1 MB/s
  }

  private static void sendEndlessMultipart(OutputStream out, AtomicLong written)
      throws IOException, InterruptedException {
    String boundary = "endless-boundary";
    String head = "HTTP/1.1 200 OK\r\nContent-Type: multipart/related; type=\"application/octet-stream\"; boundary="
        + boundary + "\r\nConnection: close\r\n\r\n--" + boundary
        + "\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\n\r\n";
    out.write(head.getBytes(ISO_8859_1));
    writeZeros(out, 256 * 1024, 0, Long.MAX_VALUE, written);
  }

  private void drip(OutputStream out, Resource resource, byte[] file, AtomicLong written)
      throws IOException, InterruptedException {
    writeHead(out, 200, "OK", headers(resource, null), file.length);
    out.flush();
    for (byte b : file) {
      Thread.sleep(dripInterval.toMillis());
      out.write(b);
      out.flush();
      written.incrementAndGet();
    }
  }

  private static void sendEscapeCodesError(OutputStream out, AtomicLong written) throws IOException {
    byte[] body = ("\u001b[2J\u001b[31mDatabase down\r\n[INFO] all good\u0007" + "x".repeat(100_000))
        .getBytes(ISO_8859_1);
    send(out, 500, "Internal \u001b[5mError", Map.of("Content-Type", "text/plain"), body);
    written.set(body.length);
  }

  /** Zeros in {@code chunk}s, {@code pauseMs} apart, up to {@code limit} bytes or until the client leaves. */
  private static void writeZeros(OutputStream out, int chunk, long pauseMs, long limit, AtomicLong written)
      throws IOException, InterruptedException {
    byte[] zeros = new byte[chunk];
    while (written.get() < limit) {
      int n = (int) Math.min(chunk, limit - written.get());
      out.write(zeros, 0, n);
      out.flush();
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

  private void sendBody(Request request, OutputStream out, int status, Resource resource,
      String contentRange, byte[] body, Fault fault) throws IOException {
    send(out, status, status == 200 ? "OK" : "Partial Content", headers(resource, contentRange), body);
    served.add(new Served(request.path(), request.header("range"), status, body.length, fault));
  }

  private void sendNotFound(Request request, OutputStream out, Fault fault) throws IOException {
    byte[] text = ("Not found: " + request.path() + "\n").getBytes(ISO_8859_1);
    send(out, 404, "Not Found", Map.of("Content-Type", "text/plain"), text);
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

  private static void send(OutputStream out, int status, String reason, Map<String, String> headers,
      byte[] body) throws IOException {
    writeHead(out, status, reason, headers, body.length);
    out.write(body);
    out.flush();
  }

  private static void writeHead(OutputStream out, int status, String reason, Map<String, String> headers,
      long length) throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(length).append("\r\n\r\n");
    out.write(head.toString().getBytes(ISO_8859_1));
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

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }

  private record Resource(Path file, String contentType, boolean gzip) {}

  /** A request line and its headers (names in lower case); GETs only, so no body. */
  private record Request(String method, String path, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name);
    }

    /** The next request on the connection, or null when the client closed it. */
    static Request read(InputStream in) throws IOException {
      String head = readHead(in);
      if (head == null) {
        return null;
      }
      List<String> lines = head.lines().toList();
      String[] requestLine = lines.getFirst().split(" ");
      if (requestLine.length < 2) {
        throw new SocketException("bad request line: " + lines.getFirst());
      }
      Map<String, String> headers = new HashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
      }
      String target = requestLine[1];
      int query = target.indexOf('?');
      return new Request(requestLine[0], query < 0 ? target : target.substring(0, query), headers);
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      int c;
      while ((c = in.read()) != -1) {
        head.write(c);
        matched = c == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (c == '\r' ? 1 : 0);
        if (matched == 4) {
          return head.toString(ISO_8859_1);
        }
        if (head.size() > MAX_HEADER_BYTES) {
          throw new SocketException("request head over " + MAX_HEADER_BYTES + " bytes");
        }
      }
      if (head.size() > 0) {
        throw new SocketException("connection closed inside a request head");
      }
      return null;
    }
  }
}
