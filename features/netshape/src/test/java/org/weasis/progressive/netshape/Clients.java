package org.weasis.progressive.netshape;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** What the tests do as clients of the shaper, and how they time it. */
final class Clients {
  /** Long enough for any transfer in the tests; a hang fails the test instead of blocking the build. */
  static final int READ_TIMEOUT_MILLIS = 20_000;

  private Clients() {}

  static Socket connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
    return socket;
  }

  /** Asks for {@code size} blob bytes through the shaper and returns what arrived before the end of stream. */
  static byte[] download(int port, int size, long seed) throws IOException {
    try (Socket socket = connect(port)) {
      send(socket, "BLOB " + size + " " + seed + "\n");
      return socket.getInputStream().readAllBytes();
    }
  }

  /** Sends {@code payload}, half-closes, and returns the server's count and CRC of what it received. */
  static long[] upload(int port, byte[] payload) throws IOException {
    try (Socket socket = connect(port)) {
      send(socket, "SINK 0\n");
      socket.getOutputStream().write(payload);
      socket.shutdownOutput();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      return new long[] {in.readLong(), in.readLong()};
    }
  }

  static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  static long[] sinkAnswerFor(byte[] payload) {
    return new long[] {payload.length, BlobServer.crc(payload)};
  }

  /** Seconds taken by {@code action}. */
  static double secondsOf(IoAction action) throws Exception {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1e9;
  }

  /** Lower bound for {@code bytes} through a rested bucket at {@code bitsPerSecond}: the burst goes free. */
  static double shapedSeconds(long bytes, long bitsPerSecond) {
    return Math.max(0, bytes - LinkShaper.BURST_BYTES) * 8.0 / bitsPerSecond;
  }

  @FunctionalInterface
  interface IoAction {
    void run() throws Exception;
  }
}
