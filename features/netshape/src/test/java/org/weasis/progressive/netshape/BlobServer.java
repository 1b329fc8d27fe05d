package org.weasis.progressive.netshape;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The shaper's target in the tests, on 127.0.0.1, speaking one request line per connection.
 *
 * <ul>
 *   <li>{@code BLOB n seed}: answers n bytes of {@link #blob(int, long)}, then closes;
 *   <li>{@code ECHO}: copies what it reads back until the end of input, then closes;
 *   <li>{@code SINK tail}: reads to the end of input, then answers the count and CRC-32 of what it read
 *       (two big-endian longs) and {@code tail} bytes of {@code blob(tail, count)}, then closes;
 *   <li>{@code RESET n}: answers n blob bytes, then resets the connection.
 * </ul>
 */
final class BlobServer implements AutoCloseable {
  private final ServerSocket listener;
  private final ExecutorService workers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("blob-server-", 0).factory());
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  /** Blobs made so far, by size and seed: a repeated request then times the link, not the generator. */
  private final Map<List<Long>, byte[]> blobs = new ConcurrentHashMap<>();

  private BlobServer(ServerSocket listener) {
    this.listener = listener;
  }

  static BlobServer start() throws IOException {
    BlobServer server = new BlobServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    server.workers.execute(server::acceptConnections);
    return server;
  }

  int port() {
    return listener.getLocalPort();
  }

  static byte[] blob(int size, long seed) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }

  byte[] cachedBlob(int size, long seed) {
    return blobs.computeIfAbsent(List.of((long) size, seed), key -> blob(size, seed));
  }

  static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : open) {
      socket.close();
    }
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("blob server threads still running");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while closing the blob server", e);
    }
  }

  private void acceptConnections() {
    try {
      while (true) {
        Socket socket = listener.accept();
        open.add(socket);
        workers.execute(() -> serve(socket));
      }
    } catch (IOException e) {
      // Closed by close().
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      String[] request = readLine(in).split(" ");
      switch (request[0]) {
        case "BLOB" -> out.write(cachedBlob(Integer.parseInt(request[1]), Long.parseLong(request[2])));
        case "ECHO" -> in.transferTo(out);
        case "SINK" -> out.write(sinkAnswer(in, Integer.parseInt(request[1])));
        case "RESET" -> {
          out.write(blob(Integer.parseInt(request[1]), 0));
          socket.setSoLinger(true, 0);
        }
        default -> throw new IOException("unknown request " + request[0]);
      }
    } catch (IOException e) {
      // The client went away or was reset on purpose; nothing to answer.
    } finally {
      open.remove(socket);
    }
  }

  private static byte[] sinkAnswer(InputStream in, int tail) throws IOException {
    CRC32 crc = new CRC32();
    long count = 0;
    byte[] buffer = new byte[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      crc.update(buffer, 0, n);
      count += n;
    }
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(answer);
    data.writeLong(count);
    data.writeLong(crc.getValue());
    data.write(blob(tail, count));
    return answer.toByteArray();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("no request line");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
