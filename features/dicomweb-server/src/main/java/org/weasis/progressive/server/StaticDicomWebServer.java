package org.weasis.progressive.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Serves a Static DICOMweb tree the way the Static DICOMweb toolkit's own server does — bare
 * {@code multipart/related} frames, ranges counted over the whole {@code .mht} file, gzip'd metadata — so
 * the engine can meet a real server's quirks on 127.0.0.1, and tests can read back every request it sent.
 */
public final class StaticDicomWebServer implements AutoCloseable {
  static final String MULTIPART_RELATED = "multipart/related";
  static final String DICOM_JSON = "application/dicom+json";
  static final String OCTET_STREAM = "application/octet-stream";
  static final String DICOM = "application/dicom";

  private static final int WORKERS = 16;
  private static final int QUEUED_EXCHANGES = 1024;
  private static final int COPY_BUFFER = 64 * 1024;
  static final int DEFAULT_RECORD_LIMIT = 100_000;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  /** {@code .../instances/<sop>/<frames or an alternate name>/<frame number>}. */
  private static final Pattern FRAMES_REQUEST = Pattern.compile("(.*/)?instances/[^/]+/[^/]+/\\d+");
  private static final AtomicInteger SERVER_COUNT = new AtomicInteger();

  static {
    // The JDK server leaves Nagle on: on a kept-alive connection the last short segment of a body then
    // waits for the client's delayed ACK, 40 ms per response on Linux. nginx sets tcp_nodelay by default;
    // so do we. Read once, when the JDK creates its first HttpServer, so it must be set before that.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Path root;
  private final Path realRoot;
  /** Empty, or a path starting with '/' and not ending with one. */
  private final String prefix;
  /** Holds every thread this server starts, HttpServer's own included, so close() can wait for them. */
  private final ThreadGroup threads;
  private final ExecutorService workers;
  /** The newest requests only: a long-running {@code ./progressive serve} must not grow without bound. */
  private final Deque<RecordedRequest> requests = new ArrayDeque<>();
  private volatile int recordLimit = DEFAULT_RECORD_LIMIT;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final HttpServer server;
  private volatile boolean gunzipForOthers;

  private StaticDicomWebServer(Path root, InetSocketAddress address, String prefix) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.realRoot = this.root.toRealPath();
    this.prefix = prefix;
    this.threads = new ThreadGroup("static-dicomweb-" + SERVER_COUNT.incrementAndGet());
    this.workers = newWorkers(threads);
    try {
      this.server = createInGroup(threads, address, workers, this::handle);
    } catch (IOException | RuntimeException e) {
      workers.shutdownNow();
      throw e;
    }
  }

  /** Serves {@code root} at {@code http://host:port/}; port 0 picks a free port. */
  public static StaticDicomWebServer start(Path root, String host, int port) throws IOException {
    return start(root, host, port, "");
  }

