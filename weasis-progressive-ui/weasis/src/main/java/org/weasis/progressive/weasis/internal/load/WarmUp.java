package org.weasis.progressive.weasis.internal.load;

import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.json.JSONReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.weasis.internal.viewer.InstanceFile;

/**
 * Loads, in the background when the bundle starts, the binding's own classes the first opened study
 * needs: the JDK's HTTP client of the study queries (created, nothing is sent), JSON-P and dcm4che's
 * JSON reader, and dcm4che's writer of the files Weasis reads. Measured in Weasis on a busy 2-core
 * machine, their first use added seconds before the first image. The engine's path (HttpClient 5, the
 * multipart reader, the decoders) is warmed by the core and codec bundles themselves, with a real load
 * from the core's own loopback server.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  private WarmUp() {}

  static void run() {
    long start = System.nanoTime();
    try {
      new DicomWebJson(NodeConfig.of("http://127.0.0.1"));
      Attributes metadata = readJson();
      instanceFile(metadata);
      LOG.debug("Warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Warm-up stopped: {}", e.toString());
    }
  }

  /** One dataset, as a QIDO-RS answer or series metadata gives it. */
  private static Attributes readJson() {
    String json = "[{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"" + UID.SecondaryCaptureImageStorage + "\"]},"
        + "\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.1.1\"]}}]";
    List<Attributes> items = new ArrayList<>();
    try (var parser = Json.createParser(new StringReader(json))) {
      new JSONReader(parser).readDatasets((fmi, dataset) -> items.add(dataset));
    }
    return items.getFirst();
  }

  private static void instanceFile(Attributes metadata) throws IOException {
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
