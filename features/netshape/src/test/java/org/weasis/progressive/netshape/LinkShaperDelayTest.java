package org.weasis.progressive.netshape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.weasis.progressive.netshape.Clients.secondsOf;
import static org.weasis.progressive.netshape.Clients.shapedSeconds;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one-way delay: it costs every round trip twice, and a long transfer only once. */
class LinkShaperDelayTest {
  private static final long MBIT = 1_000_000;
  private static final LinkProfile FAST_AND_FAR = new LinkProfile(100 * MBIT, 100 * MBIT, Duration.ofMillis(50));

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
  void aSmallRequestAndResponseCostTwiceTheOneWayDelay() throws Exception {
    double seconds;
    try (LinkShaper shaper = start(FAST_AND_FAR); Socket socket = Clients.connect(shaper.port())) {
      seconds = secondsOf(() -> {
        Clients.send(socket, "ECHO\nx");
        assertEquals('x', socket.getInputStream().read());
      });
    }

    assertTrue(seconds >= 0.100, "round trip took only " + seconds + " s");
    assertTrue(seconds <= 0.300, "round trip took " + seconds + " s");
  }

  @Test
  void tenSequentialRoundTripsCostTenTimesAsMuch() throws Exception {
    double seconds;
    try (LinkShaper shaper = start(FAST_AND_FAR); Socket socket = Clients.connect(shaper.port())) {
      Clients.send(socket, "ECHO\n");
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      seconds = secondsOf(() -> {
        for (int i = 0; i < 10; i++) {
          out.write(i);
          assertEquals(i, in.read());
        }
      });
    }

    assertTrue(seconds >= 1.0, "10 round trips took only " + seconds + " s");
    assertTrue(seconds <= 3.0, "10 round trips took " + seconds + " s");
  }

  @Test
  void delayAndBandwidthAddUpOnALongTransferInsteadOfMultiplying() throws Exception {
    int size = 1_000_000;
    LinkProfile link = new LinkProfile(16 * MBIT, 16 * MBIT, Duration.ofMillis(50));
    double seconds;
    try (LinkShaper shaper = start(link)) {
      seconds = secondsOf(() -> assertEquals(size, Clients.download(shaper.port(), size, 6).length));
    }

    // A delay per chunk would make this 61 chunks x 50 ms = 3 s more; a pipe adds one round trip.
    double wire = LinkShaper.wireSeconds(size, link, 1);
    assertTrue(seconds >= shapedSeconds(size, 16 * MBIT) + 0.100, "took only " + seconds + " s");
    assertTrue(seconds < wire + 0.5, "took " + seconds + " s, wire time " + wire + " s");
  }

  private LinkShaper start(LinkProfile link) throws Exception {
    return LinkShaper.start(link, "127.0.0.1", 0, "127.0.0.1", server.port());
  }
}
