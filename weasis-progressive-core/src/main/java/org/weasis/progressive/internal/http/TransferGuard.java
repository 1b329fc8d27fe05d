package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.weasis.progressive.api.NodeConfig;

/**
 * The time bounds of one logical GET, retries and redirects included. A socket timeout only sees silence:
 * a server that sends a byte every few seconds, in the headers or in the body, would hold the connection
 * for ever. This watch aborts the request when the whole GET passes the node's request timeout, when the
 * response headers take longer than the stall timeout (or the rate window, if longer), or when fewer than
 * the node's minimum rate of body bytes arrived over the last rate window.
 */
final class TransferGuard implements AutoCloseable {
  /** How often the rate is looked at, in parts of the window. */
  private static final int TICKS_PER_WINDOW = 10;
  private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final NodeConfig node;
  private final ScheduledExecutorService timer;
  private final long deadlineNanos;
  private final AtomicLong received = new AtomicLong();
  /** (time, bytes received) samples of the current exchange, oldest first; touched by the timer only. */
  private final Deque<long[]> samples = new ArrayDeque<>();

  private ScheduledFuture<?> ticks;
  private URI url;
  private Runnable abort;
  private long exchangeStart;
  private volatile long headersAt = -1;
  private volatile String tripped;

  TransferGuard(NodeConfig node, ScheduledExecutorService timer) {
    this.node = node;
    this.timer = timer;
    this.deadlineNanos = System.nanoTime() + node.requestTimeout().toNanos();
  }

  /** One exchange starts; {@code abortExchange} drops its connection. */
  synchronized void begin(URI exchangeUrl, Runnable abortExchange) throws IOException {
    throwIfTripped();
    url = exchangeUrl;
    abort = abortExchange;
    exchangeStart = System.nanoTime();
    headersAt = -1;
    received.set(0);
    samples.clear();
    long window = node.rateWindow().toNanos();
    long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(MAX_TICK_NANOS, window / TICKS_PER_WINDOW));
    ticks = timer.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
  }

  void headersIn() {
    headersAt = System.nanoTime();
  }

  void received(int bytes) {
    received.addAndGet(bytes);
  }

  /** Milliseconds left before the whole GET's deadline, at least 1. */
  long remainingMillis() {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  /** Why the request was aborted by this guard, or null. */
  String tripped() {
    return tripped;
  }

  void throwIfTripped() throws SocketTimeoutException {
    String why = tripped;
    if (why != null) {
      throw new SocketTimeoutException(why);
    }
  }

  /** The exchange is over: stop watching it. */
  synchronized void end() {
    if (ticks != null) {
      ticks.cancel(false);
      ticks = null;
    }
    abort = null;
  }

  @Override
  public void close() {
    end();
  }

  private synchronized void tick() {
    if (abort == null || tripped != null) {
      return;
    }
    long now = System.nanoTime();
    String why = checkDeadline(now);
    if (why == null) {
      why = headersAt < 0 ? checkHeaders(now) : checkRate(now);
    }
    if (why != null) {
      tripped = why;
      abort.run();
    }
  }

  private String checkDeadline(long now) {
    return now - deadlineNanos >= 0
        ? "Request to " + url + " took longer than " + node.requestTimeout().toMillis() + " ms"
        : null;
  }

  private String checkHeaders(long now) {
    long limit = Math.max(node.stallTimeout().toNanos(), node.rateWindow().toNanos());
    return now - exchangeStart >= limit
        ? "No response headers from " + url + " within " + TimeUnit.NANOSECONDS.toMillis(limit) + " ms"
        : null;
  }

  /** Fewer bytes than the minimum rate over the last full window. */
  private String checkRate(long now) {
    long rate = node.minTransferRate();
    if (rate == 0) {
      return null;
    }
    long window = node.rateWindow().toNanos();
    if (samples.isEmpty()) {
      samples.add(new long[] {headersAt, 0});
    }
    samples.add(new long[] {now, received.get()});
    while (samples.size() > 1 && now - secondSample()[0] >= window) {
      samples.removeFirst(); // the next one still starts a full window
    }
    long[] base = samples.getFirst();
    if (now - base[0] < window) {
      return null;
    }
    long got = received.get() - base[1];
    long needed = rate * TimeUnit.NANOSECONDS.toMillis(now - base[0]) / 1000;
    return got < needed
        ? "Less than " + rate + " bytes/s from " + url + ": " + got + " bytes in the last "
            + TimeUnit.NANOSECONDS.toMillis(now - base[0]) + " ms"
        : null;
  }

  private long[] secondSample() {
    Iterator<long[]> it = samples.iterator();
    it.next();
    return it.next();
  }
}
