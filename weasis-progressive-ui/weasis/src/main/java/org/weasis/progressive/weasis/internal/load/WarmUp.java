package org.weasis.progressive.weasis.internal.load;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextAttribute;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.image.ImageOpEvent;
import org.weasis.core.api.image.ImageOpNode;
import org.weasis.core.api.util.FontTools;
import org.weasis.dicom.codec.DicomImageElement;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.codec.display.WindowAndPresetsOp;
import org.weasis.opencv.data.PlanarImage;
import org.weasis.opencv.op.ImageConversion;
import org.weasis.opencv.op.ImageIOHandler;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.node.NodeQueries;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.weasis.internal.viewer.FullGrid;
import org.weasis.progressive.weasis.internal.viewer.InstanceFile;

/**
 * Loads, in the background when the bundle starts, the binding's own classes the first opened study
 * needs: the path of the study queries (one query through the core's {@link NodeQueries} to a loopback
 * socket, so the node-settings client the queries use, not some other), JSON-P and dcm4che's JSON reader,
 * dcm4che's writer of the files Weasis reads, Weasis' reading of such a file and its rendering (window/level,
 * thumbnail). Weasis' 2D viewer itself is warmed on the event thread ({@code ViewerWarmUp}). Measured in Weasis on a
 * busy 2-core machine, their first use added seconds before the first image. The engine's path
 * (HttpClient 5, the multipart reader, the decoders) is warmed by the core and codec bundles themselves,
 * with a real load from the core's own loopback server.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  /** The side of the warm-up's corner text image. */
  private static final int SIDE = 16;
  /**
   * The side of the warm-up's version (a half-side one put on its full grid) and the instances of its metadata:
   * large enough that the loops a series' first versions run (widening a reduced version's rows, JSON-P's
   * tokenizer, window/level lookups) run often enough for the JIT to compile them here. In Weasis, they had
   * been compiled while the first study's viewer opened, on one of two cores its event thread needed.
   */
  private static final int IMAGE_SIDE = 512;
  private static final int METADATA_INSTANCES = 128;
  private static final int ANSWER_TIMEOUT_MS = 5000;

  private WarmUp() {}

  /**
   * Runs the steps in turn; once {@code opened} says one of our loads started (or the component went away), the
   * steps left are dropped: that load pays for what they would have prepared, and they would take cores from it.
   * Not Weasis' own view of being busy: this runs while Weasis starts, before its user interface exists.
   */
  static void run(NodeQueries queries, BooleanSupplier opened) {
    long start = System.nanoTime();
    try {
      loopbackQuery(queries);
      Attributes metadata = readJson();
      if (!opened.getAsBoolean()) {
        ImageConversion.releasePlanarImage(instanceFile(metadata));
      }
      if (!opened.getAsBoolean()) {
        cornerText();
      }
      LOG.info("progressive warm-up study-path={} ms={}", opened.getAsBoolean() ? "stopped" : "done",
          (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | RuntimeException | LinkageError e) { // LinkageError: another Weasis than we built on
      LOG.warn("progressive warm-up study-path=failed", e);
    }
  }

  /**
   * One query through {@link NodeQueries} — the path every study query takes — to a socket of ours on the
   * loopback interface, which answers an empty DICOM JSON list: the request path loads here, not in the
   * first study query, where a client's first request had taken a few hundred ms on a busy machine.
   * Nothing leaves the machine.
   */
  private static void loopbackQuery(NodeQueries queries) throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofPlatform().daemon().name("progressive warm-up answer").start(() -> answerOnce(server));
      new DicomWebJson(queries, NodeConfig.of("http://127.0.0.1:" + server.getLocalPort())).get("/studies");
    }
  }

  /** Reads one request's head and answers {@code []}. */
  private static void answerOnce(ServerSocket server) {
    try (Socket socket = server.accept()) {
      socket.setSoTimeout(ANSWER_TIMEOUT_MS);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII));
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        // the request head: nothing in it matters
      }
      OutputStream out = socket.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/dicom+json\r\nContent-Length: 2\r\n"
          + "Connection: close\r\n\r\n[]").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      LOG.debug("Warm-up answer stopped: {}", e.toString());
    }
  }

  /** A series' metadata read as a QIDO-RS answer or series metadata is; returns its first dataset. */
  static Attributes readJson() throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 1; i <= METADATA_INSTANCES; i++) {
      json.append(i > 1 ? "," : "").append("{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"")
          .append(UID.SecondaryCaptureImageStorage).append("\"]},\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.1.")
          .append(i).append("\"]},\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]},")
          .append("\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"WARM^UP\"}]},")
          .append("\"00200013\":{\"vr\":\"IS\",\"Value\":[").append(i).append("]},")
          .append("\"00200032\":{\"vr\":\"DS\",\"Value\":[-125.5,-125.5,").append(i * 1.25).append("]},")
          .append("\"00280030\":{\"vr\":\"DS\",\"Value\":[0.48828125,0.48828125]},")
          .append("\"00280010\":{\"vr\":\"US\",\"Value\":[512]},\"00281050\":{\"vr\":\"DS\",\"Value\":[40]},")
          .append("\"00281051\":{\"vr\":\"DS\",\"Value\":[400]},\"00281052\":{\"vr\":\"DS\",\"Value\":[-1024]},")
          .append("\"00281053\":{\"vr\":\"DS\",\"Value\":[1]}}");
    }
    return DicomWebJson.parse(json.append(']').toString().getBytes(StandardCharsets.UTF_8), "the warm-up")
        .getFirst();
  }

  /**
   * Renders the image as a view shown a new series does (its first display operation: the image's presets, its modality
   * lookup, the window's lookup) and as the series thumbnail does (scaling); returns the view's rendering, 8-bit
   * grey, which the caller releases. A JFR recording of the first study had the event thread link and load the
   * presets' and lookups' code in the view's first {@code setSeries}, on the path of the first image.
   */
  private static PlanarImage render(DicomImageElement image) throws IOException {
    PlanarImage source = image.getImage();
    if (source == null) {
      throw new IOException("Weasis read no pixels from the warm-up's file");
    }
    // The operation itself, not in an operation manager: the manager logs a failure as Weasis' ERROR.
    WindowAndPresetsOp window = new WindowAndPresetsOp();
    window.handleImageOpEvent(ImageOpEvent.withImage(ImageOpEvent.OpEvent.SERIES_CHANGE, image));
    window.setParam(ImageOpNode.Param.INPUT_IMG, source);
    try {
      window.process();
    } catch (Exception e) {
      throw new IOException("Weasis' window operation failed on the warm-up's image", e);
    }
    PlanarImage rendered = window.getParam(ImageOpNode.Param.OUTPUT_IMG, PlanarImage.class);
    if (rendered == null || rendered == source) {
      throw new IOException("Weasis' window operation rendered nothing from the warm-up's image");
    }
    PlanarImage small = ImageIOHandler.buildThumbnail(rendered, new Dimension(SIDE / 2, SIDE / 2), true);
    if (small != null && small != rendered) {
      ImageConversion.releasePlanarImage(small);
    }
    return rendered;
  }

  /**
   * Writes a 16-bit image as a version is written (a reduced one put on its full grid), and reads it back the way
   * Weasis reads a version handed to it: header, element, pixels; then renders it (see {@link #render}) and
   * returns the view's rendering, which the caller releases. The first version of a study had spent a quarter of a
   * second in Weasis' reader classes (dcm4che's image reader, the pixel path into OpenCV).
   */
  static PlanarImage instanceFile(Attributes metadata) throws IOException {
    metadata.setString(Tag.SOPInstanceUID, VR.UI, "1.1.1");
    Path file = Files.createTempFile("progressive-warm-up", ".dcm");
    DicomMediaIO reader = null;
    try {
      int half = IMAGE_SIDE / 2;
      byte[] pixels = FullGrid.pixelBytes(new Raster(half, half, 1, ShortBuffer.wrap(ramp(half * half))), IMAGE_SIDE,
          IMAGE_SIDE);
      InstanceFile.write(file, InstanceFile.header(metadata, PixelDescription.grey(IMAGE_SIDE, IMAGE_SIDE, 16, false)),
          pixels, 16);
      reader = new DicomMediaIO(file);
      DicomImageElement[] images = reader.isReadableDicom() ? reader.getMediaElement() : null;
      if (images == null || images.length == 0) {
        throw new IOException("Weasis cannot read the warm-up's file");
      }
      try {
        return render(images[0]);
      } finally {
        images[0].removeImageFromCache();
      }
    } finally {
      if (reader != null) {
        reader.close();
      }
      Files.deleteIfExists(file);
    }
  }

  /** Stored values from 0 to the 12-bit top, row by row: with the rescale, -1024 to 3071 HU. */
  private static short[] ramp(int length) {
    short[] values = new short[length];
    for (int i = 0; i < length; i++) {
      values[i] = (short) ((long) i * 4095 / (length - 1));
    }
    return values;
  }

  /**
   * Draws a view's corner text the way its information layer does ({@link FontTools}: outlined text laid
   * out by {@code TextLayout}, stroked), into an image of ours. A JFR recording of the first study's
   * opening showed the event thread spend about 100 ms of it on the JDK's first text layout (its shaping
   * engine's native bindings are made at their first use), after the viewer was built and before the
   * first image could show. Any thread may do that first use: the bindings are the JVM's, not a window's.
   * Returns the image drawn into.
   */
  static BufferedImage cornerText() {
    BufferedImage image = new BufferedImage(SIDE * 8, SIDE * 2, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      // Kerning and ligatures make TextLayout shape the text (as it did for the view's font), not take
      // its fast path for simple text.
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12).deriveFont(Map.of(
          TextAttribute.KERNING, TextAttribute.KERNING_ON, TextAttribute.LIGATURES, TextAttribute.LIGATURES_ON));
      for (Font f : List.of(font, font.deriveFont(Font.BOLD))) {
        g.setFont(f);
        FontTools.paintFontOutline(g, "WL: 40 WW: 400 (512×512)", 1, SIDE);
        FontTools.paintColorFontOutline(g, "Pixel: 0 HU", 1, SIDE, Color.YELLOW);
      }
    } finally {
      g.dispose();
    }
    return image;
  }
}
