package org.weasis.progressive.internal.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.weasis.progressive.internal.http.MultipartWriter;

/**
 * The warm-up's own DICOMweb server on the loopback interface, so that the warm-up load runs a node's
 * whole path — sockets, HttpClient's request execution, gzip'd metadata, a multipart frame — without
 * sending anything off the machine. It answers any {@code .../metadata} with the series' JSON and
 * any other path with the frame (metadata gzip'd, as static servers send it), and keeps connections alive as real servers do. Only the warm-up uses
 * it, for the duration of one load, so one thread per connection is enough.
 */
final class WarmupServer implements Closeable {
  static final String BOUNDARY = "warm-up";
  /** HttpClient's request heads are a few hundred bytes; anything longer is not our client's. */
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  private final ServerSocket socket;
  private final byte[] metadata;
  private final byte[] frame;
  private final String frameType;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();

  private WarmupServer(ServerSocket socket, byte[] metadata, byte[] frame, String transferSyntax) {
    this.socket = socket;
    this.metadata = gzip(metadata);
    this.frame = MultipartWriter.frame(BOUNDARY, transferSyntax, frame);
    this.frameType = MultipartWriter.contentType(BOUNDARY);
  }

  /** Listens on a free loopback port and answers on a daemon thread until closed. */
  static WarmupServer start(byte[] metadata, byte[] frame, String transferSyntax) throws IOException {
    ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    WarmupServer server = new WarmupServer(socket, metadata, frame, transferSyntax);
    daemon(server::accept, "weasis-progressive warm-up server").start();
    return server;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** The request lines received, in order: for tests. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket c : connections) {
      c.close();
    }
  }

  private void accept() {
    try {
      while (!socket.isClosed()) {
        Socket connection = socket.accept();
        connections.add(connection);
        daemon(() -> serve(connection), "weasis-progressive warm-up connection").start();
      }
    } catch (IOException closed) {
      // closed by close(): the warm-up load is over
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      List<String> head;
      while (!(head = readHead(in)).isEmpty()) {
        requests.add(head.getFirst());
        answer(head, out);
      }
    } catch (IOException closed) {
      // the client closed its pooled connection, or the server was closed
    }
  }

  private void answer(List<String> head, OutputStream out) throws IOException {
    String[] requestLine = head.getFirst().split(" ");
    String path = requestLine.length > 1 ? requestLine[1] : "";
    byte[] body;
    String headers;
    if (path.endsWith("/metadata")) {
      body = metadata; // gzip'd, as static DICOMweb servers store it and send it
      headers = "Content-Type: application/dicom+json\r\nContent-Encoding: gzip\r\n";
    } else {
      body = frame;
      headers = "Content-Type: " + frameType + "\r\n";
    }
    out.write(("HTTP/1.1 200 OK\r\n" + headers + "Content-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** The request line and headers up to the blank line; empty at the end of the stream. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    int read = 0;
    while ((b = in.read()) != -1) {
      if (++read > MAX_HEAD_BYTES) {
        throw new IOException("request head longer than " + MAX_HEAD_BYTES + " bytes");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    return List.of();
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
