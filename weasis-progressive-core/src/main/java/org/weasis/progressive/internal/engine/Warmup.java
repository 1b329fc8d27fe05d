package org.weasis.progressive.internal.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.internal.dicom.SeriesMetadata;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.http.FrameBody;

/**
 * Does once, on a daemon thread when the bundle starts, what the first load would otherwise pay for while
 * the user waits: loading and first running the classes of HttpClient and the JDK's TLS context (the
 * default trust store is read), Jackson and the metadata parser, the configuration reader, the multipart
 * reader and the uncompressed decoder — in a fresh JVM that was most of the first image's 250–300 ms,
 * against 70 ms for a later one. Activation never waits for it, and a failure is only logged: the load
 * does the same work again and reports its own errors. The codec bundles warm their decoders the same way.
 */
public final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.1";
  private static final String SERIES = STUDY + ".1";
  private static final String BOUNDARY = "warm-up";
  /** One warm-up per class loader (bundle revision): a second activation has nothing left to prepare. */
  private static final AtomicReference<Thread> STARTED = new AtomicReference<>();

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
      run();
      LOG.debug("Core warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | DecodeException | NoSuchAlgorithmException | RuntimeException e) {
      LOG.warn("Core warm-up failed; the first load will pay for its preparation: {}", e.toString());
    }
  }

  /** Each step of a load once, on in-memory data (no connection is opened); returns the decoded frame. */
  static DecodedFrame run() throws IOException, DecodeException, NoSuchAlgorithmException {
    SSLContext.getDefault();
    startHttpClient();
    RetrieveConfiguration.fromJson(RetrieveConfiguration.interleaved().toJson());
    ImageRef image = SeriesMetadata.parse(new ByteArrayInputStream(metadata()),
        URI.create("https://127.0.0.1/studies/" + STUDY + "/series/" + SERIES), STUDY, SERIES).getFirst();
    ByteBuffer frame = FrameBody.ofAnswer(URI.create("https://127.0.0.1/frames/1"),
        "multipart/related; type=\"application/octet-stream\"; boundary=" + BOUNDARY, multipartFrame()).payload();
    return new UncompressedDecoder().decode(frame,
        new DecodeRequest(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, image.pixels(), 0, true));
  }

  /** Builds (and closes) a client as a node's first load does, TLS strategy and connection pool included. */
  private static void startHttpClient() {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "weasis-progressive warm-up timer");
      t.setDaemon(true);
      return t;
    });
    try {
      new DicomWebClient(NodeSettings.of("https://127.0.0.1"), timer).close();
    } finally {
      timer.shutdownNow();
    }
  }

  /** One 2x2 16-bit instance, as a DICOMweb server describes it. */
  private static byte[] metadata() {
    Map<String, String> attributes = Map.of(
        "00080018", "{\"vr\":\"UI\",\"Value\":[\"" + SERIES + ".1\"]}",
        "00200013", "{\"vr\":\"IS\",\"Value\":[1]}",
        "00280010", "{\"vr\":\"US\",\"Value\":[2]}",
        "00280011", "{\"vr\":\"US\",\"Value\":[2]}",
        "00280100", "{\"vr\":\"US\",\"Value\":[16]}",
        "00280101", "{\"vr\":\"US\",\"Value\":[12]}",
        "00280103", "{\"vr\":\"US\",\"Value\":[0]}",
        "00280004", "{\"vr\":\"CS\",\"Value\":[\"MONOCHROME2\"]}");
    StringBuilder json = new StringBuilder("[{");
    attributes.forEach((tag, value) -> json.append('"').append(tag).append("\":").append(value).append(','));
    json.setLength(json.length() - 1);
    return json.append("}]").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] multipartFrame() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/octet-stream; transfer-syntax="
        + TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[] {1, 0, 2, 0, 3, 0, 4, 0});
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
