package org.weasis.progressive.internal.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.internal.dicom.DicomJsonWriter;
import org.weasis.progressive.internal.dicom.SeriesMetadata;
import org.weasis.progressive.internal.http.NodeConnections;

/**
 * Does once, on a daemon thread when the bundle starts, what the first load would otherwise pay for while
 * the user waits: a read of a configuration and a series' metadata (Jackson), then one real load, through
 * an engine of its own, from a DICOMweb server of its own on the loopback interface (sockets,
 * HttpClient's request execution, gzip'd metadata, the scheduler and strategy, the streamed multipart
 * frame, grading and the uncompressed decoder), then the TLS strategy an https node's pool builds at its first connection (the
 * JDK's trust store and security providers, HttpClient's public suffix list), then a many-instance series'
 * metadata read several times, so that the reader's loops are compiled, not only loaded.
 * A warm-up that only created these objects left some 400 classes of the request path to the first load
 * (measured with -Xlog:class+load). Activation never waits for it, and a failure is only logged: the
 * load does the same work again and reports its own errors. The codec bundles warm their decoders the
 * same way. Nothing leaves the machine.
 */
public final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.1";
  private static final String SERIES = STUDY + ".1";
  private static final long LOAD_TIMEOUT_SECONDS = 30;
  /**
   * The warm-up image's side: large enough (512 KiB) that the loops reading a body (the socket, the
   * multipart reader, the frame buffer) run often enough for the JIT to compile them, as a first real
   * frame would need; on the loopback interface it takes a few milliseconds.
   */
  static final int SIDE = 512;
  /**
   * The instances of the series metadata the warm-up reads repeatedly, and how many times: in a fresh JVM, with only
   * a one-instance read before it, a 64-instance series' metadata took the reader 15-25 ms (Jackson's tree, its
   * number parsing, the instance checks, all still interpreted); 1-6 ms after ten reads of 128 instances. In Weasis
   * that read is on the way to a series' first frame request.
   */
  static final int METADATA_INSTANCES = 128;
  /** At most; each read of the {@value #METADATA_INSTANCES} instances takes a few ms once compiled. */
  static final int METADATA_READS = 10;
  /** One warm-up per class loader (bundle revision): a second activation has nothing left to prepare. */
  private static final AtomicReference<Thread> STARTED = new AtomicReference<>();
  /** The warm-up's own engine while its loopback load runs: its loads are not real ones. */
  private static volatile ProgressiveEngine own;
  /** Set by the first real load: the steps of the warm-up not yet begun are left to it. */
  private static volatile boolean yielded;

  private Warmup() {}

  /** Starts the core's warm-up unless it already ran in this class loader; returns its thread. */
  public static Thread inBackground() {
    Thread thread = new Thread(Warmup::runQuietly, "weasis-progressive warm-up (core)");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    if (STARTED.compareAndSet(null, thread)) {
      thread.start();
      return thread;
    }
    return STARTED.get();
  }

  private static void runQuietly() {
    long start = System.nanoTime();
    try {
      List<String> ran = run();
      LOG.debug("Core warm-up done in {} ms: {}", (System.nanoTime() - start) / 1_000_000, ran);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Core warm-up failed; the first load will pay for its preparation: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the loopback load did: its summary and the request lines its server received. */
  record LoopbackLoad(LoadSummary summary, List<String> requests) {}

  /**
   * Called by every engine when a load starts: once a real load has started, the warm-up leaves out the
   * steps it has not begun (the load prepares what it needs itself, and the user waits for that load,
   * so the warm-up must not take the cores from it). A step already running goes on: the read-ahead
   * loads the classes the real load needs next, ahead of it, on the other core, while the real load
   * builds its client and waits for its server.
   */
  static void loadStarting(ProgressiveEngine engine) {
    if (engine != own) {
      yielded = true;
    }
  }

  /**
   * What a load reads first, then the loopback load, then what a node on https needs on top, then the repeated
   * metadata reads, each unless a real load came first; returns the steps it ran.
   */
  static List<String> run() throws IOException, InterruptedException {
    List<String> ran = new ArrayList<>();
    long start = System.nanoTime();
    if (!yielded) {
      readAhead();
      ran.add("metadata read");
    }
    if (!yielded) {
      loopbackLoad(new LoadListener() {
        @Override
        public void onImage(ImageEvent event) {}

        @Override
        public void onError(ErrorEvent event) {}
      });
      ran.add("loopback load");
      LOG.debug("Core warm-up: loopback load in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
    if (!yielded) {
      NodeConnections.verifyingTls();
      ran.add("TLS context");
    }
    int reads = yielded ? 0 : readMetadataRepeatedly();
    if (reads > 0) {
      ran.add("metadata reads " + reads);
    }
    return ran;
  }

  /**
   * Reads a {@value #METADATA_INSTANCES}-instance series' metadata up to {@value #METADATA_READS} times, fewer once a
   * real load starts; returns how many reads ran.
   */
  static int readMetadataRepeatedly() throws IOException {
    URI series = URI.create("http://127.0.0.1/studies/" + STUDY + "/series/" + SERIES);
    byte[] metadata = metadata(METADATA_INSTANCES);
    int reads = 0;
    while (reads < METADATA_READS && !yielded) {
      SeriesMetadata.read(new ByteArrayInputStream(metadata), series, STUDY, SERIES);
      reads++;
    }
    return reads;
  }

  /**
   * Reads a configuration and a series' metadata as a load does after its request, without the request:
   * Jackson's data binding (some 300 classes) and the metadata reader. First, because a load started at
   * once (Weasis opening a study on its command line) builds its HTTP client meanwhile and then needs
   * these, 20-100 ms later, when its metadata arrives; the loopback load that follows would only make
   * the same HttpClient classes at the same time as it, so it is left out once a real load started.
   */
  static void readAhead() throws IOException {
    streaming();
    URI series = URI.create("http://127.0.0.1/studies/" + STUDY + "/series/" + SERIES);
    SeriesMetadata.read(new ByteArrayInputStream(metadata()), series, STUDY, SERIES);
  }

  /** True once a real load has started in this class loader. */
  static boolean yielded() {
    return yielded;
  }

  /** Forgets the real loads seen so far, so that a test can start from a fresh bundle's state. */
  static void forgetLoads() {
    yielded = false;
  }

  /** Loads a one-image series (metadata, then its frame, streamed) from the warm-up's loopback server. */
  static LoopbackLoad loopbackLoad(LoadListener listener) throws IOException, InterruptedException {
    try (WarmupServer server = WarmupServer.start(metadata(), frame(),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN); ProgressiveEngine engine = new ProgressiveEngine(2)) {
      own = engine;
      engine.addDecoder(new UncompressedDecoder());
      LoadHandle load = engine.load(SeriesRequest.of(NodeConfig.of(server.baseUrl()), STUDY, SERIES),
          streaming(), listener);
      try {
        LoadSummary summary = load.completion().toCompletableFuture().get(LOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new LoopbackLoad(summary, server.requests());
      } catch (ExecutionException | TimeoutException e) {
        load.cancel();
        throw new IOException("the warm-up load did not end: " + e, e);
      } finally {
        own = null;
      }
    }
  }

  /**
   * One streamed stage, read from JSON as a node's stored configuration is (only read: a load never
   * writes JSON, so Jackson's serializers are left unloaded).
   */
  private static RetrieveConfiguration streaming() {
    return RetrieveConfiguration.fromJson("{\"stages\":[{\"id\":\"initialImages\",\"retrieveType\":\"single\"}],"
        + "\"retrieveOptions\":{\"single\":{\"streaming\":true}}}");
  }

  /** A ramp of 16-bit samples, little endian: sample i is i + 1 (mod 2^16). */
  static byte[] frame() {
    byte[] frame = new byte[SIDE * SIDE * 2];
    for (int i = 0; i < SIDE * SIDE; i++) {
      frame[2 * i] = (byte) (i + 1);
      frame[2 * i + 1] = (byte) ((i + 1) >>> 8);
    }
    return frame;
  }

  /**
   * {@code instances} SIDE x SIDE 16-bit instances of a CT stack, with what a server's metadata gives each: patient,
   * geometry in decimals, window, rescale, transfer syntax, the pixels as bulk data.
   */
  static byte[] metadata(int instances) {
    DicomJsonWriter json = DicomJsonWriter.series();
    for (int i = 1; i <= instances; i++) {
      json.instance()
          .strings("00080016", "UI", "1.2.840.10008.5.1.4.1.1.2")
          .strings("00080018", "UI", SERIES + "." + i)
          .strings("00080060", "CS", "CT")
          .strings("00083002", "UI", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)
          .person("00100010", "WARM^UP")
          .strings("0020000D", "UI", STUDY)
          .strings("0020000E", "UI", SERIES)
          .numbers("00200013", "IS", i)
          .decimals("00200032", "DS", -125.5, -125.5, i * 1.25)
          .decimals("00200037", "DS", 1, 0, 0, 0, 1, 0)
          .greyscale16(SIDE, SIDE, 12)
          .decimals("00280030", "DS", 0.48828125, 0.48828125)
          .decimals("00281050", "DS", 40)
          .decimals("00281051", "DS", 400)
          .decimals("00281052", "DS", -1024)
          .decimals("00281053", "DS", 1)
          .bulkData("7FE00010", "OW", "instances/" + SERIES + "." + i + "/frames");
    }
    return json.toBytes();
  }

  /** One SIDE x SIDE 16-bit instance, as a DICOMweb server describes it: the one-image series of the loopback load. */
  static byte[] metadata() {
    return metadata(1);
  }
}
