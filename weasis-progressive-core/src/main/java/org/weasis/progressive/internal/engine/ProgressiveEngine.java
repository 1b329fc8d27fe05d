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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.http.NodeConnections;
import org.weasis.progressive.internal.schedule.BuiltinStrategies;
import org.weasis.progressive.internal.schedule.RequestScheduler;

/**
 * The retrieval service without OSGi: one scheduler and thread pool for all loads, one HTTP client per
 * node (see {@link NodeClients}). The OSGi component and the command-line tool both wrap it.
 */
public final class ProgressiveEngine implements ProgressiveRetrieveService, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressiveEngine.class);
  /** Worker threads by default: enough for a few nodes at their default connection limit. */
  public static final int DEFAULT_THREADS = 24;

  private final Decoders decoders = new Decoders();
  private final Map<String, SeriesLoadingStrategy> strategies = new ConcurrentHashMap<>();
  /** Always there, so that a strategy service going away never leaves a name unresolved. */
  private final Map<String, SeriesLoadingStrategy> builtins = BuiltinStrategies.BY_NAME;
  private final NodeClients clients;
  private final ThreadPoolExecutor workers;
  /**
   * Partial (streaming) decodes, off the workers that read responses so that a slow decode never stalls
   * a socket; one per core is enough, a frame has at most one partial decode queued or running.
   */
  private final ThreadPoolExecutor decodes;
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
    this(threads, NodeConnections::new);
  }

  /** An engine that makes each node's connection pool with {@code connections} (tests time its making). */
  ProgressiveEngine(int threads, Function<NodeConfig, NodeConnections> connections) {
    clients = new NodeClients(connections);
    if (threads < 1) {
      throw new IllegalArgumentException("threads = " + threads + ": must be 1 or more");
    }
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> track(new Thread(r, "progressive-worker-" + n.incrementAndGet()));
    workers = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    workers.allowCoreThreadTimeOut(true);
    int cores = Runtime.getRuntime().availableProcessors();
    AtomicInteger d = new AtomicInteger();
    decodes = new ThreadPoolExecutor(cores, cores, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> track(new Thread(r, "progressive-decode-" + d.incrementAndGet())));
    decodes.allowCoreThreadTimeOut(true);
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
    Warmup.loadStarting(this);
    SeriesLoadingStrategy strategy = strategy(request.strategy());
    // The load's clock (LoadAccounts) starts before the node's client is made: in a fresh JVM that is some
    // 170 classes of HttpClient, and the user waits for it. Started after it, the cold-start bench left
    // that out, so a client that built its TLS strategy at once looked faster than one that did not.
    LoadParts parts = LoadParts.of(listener);
    NodeClients.Entry connections = clients.acquire(request.node());
    // The listener is asked directly, not through LoadEvents: its answer may take a login, during which
    // the load's other events must still reach it.
    DicomWebClient client =
        new DicomWebClient(request.node(), connections.connections, timer, listener::renewAuthentication);
    FrameRetrieval retrieval = new FrameRetrieval(parts, request, configuration, client, decoders, decodes);
    SeriesLoad load = new SeriesLoad(parts, request, configuration, retrieval, scheduler, strategy);
    running.add(load);
    load.completion().whenComplete((summary, error) -> {
      running.remove(load);
      clients.release(connections);
    });
    load.start();
    return load;
  }

  /** Stops every load and releases all threads and connections. */
  @Override
  public void close() {
    scheduler.close();
    running.forEach(SeriesLoad::cancel);
    workers.shutdownNow();
    decodes.shutdownNow(); // queued partial decodes belong to cancelled loads: drop them
    timer.shutdownNow();
    clients.close();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
      decodes.awaitTermination(5, TimeUnit.SECONDS);
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
    // Loads catch what their jobs throw; anything still escaping is at least said, never silent.
    thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught on engine thread {}", t.getName(), e));
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

  /**
   * Closes the connections of every node no load uses now: called when node settings change or a node
   * is removed, so a node that went away keeps no sockets; the next load of a node opens them again.
   */
  public void closeIdleConnections() {
    clients.closeIdle();
  }

  /** Connection pools open, one per node in use: for tests and diagnostics. */
  public int openConnectionPools() {
    return clients.openPools();
  }
}
