package org.weasis.progressive.e2e;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.standalone.Codecs;

/**
 * One load in a JVM of its own, so that a test can give it a small heap and see it survive (or run out):
 * prints one line per error, then the summary and the peak heap and resident memory ({@link ChildLoad}
 * runs it and reads them).
 *
 * <p>Arguments: the node's base URL, or a Static DICOMweb tree that the child then serves itself with
 * {@link FaultyDicomWebServer}; study UID; series UID; and optionally maxLoadBytes, stall timeout (ms), min
 * rate (bytes/s), rate window (ms) — without them the node has the default settings.
 */
final class HostileLoad {
  private HostileLoad() {}

  /** The largest heap in use just after a full collection: what the load kept, garbage apart. */
  private static final AtomicLong PEAK_LIVE = new AtomicLong();

  public static void main(String[] args) throws Exception {
    Thread sampler = sampleLiveHeap();
    boolean served = !args[0].startsWith("http");
    try (FaultyDicomWebServer server = served ? FaultyDicomWebServer.start(Path.of(args[0])) : null) {
      load(node(served ? server.baseUrl() : args[0], args), args[1], args[2]);
    }
    sampler.interrupt();
    sampler.join();
    System.out.println("peakHeapMiB " + peakHeapBytes() / (1024 * 1024));
    System.out.println("peakLiveHeapMiB " + PEAK_LIVE.get() / (1024 * 1024));
    System.out.println("peakRssMiB " + peakRssKiB() / 1024);
  }

  private static NodeConfig node(String baseUrl, String[] args) {
    NodeConfig node = NodeConfig.of(baseUrl);
    if (args.length == 3) {
      return node;
    }
    return node.toBuilder().maxLoadBytes(Long.parseLong(args[3]))
        .connectTimeout(Duration.ofSeconds(5))
        .stallTimeout(Duration.ofMillis(Long.parseLong(args[4])))
        .requestTimeout(Duration.ofMinutes(2))
        .minTransferRate(Long.parseLong(args[5]))
        .rateWindow(Duration.ofMillis(Long.parseLong(args[6]))).build();
  }

  private static void load(NodeConfig node, String study, String series) throws Exception {
    List<String> errors = new ArrayList<>();
    try (ProgressiveEngine engine = Codecs.engine(System.err)) {
      LoadSummary summary = engine.load(SeriesRequest.of(node, study, series), RetrieveConfiguration.single(),
              new LoadListener() {
                @Override
                public void onImage(ImageEvent event) {}

                @Override
                public void onError(ErrorEvent event) {
                  synchronized (errors) {
                    errors.add("error " + event.imageIndex() + ": " + event.reason());
                  }
                }
              })
          .completion().toCompletableFuture().get(2, TimeUnit.MINUTES);
      errors.forEach(System.out::println);
      System.out.println("summary images=" + summary.images() + " final=" + summary.finalImages()
          + " failed=" + summary.failedImages() + " cancelled=" + summary.cancelled());
    }
  }

  /**
   * Samples the live heap with a full collection every 20 ms while the load runs. Neither the pools'
   * peaks (garbage included, peaks of different moments added: 177-210 MiB for one 64 MiB budget) nor
   * the heap after G1's young collections (dropped humongous arrays wait in the old generation for a
   * marking: 75-155 MiB for the same run, with the machine's load) measure what the load keeps. Nor
   * does the heap in use read once {@code System.gc()} has returned: the load's threads allocate in
   * between (a frame's new buffer beside the old one it replaces, which is garbage by then). What the
   * full collection itself left is exact: a heap dump taken by the same kind of collection holds it.
   */
  private static Thread sampleLiveHeap() {
    GarbageCollectorMXBean full = fullCollector();
    return Thread.ofPlatform().daemon().name("live-heap-sampler").start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        System.gc();
        PEAK_LIVE.accumulateAndGet(heapAfter(full.getLastGcInfo()), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  /**
   * The collector that {@code System.gc()} runs: of those that ran during one before the load starts, the
   * last to end (a young collection may run first when an allocation asks for one).
   */
  private static GarbageCollectorMXBean fullCollector() {
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class);
    long[] counts = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).toArray();
    System.gc();
    GarbageCollectorMXBean last = null;
    for (int i = 0; i < counts.length; i++) {
      GarbageCollectorMXBean collector = collectors.get(i);
      if (collector.getCollectionCount() > counts[i] && (last == null
          || collector.getLastGcInfo().getEndTime() > last.getLastGcInfo().getEndTime())) {
        last = collector;
      }
    }
    if (last == null) {
      throw new IllegalStateException("System.gc() ran none of "
          + collectors.stream().map(GarbageCollectorMXBean::getName).toList());
    }
    return last;
  }

  private static long heapAfter(GcInfo collection) {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = collection.getMemoryUsageAfterGc().get(pool.getName());
      if (pool.getType() == MemoryType.HEAP && after != null) {
        used += after.getUsed();
      }
    }
    return used;
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** VmHWM: the process's peak resident set. */
  private static long peakRssKiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
