package org.weasis.progressive.weasis.internal.load;

import java.nio.ShortBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.Raster;

/**
 * The engine's load of the series the viewer opens on, started by the open as soon as the series is queued,
 * instead of when Weasis' download thread runs its task: making and queueing the task, with Weasis' event thread
 * busy docking the viewer, had taken 25-35 ms before the engine's first request, on the path of the first image.
 * What the engine delivers meanwhile waits here, in order, until the task's run takes the load over
 * ({@link #adopt}). A task that ends without running cancels it ({@link #discard}); so does waiting longer than
 * {@link #WAIT} or keeping more than {@link #MAX_KEPT_BYTES} of pixels (Weasis may drop a queued task without
 * cancelling it, when its study is closed): the run, if it comes, then starts a load of its own.
 */
final class EarlyLoad implements LoadListener {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyLoad.class);
  /** How long the load waits for its run: the open starts it only when a download thread is free for it. */
  static final Duration WAIT = Duration.ofSeconds(5);
  /** The decoded pixels kept for the run at most. */
  static final long MAX_KEPT_BYTES = 128L << 20;
  /** Answers a renewal asked for after the load was discarded: nobody takes the refused requests any more. */
  private static final LoadListener NOBODY = new LoadListener() {
    @Override
    public void onImage(ImageEvent event) {}

    @Override
    public void onError(ErrorEvent event) {}
  };

  private final NodeConfig node;
  private final Marks marks;
  private final long maxKeptBytes;
  private final Object lock = new Object();
  /** Guarded by lock: the callbacks not yet delivered, in the engine's order. */
  private final List<Consumer<LoadListener>> waiting = new ArrayList<>();
  /** Guarded by lock: the pixels the waiting callbacks hold. */
  private long keptBytes;
  /** Guarded by lock: who gets the callbacks once taken over, or NOBODY once discarded. */
  private LoadListener taker;
  private final CompletableFuture<LoadListener> taken = new CompletableFuture<>();
  /** Null until the engine's {@code load} returned (its callbacks may come before). */
  private volatile LoadHandle handle;

  private EarlyLoad(ProgressiveRetrieveService service, SeriesRequest request, NodeConfig node,
      RetrieveConfiguration configuration, Marks marks, long maxKeptBytes) {
    this.node = node;
    this.marks = marks;
    this.maxKeptBytes = maxKeptBytes;
    LoadHandle started = service.load(SeriesRun.withNode(request, node), configuration, this);
    handle = started;
    synchronized (lock) {
      if (taker != NOBODY) {
        return;
      }
    }
    started.cancel(); // discarded by a callback that came before load() returned
  }

  /**
   * Starts the load of {@code request} on {@code node}, the node with the token the open took (its queries were
   * just answered with it); the series' {@code marks} note when the engine delivered, not when the run took it.
   */
  static EarlyLoad start(ProgressiveRetrieveService service, SeriesRequest request, NodeConfig node,
      RetrieveConfiguration configuration, Marks marks) {
    return start(service, request, node, configuration, marks, WAIT, MAX_KEPT_BYTES);
  }

  /** {@link #start} with the limits of the tests. */
  static EarlyLoad start(ProgressiveRetrieveService service, SeriesRequest request, NodeConfig node,
      RetrieveConfiguration configuration, Marks marks, Duration wait, long maxKeptBytes) {
    EarlyLoad load = new EarlyLoad(service, request, node, configuration, marks, maxKeptBytes);
    // Run on the delay's own thread: the discard is short, and a busy common pool would delay it.
    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
        .execute(() -> load.discard("no run took it over within " + wait.toMillis() + " ms"));
    return load;
  }

  /** The node the load sends, with its token. */
  NodeConfig node() {
    return node;
  }

  /**
   * {@code run} takes the load over: it gets what came so far, in order, on this thread, then the engine's
   * callbacks themselves. Returns the load's handle; empty when the load was taken over or discarded before (a
   * resumed series' new task, a run that came too late): then the caller starts a load of its own.
   */
  Optional<LoadHandle> adopt(LoadListener run) {
    // The replay holds the lock, so that no engine callback overtakes it: the run's callbacks must not wait for
    // what an engine thread holds (SeriesRun cancels through its handle only once run() has it, after this).
    synchronized (lock) {
      if (taker != null) {
        return Optional.empty();
      }
      waiting.forEach(callback -> callback.accept(run));
      waiting.clear();
      keptBytes = 0;
      taker = run;
    }
    taken.complete(run);
    return Optional.of(handle);
  }

  /** The series' task ended without taking the load over: the load is cancelled, unless it was taken over. */
  void discard() {
    discard(null);
  }

  /** Discards the load unless a run took it over; {@code reason} (logged) when it is not the task's end. */
  private void discard(String reason) {
    synchronized (lock) {
      if (!dropLocked()) {
        return;
      }
    }
    cancel(reason);
  }

  /** Guarded by lock: drops what is kept, and what comes later, unless a run took the load over. */
  private boolean dropLocked() {
    if (taker != null) {
      return false;
    }
    waiting.clear();
    keptBytes = 0;
    taker = NOBODY;
    return true;
  }

  /** After {@link #dropLocked}, outside the lock: the engine's cancel may call back. */
  private void cancel(String reason) {
    if (reason != null) { // before the cancel, which completes the load
      LOG.info("The load started early for a series is cancelled: {}; its run, if any, loads it again", reason);
    }
    taken.complete(NOBODY);
    LoadHandle started = handle;
    if (started != null) {
      started.cancel();
    }
  }

  @Override
  public void onSeries(List<ImageRef> images) {
    marks.mark("known");
    deliver(l -> l.onSeries(images), 0);
  }

  @Override
  public void onImage(ImageEvent event) {
    SeriesRun.markArrival(marks, event);
    deliver(l -> l.onImage(event), bytes(event.raster()));
  }

  @Override
  public void onError(ErrorEvent event) {
    deliver(l -> l.onError(event), 0);
  }

  @Override
  public void onComplete(LoadSummary summary) {
    deliver(l -> l.onComplete(summary), 0);
  }

  /**
   * Asked on one of the engine's threads, which may wait: the answer is the run's once it took the load over
   * (its renewal asks Weasis, perhaps for a login), none once the load was discarded, which it is after
   * {@link #WAIT} at most.
   */
  @Override
  public Optional<Authentication> renewAuthentication(Authentication refused) {
    return taken.join().renewAuthentication(refused);
  }

  /**
   * Delivers a callback to the run, or keeps it for the run; under the lock, so none overtakes the kept ones.
   * Keeping more than the pixel limit discards the load.
   */
  private void deliver(Consumer<LoadListener> callback, long pixelBytes) {
    LoadListener to;
    synchronized (lock) {
      if (taker == null) {
        if (keptBytes + pixelBytes <= maxKeptBytes) {
          waiting.add(callback);
          keptBytes += pixelBytes;
          return;
        }
        dropLocked();
        to = null;
      } else {
        to = taker;
      }
    }
    if (to == null) {
      cancel("it kept more than " + (maxKeptBytes >> 20) + " MiB of pixels for a run that did not come");
      return;
    }
    callback.accept(to);
  }

  private static long bytes(Raster raster) {
    if (raster == null) {
      return 0;
    }
    return (long) raster.rows() * raster.columns() * raster.samplesPerPixel()
        * (raster.samples() instanceof ShortBuffer ? 2 : 1);
  }
}
