package org.weasis.progressive.itest.weasis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.weasis.progressive.netshape.LinkProfile;
import org.weasis.progressive.netshape.LinkShaper;
import org.weasis.progressive.server.StaticDicomWebServer;

/**
 * What a real-Weasis test class loads from: a temporary folder for its study, our DICOMweb server on it behind
 * the link shaper, and a virtual display for Weasis. Closing it stops them in reverse order of start and deletes
 * the folder; a test closes its Weasis first.
 */
final class ShapedSite implements AutoCloseable {
  private final Path data;
  private StaticDicomWebServer server;
  private LinkShaper shaper;
  private VirtualDisplay display;

  private ShapedSite(Path data) {
    this.data = data;
  }

  /** A site with an empty temporary folder for the study, nothing started yet. */
  static ShapedSite create(String prefix) throws IOException {
    return new ShapedSite(Files.createTempDirectory(prefix));
  }

  /** The output folder {@code name} beside the real-Weasis tests' own ({@code real.weasis.dir}), made. */
  static Path outputDir(String name) throws IOException {
    Path base = Path.of(System.getProperty("real.weasis.dir", "target/real-weasis"));
    Path out = (name == null ? base : base.resolveSibling(name)).toAbsolutePath();
    return Files.createDirectories(out);
  }

  Path data() {
    return data;
  }

  /**
   * Serves {@code tree} behind {@code link} (plain JSON to clients without gzip, as Weasis' own DICOMweb client
   * reads no Content-Encoding) and starts the display, its log in {@code out}.
   */
  ShapedSite serve(Path tree, LinkProfile link, Path out) throws IOException, InterruptedException {
    server = StaticDicomWebServer.start(tree, "127.0.0.1", 0).gunzipForClientsWithoutGzip();
    shaper = LinkShaper.start(link, "127.0.0.1", 0, "127.0.0.1", server.port());
    display = VirtualDisplay.start(out.resolve("xvfb.log"));
    return this;
  }

  StaticDicomWebServer server() {
    return server;
  }

  VirtualDisplay display() {
    return display;
  }

  /** The DICOMweb root through the shaper. */
  String url() {
    return "http://127.0.0.1:" + shaper.port();
  }

  @Override
  public void close() throws Exception {
    try (AutoCloseable d = display; AutoCloseable s = server; AutoCloseable l = shaper) {
      // Closed in reverse order: the shaper, the server, then the display.
    } finally {
      Trees.delete(data);
    }
  }
}
