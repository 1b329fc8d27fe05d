package org.weasis.progressive.netshape;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client's connection through the shaper, so that its two directions end together: cleanly once both
 * have delivered their end of stream, or at once, with a reset on both sides, on any error.
 */
final class ShapedConnection {
  /** Long enough for a slow local server, short enough that a dead target does not hold a client for long. */
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final String name;
  private final Socket client;
  private final Socket target = new Socket();
  private final InetSocketAddress targetAddress;
  private final ThreadTracker threads;
  private final Consumer<ShapedConnection> onClosed;
  private final Pipe up;
  private final Pipe down;
  private final List<Thread> ownThreads = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger endedDirections = new AtomicInteger();

  ShapedConnection(String name, Socket client, InetSocketAddress targetAddress, LinkDirection up,
      LinkDirection down, ThreadTracker threads, Consumer<ShapedConnection> onClosed) {
    this.name = name;
    this.client = client;
    this.targetAddress = targetAddress;
    this.threads = threads;
    this.onClosed = onClosed;
    this.up = new Pipe(client, target, up, this);
    this.down = new Pipe(target, client, down, this);
  }

  /** Connects to the target on a thread of its own, so a slow target never holds up the listener. */
  void start() {
    spawn("connect", this::connectAndCarry);
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Called by each direction once its end of stream is delivered; the second one closes the connection. */
  void directionEnded() {
    if (endedDirections.incrementAndGet() == 2 && closed.compareAndSet(false, true)) {
      closeQuietly(client);
      closeQuietly(target);
      onClosed.accept(this);
    }
  }

  /** Ends the connection now: both sockets reset, every thread of it woken to finish. */
  void abort() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    resetQuietly(client);
    resetQuietly(target);
    for (Thread thread : ownThreads) {
      if (thread != Thread.currentThread()) {
        thread.interrupt();
      }
    }
    onClosed.accept(this);
  }

  private void connectAndCarry() {
    try {
      target.connect(targetAddress, CONNECT_TIMEOUT_MILLIS);
      // Without this, Nagle's algorithm would hold small chunks back and add its own delay to the link's.
      client.setTcpNoDelay(true);
      target.setTcpNoDelay(true);
    } catch (IOException e) {
      abort();
      return;
    }
    spawn("up-in", up::carryIn);
    spawn("up-out", up::carryOut);
    spawn("down-in", down::carryIn);
    spawn("down-out", down::carryOut);
  }

  private void spawn(String role, Runnable task) {
    Optional<Thread> thread = threads.start(name + "-" + role, task);
    if (thread.isEmpty()) {
      abort();
      return;
    }
    ownThreads.add(thread.get());
    // abort() may have run between the start and the add, and then missed this thread.
    if (closed.get()) {
      thread.get().interrupt();
    }
  }

  /** Linger 0 makes close send a reset, so the peer sees an error rather than a clean, truncated end. */
  private static void resetQuietly(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // Not connected or already closed: a plain close is all there is left to do.
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort; the socket is unusable either way.
    }
  }
}
