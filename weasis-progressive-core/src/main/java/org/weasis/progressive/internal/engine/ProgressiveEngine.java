package org.weasis.progressive.internal.engine;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.weasis.progressive.api.FrameDecoder;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.schedule.BuiltinStrategies;
import org.weasis.progressive.internal.schedule.RequestScheduler;

/**
 * The retrieval service without OSGi: one scheduler and thread pool for all loads, one HTTP client per
 * node. The OSGi component and the command-line tool both wrap it.
 */
public final class ProgressiveEngine implements ProgressiveRetrieveService, AutoCloseable {
  /** Worker threads by default: enough for a few nodes at their default connection limit. */
  public static final int DEFAULT_THREADS = 24;

  private final Decoders decoders = new Decoders();
  private final Map<String, SeriesLoadingStrategy> strategies = new ConcurrentHashMap<>();
  /** Always there, so that a strategy service going away never leaves a name unresolved. */
  private final Map<String, SeriesLoadingStrategy> builtins = BuiltinStrategies.BY_NAME;
  private final Map<NodeSettings, DicomWebClient> clients = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timer;
  private final RequestScheduler scheduler;
  /** Every thread the engine started, so that close() can wait until each has ended. */
  private final java.util.Set<Thread> threads = ConcurrentHashMap.newKeySet();
  /** Loads not yet complete: closing the engine cancels them before it stops its threads. */
  private final java.util.Set<SeriesLoad> running = ConcurrentHashMap.newKeySet();

  public ProgressiveEngine() {
    this(DEFAULT_THREADS);
  }

  /** An engine whose requests run on at most {@code threads} worker threads. */
  public ProgressiveEngine(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads = " + threads + ": must be 1 or more");
    }
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> track(new Thread(r, "progressive-worker-" + n.incrementAndGet()));
    workers = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    workers.allowCoreThreadTimeOut(true);
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(1, r -> track(new Thread(r, "progressive-deadlines")));
    t.setRemoveOnCancelPolicy(true);
    timer = t;
    scheduler = new RequestScheduler(workers);
  }

  public void addDecoder(FrameDecoder decoder) {
    decoders.add(decoder);
  }

  /** A decoder service: its {@code transfer.syntax}, {@code service.ranking} and {@code service.id} choose it. */
  public void addDecoder(FrameDecoder decoder, Map<String, ?> properties) {
    decoders.add(decoder, properties);
  }

  public void removeDecoder(FrameDecoder decoder) {
    decoders.remove(decoder);
  }

  public void addStrategy(SeriesLoadingStrategy strategy) {
    strategies.put(strategy.name(), strategy);
  }

  public void removeStrategy(SeriesLoadingStrategy strategy) {
    strategies.remove(strategy.name(), strategy);
  }

  @Override
  public LoadHandle load(SeriesRequest request, RetrieveConfiguration configuration, LoadListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(listener, "listener");
    SeriesLoad load = new SeriesLoad(request, configuration, listener, clientFor(request.node()),
        decoders, scheduler, strategy(request.strategy()), FrameRetrieval::new);
    running.add(load);
    load.completion().whenComplete((summary, error) -> running.remove(load));
    load.start();
    return load;
  }

  /** Stops every load and releases all threads and connections. */
  @Override
  public void close() {
    scheduler.close();
    running.forEach(SeriesLoad::cancel);
    workers.shutdownNow();
    timer.shutdownNow();
    clients.values().forEach(DicomWebClient::close);
    clients.clear();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
      timer.awaitTermination(5, TimeUnit.SECONDS);
      // A terminated pool may still have a thread finishing its exit: wait until none is alive.
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Thread track(Thread thread) {
    thread.setDaemon(true);
    threads.removeIf(t -> t.getState() == Thread.State.TERMINATED); // idle workers time out and go
    threads.add(thread);
    return thread;
  }

  private SeriesLoadingStrategy strategy(String name) {
    String wanted = name == null ? SeriesLoadingStrategy.INTERLEAVED : name;
    SeriesLoadingStrategy s = strategies.getOrDefault(wanted, builtins.get(wanted));
    if (s == null) {
      throw new IllegalArgumentException(
          "No loading strategy is named '" + wanted + "' (available: "
              + java.util.stream.Stream.concat(builtins.keySet().stream(), strategies.keySet().stream())
                  .distinct().sorted().toList() + ")");
    }
    return s;
  }

  private DicomWebClient clientFor(NodeSettings node) {
    return clients.computeIfAbsent(node, n -> new DicomWebClient(n, timer));
  }
}
