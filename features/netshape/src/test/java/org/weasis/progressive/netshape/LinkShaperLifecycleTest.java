package org.weasis.progressive.netshape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.weasis.progressive.netshape.Clients.secondsOf;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How connections end: half-close, refusal, resets, and close() leaving nothing behind. */
class LinkShaperLifecycleTest {
  private static final long MBIT = 1_000_000;
  private static final LinkProfile SLOW = new LinkProfile(8 * MBIT, 8 * MBIT, Duration.ofMillis(20));
  private static final Pattern THREAD_NAME = Pattern.compile("\"name\": \"([^\"]*)\"");
  private static final AtomicInteger DUMPS = new AtomicInteger();
  private static final int CONNECTIONS_AT_CLOSE = 10;

  @TempDir
  Path dumps;
  private BlobServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = BlobServer.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void aClientThatHalfClosesAfterItsRequestStillGetsTheWholeResponse() throws Exception {
    byte[] request = BlobServer.blob(100_000, 7);
    int tail = 200_000;
    byte[] response;
    try (LinkShaper shaper = start(SLOW); Socket socket = Clients.connect(shaper.port())) {
      Clients.send(socket, "SINK " + tail + "\n");
      socket.getOutputStream().write(request);
      // The server answers only once it has read to the end: the shutdown must cross the link, after the data.
      socket.shutdownOutput();
      response = socket.getInputStream().readAllBytes();
    }

    DataInputStream answer = new DataInputStream(new ByteArrayInputStream(response));
    assertEquals(16 + tail, response.length);
    assertEquals(request.length, answer.readLong());
    assertEquals(BlobServer.crc(request), answer.readLong());
    assertArrayEquals(BlobServer.blob(tail, request.length), answer.readAllBytes());
  }

  @Test
  void theCountersHoldTheBytesDeliveredEachWay() throws Exception {
    String request = "BLOB 300000 8\n";
    LinkShaper shaper = start(LinkProfile.LOCAL);
    try (shaper) {
      assertEquals(300_000, Clients.download(shaper.port(), 300_000, 8).length);
    }

    assertEquals(300_000, shaper.bytesDown());
    assertEquals(request.getBytes(StandardCharsets.US_ASCII).length, shaper.bytesUp());
  }

  @Test
  void aTargetThatRefusesTheConnectionClosesTheClientPromptly() throws Exception {
    int refusingPort;
    try (ServerSocket closedAgain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refusingPort = closedAgain.getLocalPort();
    }
    double seconds;
    try (LinkShaper shaper = LinkShaper.start(SLOW, "127.0.0.1", 0, "127.0.0.1", refusingPort);
        Socket socket = Clients.connect(shaper.port())) {
      seconds = secondsOf(() -> assertEndsWithoutData(socket));
    }

    assertTrue(seconds < 2, "the client was closed only after " + seconds + " s");
  }

  @Test
  void aResetByTheTargetReachesTheClientAsAnErrorNotAsACleanEnd() throws Exception {
    try (LinkShaper shaper = start(SLOW); Socket socket = Clients.connect(shaper.port())) {
      Clients.send(socket, "RESET 1000\n");

      assertThrows(IOException.class, () -> socket.getInputStream().readAllBytes());
    }
  }

  @Test
  void closeEndsEveryConnectionAndEveryThreadOfTheShaper() throws Exception {
    List<String> before = shaperThreads();
    LinkShaper shaper = start(SLOW);
    List<Socket> clients = new ArrayList<>();
    List<String> during;
    List<String> after;
    double closeSeconds;
    try {
      // Many connections, so that threads left to end on their own after close() would still be seen.
      for (int i = 0; i < CONNECTIONS_AT_CLOSE; i++) {
        clients.add(startSlowDownload(shaper.port()));
      }
      during = shaperThreads();
      closeSeconds = secondsOf(shaper::close);
      after = shaperThreads();
      for (Socket client : clients) {
        assertEndsWithoutData(client);
      }
    } finally {
      for (Socket client : clients) {
        client.close();
      }
    }

    assertTrue(during.size() >= before.size() + 1 + 4 * CONNECTIONS_AT_CLOSE,
        "an accept thread and 4 per connection expected, saw " + during);
    assertEquals(before, after, "threads left after close()");
    assertTrue(closeSeconds < 2, "close() took " + closeSeconds + " s");
  }

  @Test
  void aClosedShaperRefusesConnectionsAndCloseCanBeRepeated() throws Exception {
    LinkShaper shaper = start(SLOW);
    int port = shaper.port();
    shaper.close();
    shaper.close();

    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
  }

  @Test
  void startRefusesBadPortsAndUnknownHostsBeforeListening() {
    assertThrows(IllegalArgumentException.class,
        () -> LinkShaper.start(SLOW, "127.0.0.1", 0, "127.0.0.1", 0));
    assertThrows(IllegalArgumentException.class,
        () -> LinkShaper.start(SLOW, "127.0.0.1", 70_000, "127.0.0.1", 80));
    assertThrows(UnknownHostException.class,
        () -> LinkShaper.start(SLOW, "127.0.0.1", 0, "no-such-host.invalid", 80));
  }

  /** 10 MB at 8 Mbit/s would take 10 s: once its first byte is in, the download surely runs on. */
  private static Socket startSlowDownload(int port) throws IOException {
    Socket socket = Clients.connect(port);
    Clients.send(socket, "BLOB 10000000 9\n");
    assertTrue(socket.getInputStream().read() >= 0);
    return socket;
  }

  private LinkShaper start(LinkProfile link) throws Exception {
    return LinkShaper.start(link, "127.0.0.1", 0, "127.0.0.1", server.port());
  }

  /**
   * Skips whatever is still buffered, then expects the end of stream or a reset; a read timeout, meaning the
   * connection was left open, fails.
   */
  private static void assertEndsWithoutData(Socket socket) {
    try {
      socket.setSoTimeout(5_000);
      byte[] buffer = new byte[65536];
      while (socket.getInputStream().read(buffer) >= 0) {
        // draining what was delivered before the end
      }
    } catch (SocketTimeoutException e) {
      fail("the connection was left open");
    } catch (IOException e) {
      // A reset: the connection was closed, as expected.
    }
  }

  /**
   * The names of this JVM's live threads that belong to a shaper, virtual ones included, which
   * Thread.getAllStackTraces() would not list.
   */
  private List<String> shaperThreads() throws IOException {
    Path dump = dumps.resolve("threads-" + DUMPS.incrementAndGet() + ".json");
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
    List<String> names = new ArrayList<>();
    Matcher matcher = THREAD_NAME.matcher(Files.readString(dump));
    while (matcher.find()) {
      if (matcher.group(1).startsWith("netshape-")) {
        names.add(matcher.group(1));
      }
    }
    return names.stream().sorted().toList();
  }
}
