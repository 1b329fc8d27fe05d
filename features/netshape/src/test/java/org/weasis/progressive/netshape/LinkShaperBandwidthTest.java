package org.weasis.progressive.netshape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.weasis.progressive.netshape.Clients.download;
import static org.weasis.progressive.netshape.Clients.secondsOf;
import static org.weasis.progressive.netshape.Clients.shapedSeconds;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rates, with no delay. Lower bounds are exact (shaping can only slow a transfer down); upper bounds are
 * loose, for a noisy machine, and only there to catch a shaper far slower than its link.
 */
class LinkShaperBandwidthTest {
  private static final long MBIT = 1_000_000;

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
  void aTwoMegabyteDownloadAtSixteenMegabitsTakesASecondAndArrivesIntact() throws Exception {
    int size = 2_000_000;
    LinkProfile link = new LinkProfile(16 * MBIT, 16 * MBIT, Duration.ZERO);
    byte[][] received = new byte[1][];
    double seconds;
    try (LinkShaper shaper = start(link)) {
      seconds = secondsOf(() -> received[0] = download(shaper.port(), size, 42));
    }

    assertEquals(BlobServer.crc(BlobServer.blob(size, 42)), BlobServer.crc(received[0]));
    assertEquals(size, received[0].length);
    assertTrue(seconds >= shapedSeconds(size, 16 * MBIT), "took only " + seconds + " s");
    assertTrue(seconds <= 3 * LinkShaper.wireSeconds(size, link, 0), "took " + seconds + " s");
  }

  @Test
  void concurrentDownloadsShareOneLink() throws Exception {
    int size = 1_000_000;
    LinkProfile link = new LinkProfile(16 * MBIT, 16 * MBIT, Duration.ZERO);
    double seconds;
    try (LinkShaper shaper = start(link); ExecutorService clients = Executors.newFixedThreadPool(2)) {
      seconds = secondsOf(() -> {
        Future<byte[]> first = clients.submit(() -> download(shaper.port(), size, 1));
        Future<byte[]> second = clients.submit(() -> download(shaper.port(), size, 2));
        assertArrayEquals(BlobServer.blob(size, 1), first.get());
        assertArrayEquals(BlobServer.blob(size, 2), second.get());
      });
    }

    // Each alone would take half a second; on one shared link, both together take the time of 2 MB.
    assertTrue(seconds >= shapedSeconds(2L * size, 16 * MBIT), "took only " + seconds + " s");
    assertTrue(seconds <= 3 * LinkShaper.wireSeconds(2L * size, link, 0), "took " + seconds + " s");
  }

  @Test
  void uploadIsShapedAtTheUpRateAndDownloadIsNot() throws Exception {
    int size = 500_000;
    LinkProfile link = new LinkProfile(100 * MBIT, 4 * MBIT, Duration.ZERO);
    byte[] payload = BlobServer.blob(size, 3);
    long[][] answer = new long[1][];
    double upSeconds;
    double downSeconds;
    try (LinkShaper shaper = start(link)) {
      upSeconds = secondsOf(() -> answer[0] = Clients.upload(shaper.port(), payload));
      downSeconds = secondsOf(() -> assertEquals(size, download(shaper.port(), size, 4).length));
    }

    assertArrayEquals(Clients.sinkAnswerFor(payload), answer[0]);
    assertTrue(upSeconds >= shapedSeconds(size, 4 * MBIT), "upload took only " + upSeconds + " s");
    assertTrue(upSeconds <= 3 * shapedSeconds(size, 4 * MBIT) + 0.5, "upload took " + upSeconds + " s");
    // At the up rate the same bytes would take a second; at 100 Mbit/s they take 40 ms.
    assertTrue(downSeconds < 0.5, "download took " + downSeconds + " s");
  }

  @Test
  void anUnshapedLinkForwardsAtLoopbackSpeed() throws Exception {
    int size = 8_000_000;
    byte[][] received = new byte[1][];
    double seconds;
    try (LinkShaper shaper = start(LinkProfile.LOCAL)) {
      seconds = secondsOf(() -> received[0] = download(shaper.port(), size, 5));
    }

    assertArrayEquals(BlobServer.blob(size, 5), received[0]);
    assertTrue(seconds < 2, "8 MB on loopback took " + seconds + " s");
  }

  private LinkShaper start(LinkProfile link) throws Exception {
    return LinkShaper.start(link, "127.0.0.1", 0, "127.0.0.1", server.port());
  }
}
