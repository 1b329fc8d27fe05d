package org.weasis.progressive.weasis.internal.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.weasis.internal.viewer.InstanceFile;

/**
 * Loads, in the background when the bundle starts, the classes the first opened study needs: the
 * engine's HTTP client and JSON mapper, JSON-P and dcm4che's reader and writer. Measured in Weasis on a
 * busy 2-core machine, their first use added seconds before the first image, which is the figure
 * progressive loading is for. Nothing is sent anywhere: the one request goes to a closed local port.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  /** The discard port, closed on any machine that runs Weasis: the connection is refused at once. */
  private static final String CLOSED = "http://127.0.0.1:9";

  private WarmUp() {}

  static void run(ProgressiveRetrieveService service) {
    long start = System.nanoTime();
    try {
      RetrieveConfiguration.fromJson(RetrieveConfiguration.interleaved().toJson());
      engineRequest(service);
      jsonRequest();
      instanceFile();
      LOG.debug("Warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Warm-up stopped: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void engineRequest(ProgressiveRetrieveService service) throws InterruptedException {
    NodeSettings closed = NodeSettings.of(CLOSED).withRetries(0, Duration.ofMillis(1));
    ImageRef frame = new ImageRef("1", "1.1", "1.1.1", 1, CLOSED + "/studies/1/series/1.1/instances/1.1.1/frames",
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 1, PixelDescription.grey(1, 1, 8, false));
    var handle = service.load(new SeriesRequest(closed, "1", "1.1", List.of(frame), null, 0),
        RetrieveConfiguration.single(), new LoadListener() {
          @Override
          public void onImage(ImageEvent event) {}

          @Override
          public void onError(ErrorEvent event) {}
        });
    try {
      handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      handle.cancel();
    }
  }

  private static void jsonRequest() {
    try {
      new DicomWebJson(NodeSettings.of(CLOSED)).get("/studies");
    } catch (IOException expected) {
      // refused: the classes are loaded
    }
  }

  private static void instanceFile() throws IOException {
    Attributes metadata = new Attributes();
    metadata.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
    metadata.setString(Tag.SOPInstanceUID, VR.UI, "1.1.1");
    Path file = Files.createTempFile("progressive-warm-up", ".dcm");
    try {
      InstanceFile.write(file, InstanceFile.header(metadata, PixelDescription.grey(1, 1, 8, false)),
          new byte[1], 8);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
