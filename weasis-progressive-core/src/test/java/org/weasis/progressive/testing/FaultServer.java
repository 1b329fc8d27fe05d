package org.weasis.progressive.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP/1.1 server on 127.0.0.1 whose answers a test scripts byte by byte, so that it can also
 * misbehave (reset a connection mid-body, drip, lie in Content-Range). Every request is recorded.
 * One request per connection: answers carry {@code Connection: close}.
 */
public final class FaultServer implements AutoCloseable {
  /** A request as it arrived. Header names are lower-cased. */
  public record Recorded(String method, String target, Map<String, String> headers) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Writes the whole answer (status line, headers, body) for a request. */
  @FunctionalInterface
  public interface Handler {
    void answer(Recorded request, Exchange exchange) throws IOException, InterruptedException;
  }

  /** The raw socket of one exchange, with helpers for well-formed answers. */
  public static final class Exchange {
    private final Socket socket;
    private final OutputStream out;

    Exchange(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
      writeHead(status, headers, body.length);
      out.write(body);
      out.flush();
    }

    public void writeHead(int status, Map<String, String> headers, long contentLength) throws IOException {
      out.write(head(status, headers, contentLength));
      out.flush();
    }

    /** The status line and headers, for a test that sends them in one write with body bytes. */
    public static byte[] head(int status, Map<String, String> headers, long contentLength) {
      StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason(status) + "\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      if (contentLength >= 0) {
        head.append("Content-Length: ").append(contentLength).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      out.flush();
    }

    /** Closes with a TCP reset instead of a clean end. */
    public void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }

    private static String reason(int status) {
      return switch (status) {
        case 200 -> "OK";
        case 206 -> "Partial Content";
        case 302 -> "Found";
        case 401 -> "Unauthorized";
        case 404 -> "Not Found";
        case 500 -> "Internal Server Error";
        case 503 -> "Service Unavailable";
        default -> "Status";
      };
    }
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-server");
    t.setDaemon(true);
    return t;
  });
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Handler handler = (r, e) -> e.respond(404, Map.of(), new byte[0]);

  public FaultServer() throws IOException {
    this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  private FaultServer(ServerSocket socket) {
    server = socket;
    threads.execute(this::acceptLoop);
  }

  /** The same server over TLS, with a self-signed certificate for 127.0.0.1 made by the JDK's keytool. */
  public static FaultServer tls(java.nio.file.Path dir) throws IOException, InterruptedException {
    java.nio.file.Path store = dir.resolve("server.p12");
    char[] password = "changeit".toCharArray();
    Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (keytool.waitFor() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    try {
      java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
      try (InputStream in = java.nio.file.Files.newInputStream(store)) {
        keys.load(in, password);
      }
      javax.net.ssl.KeyManagerFactory kmf =
          javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return new FaultServer(context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e, e);
    }
  }

  public void handle(Handler h) {
    handler = h;
  }

  public String baseUrl() {
    String scheme = server instanceof javax.net.ssl.SSLServerSocket ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getLocalPort();
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<Recorded> requests() {
    return new ArrayList<>(requests);
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      Recorded request = readRequest(socket.getInputStream());
      if (request == null) {
        return;
      }
      requests.add(request);
      handler.answer(request, new Exchange(socket));
    } catch (SocketException e) {
      // The client went away (or the test reset the connection).
    } catch (IOException e) {
      // Nothing to report to: the client sees the broken exchange.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Recorded readRequest(InputStream in) throws IOException {
    String requestLine = readLine(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return null;
    }
    Map<String, String> headers = new TreeMap<>();
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    String[] parts = requestLine.split(" ");
    return new Recorded(parts[0], parts.length > 1 ? parts[1] : "", headers);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b == -1 && line.size() == 0) {
      return null;
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
