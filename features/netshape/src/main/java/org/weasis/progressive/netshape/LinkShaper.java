package org.weasis.progressive.netshape;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy that puts every client on the same shaped link to a target, so that loaders are measured on
 * one link, whatever their own sockets do, and against that link's wire limit.
 *
 * <p>Each direction has one token bucket shared by all connections (one access link: concurrent transfers
 * split it) and a one-way delay applied to every chunk as a delay line, so a request/response round trip
 * costs twice the delay while a long transfer is not slowed by it beyond once. The burst is
 * {@value #BURST_BYTES} bytes: one read chunk may pass at once from a rested link, no more, which at 4g's
 * 30 Mbit/s is 4.4 ms of credit, small next to its 20 ms round trip.
 *
 * <p>What the proxy does not model: the TCP handshake (a client's connect completes at loopback speed, so a
 * new connection costs no round trip here), loss, and the slow start of a real sender's congestion window.
 */
public final class LinkShaper implements AutoCloseable {
  /** Credit of a rested link, and the largest chunk read at once. */
  public static final int BURST_BYTES = 16 * 1024;

  private static final int BACKLOG = 128;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  /** Keeps a persistent accept error (e.g. out of file descriptors) from spinning. */
  private static final Duration ACCEPT_ERROR_PAUSE = Duration.ofMillis(100);
  private static final AtomicInteger SHAPER_COUNT = new AtomicInteger();

  private final LinkProfile profile;
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final LinkDirection up;
  private final LinkDirection down;
  private final ThreadTracker threads;
  private final Set<ShapedConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong connectionCount = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private LinkShaper(LinkProfile profile, ServerSocket listener, InetSocketAddress target) {
    long now = System.nanoTime();
    long delayNanos = profile.oneWayDelay().toNanos();
    this.profile = profile;
    this.listener = listener;
    this.target = target;
    this.up = LinkDirection.of(profile.upBitsPerSecond(), delayNanos, BURST_BYTES, now);
    this.down = LinkDirection.of(profile.downBitsPerSecond(), delayNanos, BURST_BYTES, now);
    this.threads = new ThreadTracker("netshape-" + SHAPER_COUNT.incrementAndGet() + "-");
  }

  /**
   * Listens on {@code listenHost:listenPort} (port 0 picks a free one) and forwards every accepted
   * connection to {@code targetHost:targetPort} through the shaped link, until {@link #close()}.
   */
  public static LinkShaper start(LinkProfile profile, String listenHost, int listenPort, String targetHost,
      int targetPort) throws IOException {
    Objects.requireNonNull(profile, "profile");
    InetSocketAddress listenAddress = new InetSocketAddress(listenHost, checkPort(listenPort, 0, "listen"));
    InetSocketAddress target = new InetSocketAddress(targetHost, checkPort(targetPort, 1, "target"));
    if (target.isUnresolved()) {
      throw new UnknownHostException("Unknown target host " + targetHost);
    }
    ServerSocket listener = new ServerSocket();
    try {
      listener.bind(listenAddress, BACKLOG);
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    LinkShaper shaper = new LinkShaper(profile, listener, target);
    shaper.threads.start("accept", shaper::acceptConnections);
    return shaper;
  }

  /**
   * The wire limit that benchmarks report ratios against: the time {@code bytes} need at the down rate,
   * plus {@code roundTrips} round trips of twice the one-way delay, in seconds.
   */
  public static double wireSeconds(long bytes, LinkProfile profile, int roundTrips) {
    if (bytes < 0 || roundTrips < 0) {
      throw new IllegalArgumentException("bytes and roundTrips must be >= 0, got " + bytes + " and " + roundTrips);
    }
    double transfer = profile.downBitsPerSecond() == LinkProfile.UNLIMITED
        ? 0 : bytes * 8.0 / profile.downBitsPerSecond();
    return transfer + roundTrips * 2 * profile.oneWayDelay().toNanos() / 1e9;
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  public LinkProfile profile() {
    return profile;
  }

  /** Bytes delivered to clients so far. */
  public long bytesDown() {
    return down.delivered().sum();
  }

  /** Bytes delivered to the target so far. */
  public long bytesUp() {
    return up.delivered().sum();
  }

  /**
   * Stops listening, resets every open connection and waits for all of the shaper's threads to end.
   *
   * @throws IllegalStateException if some thread of the shaper is still running 5 s later
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Refusing new threads first: a connection accepted from now on aborts itself instead of starting.
    threads.refuseNew();
    closeListener();
    connections.forEach(ShapedConnection::abort);
    List<String> running;
    try {
      running = threads.awaitAll(CLOSE_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!running.isEmpty()) {
      throw new IllegalStateException("Still running " + CLOSE_TIMEOUT.toSeconds() + " s after close: " + running);
    }
  }

  private void acceptConnections() {
    while (!closed.get()) {
      try {
        carry(listener.accept());
      } catch (IOException e) {
        if (closed.get() || !pauseAfterAcceptError(e)) {
          return;
        }
      }
    }
  }

  private void carry(Socket client) {
    String name = "c" + connectionCount.incrementAndGet();
    ShapedConnection connection =
        new ShapedConnection(name, client, target, up, down, threads, connections::remove);
    connections.add(connection);
    connection.start();
    // A connection that ended before it was added would otherwise stay in the set until close.
    if (connection.isClosed()) {
      connections.remove(connection);
    }
  }

  private void closeListener() {
    try {
      listener.close();
    } catch (IOException e) {
      // Nothing more can be done about a listener that fails to close; the connections still are.
    }
  }

  /** Reports the error and pauses; false if interrupted, which ends accepting. */
  private boolean pauseAfterAcceptError(IOException error) {
    System.err.println("netshape: accept on port " + port() + " failed: " + error.getMessage());
    try {
      TimeUnit.NANOSECONDS.sleep(ACCEPT_ERROR_PAUSE.toNanos());
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static int checkPort(int port, int min, String what) {
    if (port < min || port > 65535) {
      throw new IllegalArgumentException(what + " port must be " + min + "..65535, got " + port);
    }
    return port;
  }
}