  /** Serves {@code root} at {@code http://host:port<urlPrefix>/}, for example with prefix "/dicomweb". */
  public static StaticDicomWebServer start(Path root, String host, int port, String urlPrefix)
      throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(host, "host");
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("root is not a directory: " + root);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
    return new StaticDicomWebServer(root, address, normalizePrefix(urlPrefix));
  }

  /**
   * From now on, gzip'd metadata and lists go out decompressed, without Content-Encoding, to a client whose
   * Accept-Encoding does not name gzip - as nginx's {@code gunzip on} does. Weasis 4.7's own DICOMweb client
   * reads no Content-Encoding; the Static DICOMweb toolkit's server (the default here) sends gzip to everyone.
   */
  public StaticDicomWebServer gunzipForClientsWithoutGzip() {
    gunzipForOthers = true;
    return this;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The DICOMweb base URL, without a trailing slash, for example {@code http://127.0.0.1:8042/dicomweb}. */
  public String baseUrl() {
    InetAddress address = server.getAddress().getAddress();
    String host = address instanceof Inet6Address
        ? "[" + address.getHostAddress() + "]"
        : address.getHostAddress();
    return "http://" + host + ":" + port() + prefix;
  }

  /** The served directory. */
  public Path root() {
    return root;
  }

  /**
   * A snapshot of the requests received so far, oldest first: the newest {@value #DEFAULT_RECORD_LIMIT}
   * at most, older ones are forgotten.
   */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Forgets the recorded requests, so a test can look at one phase only. */
  public void clearRequests() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /** Lets a test check the bound without sending 100,000 requests. */
  void recordLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("record limit must be 1 or more, got " + limit);
    }
    recordLimit = limit;
  }

  /** Stops at once (open answers are cut) and returns once every thread of the server has ended. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    workers.shutdownNow();
    awaitThreads(System.nanoTime() + CLOSE_TIMEOUT.toNanos());
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      record(exchange);
      answer(exchange);
    } catch (IOException e) {
      // The client went away mid-answer (a cancelled stream, a closed connection): nobody to tell.
    }
  }

  private void record(HttpExchange exchange) {
    RecordedRequest request = new RecordedRequest(
        exchange.getRequestMethod(),
        exchange.getRequestURI().toString(),
        exchange.getRequestHeaders());
    synchronized (requests) {
      while (requests.size() >= recordLimit) {
        requests.removeFirst();
      }
      requests.addLast(request);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      sendText(exchange, 405, "Only GET and HEAD are served");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    String relative = relativePath(path);
    if (relative == null) {
      sendText(exchange, 404, "Not found: " + path);
    } else if (escapesRoot(relative)) {
      sendText(exchange, 403, "Forbidden: the path leaves the served tree");
    } else {
      Optional<Resource> resource = resolve(relative);
      if (resource.isPresent()) {
        Resource found = resource.get();
        if (gunzipForOthers && "gzip".equals(found.contentEncoding()) && !acceptsGzip(exchange)) {
          sendGunzipped(exchange, found);
        } else {
          sendFile(exchange, found);
        }
      } else {
        sendText(exchange, 404, "Not found: " + path);
      }
    }
  }

  /** The request path below the prefix, without leading or trailing slashes; null when outside it. */
  private String relativePath(String path) {
    if (path == null || !path.startsWith(prefix)) {
      return null;
    }
    String rest = path.substring(prefix.length());
    if (!rest.isEmpty() && !rest.startsWith("/")) {
      return null; // "/dicomwebX" is not under "/dicomweb"
    }
    return trimSlashes(rest);
  }

  private static boolean escapesRoot(String relative) {
    return Arrays.asList(relative.split("/")).contains("..");
  }

  /** Tries, in order: the file itself, P.mht, P.gz, then P/index.json.gz. */
  private Optional<Resource> resolve(String relative) {
    Optional<Resource> found =
        regularFile(relative).map(file -> new Resource(file, contentTypeOf(file, relative), null));
    if (!relative.isEmpty()) {
      // At the root, "P.mht" and "P.gz" would name files beside the tree, not in it.
      found = found
          .or(() -> regularFile(relative + ".mht").map(f -> new Resource(f, contentTypeOf(f, relative), null)))
          .or(() -> regularFile(relative + ".gz").map(StaticDicomWebServer::gzipJson));
    }
    String index = relative.isEmpty() ? "index.json.gz" : relative + "/index.json.gz";
    return found.or(() -> regularFile(index).map(StaticDicomWebServer::gzipJson));
  }

  private Optional<Path> regularFile(String relative) {
    try {
      Path file = root.resolve(relative).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        return Optional.empty();
      }
      // A symbolic link inside the tree may still point out of it.
      return file.toRealPath().startsWith(realRoot) ? Optional.of(file) : Optional.empty();
    } catch (InvalidPathException | IOException e) {
      return Optional.empty();
    }
  }

  private static Resource gzipJson(Path file) {
    return new Resource(file, DICOM_JSON, "gzip");
  }

  private static String contentTypeOf(Path file, String relative) {
    String name = file.getFileName().toString();
    if (name.endsWith(".mht")) {
      return FRAMES_REQUEST.matcher(relative).matches() ? MULTIPART_RELATED : multipartOfDicom(file);
    }
    if (name.endsWith(".json")) {
      return DICOM_JSON;
    }
    if (name.endsWith(".gz")) {
      return "application/gzip";
    }
    if (FRAMES_REQUEST.matcher(relative).matches()) {
      return OCTET_STREAM;
    }
    return sniffImageType(file);
  }

  /**
   * A study, series or instance retrieve body ({@code .mht} of {@code application/dicom} parts) answers with
   * its type and boundary, as DICOMweb servers do and as Weasis' own retrieve needs; frames stay bare
   * {@code multipart/related}, as the toolkit's server sends them.
   */
  private static String multipartOfDicom(Path file) {
    byte[] head = new byte[256];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return MULTIPART_RELATED;
    }
    String[] lines = new String(head, 0, n, StandardCharsets.US_ASCII).split("\r\n", 3);
    if (lines.length < 3 || !lines[0].startsWith("--")
        || !lines[1].equalsIgnoreCase("Content-Type: " + DICOM)) {
      return MULTIPART_RELATED;
    }
    return MULTIPART_RELATED + "; type=\"" + DICOM + "\"; boundary=" + lines[0].substring(2);
  }

  /** Static DICOMweb writes thumbnails as extension-less JPEG files; a browser needs the real type. */
  private static String sniffImageType(Path file) {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, head.length);
      if (n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
        return "image/jpeg";
      }
      if (n == 4 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
        return "image/png";
      }
    } catch (IOException e) {
      // Unreadable here means unreadable when served too; the type no longer matters.
    }
    return OCTET_STREAM;
  }

  private static void sendFile(HttpExchange exchange, Resource resource) throws IOException {
    long total = Files.size(resource.file());
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", resource.contentType());
    headers.set("Accept-Ranges", "bytes");
    if (resource.contentEncoding() != null) {
      headers.set("Content-Encoding", resource.contentEncoding());
    }
    String range = exchange.getRequestHeaders().getFirst("Range");
    switch (RangeSelection.of(range, total)) {
      case RangeSelection.Whole whole -> sendBytes(exchange, 200, resource.file(), 0, total);
      case RangeSelection.Part part -> {
        headers.set("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + total);
        sendBytes(exchange, 206, resource.file(), part.first(), part.length());
      }
      case RangeSelection.Unsatisfiable unsatisfiable -> {
        headers.set("Content-Range", "bytes */" + total);
        headers.remove("Content-Encoding");
        sendText(exchange, 416, "Range " + range + " starts past the end of " + total + " bytes");
      }
    }
  }

  private static boolean acceptsGzip(HttpExchange exchange) {
    List<String> accepted = exchange.getRequestHeaders().get("Accept-Encoding");
    return accepted != null && accepted.stream().anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("gzip"));
  }

  /** The stored gzip'd JSON, decompressed (small: metadata and lists), whole. */
  private static void sendGunzipped(HttpExchange exchange, Resource resource) throws IOException {
    byte[] body;
    try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(resource.file()))) {
      body = in.readAllBytes();
    }
    exchange.getResponseHeaders().set("Content-Type", resource.contentType());
    if (sendHeadersOnly(exchange, 200, body.length)) {
      return;
    }
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sendBytes(HttpExchange exchange, int status, Path file, long offset, long length)
      throws IOException {
    if (sendHeadersOnly(exchange, status, length)) {
      return;
    }
    try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
      in.skipNBytes(offset);
      copy(in, out, length);
    }
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if (sendHeadersOnly(exchange, status, body.length)) {
      return;
    }
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Sends the status line and headers; true when no body must follow (HEAD). */
  private static boolean sendHeadersOnly(HttpExchange exchange, int status, long length)
      throws IOException {
    if (exchange.getRequestMethod().equals("HEAD")) {
      // HttpServer writes no Content-Length for HEAD; a client probing the size needs it.
      exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
      exchange.sendResponseHeaders(status, -1);
      return true;
    }
    // HttpServer reads length 0 as "chunked"; -1 is its way to say "empty body".
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    return length == 0;
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[COPY_BUFFER];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("file shrank while being served");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static ExecutorService newWorkers(ThreadGroup group) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(group, task, group.getName() + "-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    // Bounded in threads and queue: under a flood HttpServer closes the excess connections instead of
    // the server growing without limit.
    return new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUED_EXCHANGES), factory);
  }

  /**
   * Creates and starts the HttpServer from a thread of {@code group}: its dispatcher and timer threads
   * join the creating thread's group, and that is the only handle on them that close() can get.
   */
  private static HttpServer createInGroup(ThreadGroup group, InetSocketAddress address,
      ExecutorService executor, HttpHandler handler) throws IOException {
    CompletableFuture<HttpServer> created = new CompletableFuture<>();
    Thread starter = new Thread(group, () -> {
      try {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        created.complete(server);
      } catch (IOException | RuntimeException e) {
        created.completeExceptionally(e);
      }
    }, group.getName() + "-start");
    // Threads inherit this: a server nobody closed must not keep a JVM alive.
    starter.setDaemon(true);
    starter.start();
    try {
      return created.get();
    } catch (InterruptedException e) {
      created.thenAccept(server -> server.stop(0));
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while starting the server on " + address);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  private static IOException rethrow(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    return new IOException(cause);
  }

  private void awaitThreads(long deadlineNanos) {
    try {
      workers.awaitTermination(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
      for (Thread thread : liveThreads()) {
        long left = deadlineNanos - System.nanoTime();
        if (thread != Thread.currentThread() && left > 0) {
          thread.join(Duration.ofNanos(left));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<Thread> liveThreads() {
    Thread[] found = new Thread[threads.activeCount() + 8];
    int n = threads.enumerate(found);
    return Arrays.asList(found).subList(0, n);
  }

  private static String normalizePrefix(String urlPrefix) {
    String trimmed = urlPrefix == null ? "" : trimSlashes(urlPrefix.trim());
    return trimmed.isEmpty() ? "" : "/" + trimmed;
  }

  private static String trimSlashes(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }

  /** A file to send and how to label it. */
  private record Resource(Path file, String contentType, String contentEncoding) {}
}
