package org.weasis.progressive.cli;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeSettings;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.cli.viewer.ViewerWindow;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.server.StaticDicomWebServer;

/**
 * Run in a child JVM on a virtual display by ViewerWindowXvfbTest: loads a small HTJ2K stack into the real
 * viewer window and writes a screen capture, so the test checks what a user would actually see.
 *
 * <p>Prints one line {@code RESULT badge=<text>|min=..|max=..|mean=..|nonBackground=..} and exits 0, or
 * exits 1 with the reason on stderr.
 */
public final class ViewerScreenshotMain {
  static final String RESULT = "RESULT ";

  private ViewerScreenshotMain() {}

  public static void main(String[] args) throws Exception {
    Path png = Path.of(args[0]);
    Path dir = Files.createTempDirectory("viewer-screenshot");
    ViewerWindow window = null;
    try {
      String study = "1.2.826.0.1.3680043.8.498.7101";
      String series = study + ".1";
      StudyWriter.write(dir, new StudyWriter.Spec(study, series, 12, 256, 256, 12));
      window = ViewerWindow.open("Weasis progressive viewer test");
      try (StaticDicomWebServer server = StaticDicomWebServer.start(dir, "127.0.0.1", 0);
          ProgressiveEngine engine = Codecs.engine(System.err)) {
        SeriesRequest request = SeriesRequest.of(NodeSettings.of(server.baseUrl()), study, series);
        LoadHandle handle = engine.load(request, DemoCommand.demoConfiguration("htj2k"), window.listener());
        window.attach(handle);
        LoadSummary summary = handle.completion().toCompletableFuture().get(120, TimeUnit.SECONDS);
        System.out.println("summary " + summary);
      }
      String badge = awaitBadge(window, "FULL_RESOLUTION", 20_000);
      String scrolled = scrollWithTheWheel(window);
      String stats = captureAndMeasure(window, png);
      System.out.println(RESULT + "badge=" + badge + "|scrolled=" + scrolled + "|timing=" + window.timingText() + "|" + stats);
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      System.exit(1);
    } finally {
      if (window != null) {
        window.close();
      }
      DemoCommand.deleteQuietly(dir);
    }
    System.exit(0);
  }

  /** Polls the badge until it contains {@code text}; the last badge is returned either way. */
  private static String awaitBadge(ViewerWindow window, String text, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    String badge = window.badgeText();
    while (!badge.contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      badge = window.badgeText();
    }
    return badge;
  }

  /** Turns the real mouse wheel three notches down over the image, then back; returns the badge in between. */
  private static String scrollWithTheWheel(ViewerWindow window) throws Exception {
    Robot robot = new Robot();
    java.awt.Rectangle area = window.imageAreaOnScreen();
    robot.mouseMove(area.x + area.width / 2, area.y + area.height / 2);
    robot.waitForIdle();
    robot.mouseWheel(3);
    robot.waitForIdle();
    String scrolled = awaitBadge(window, "image 4/12", 5_000);
    robot.mouseWheel(-3);
    robot.waitForIdle();
    awaitBadge(window, "image 1/12", 5_000);
    return scrolled;
  }

  /** Captures the window from the screen, writes it as PNG and measures the image area inside it. */
  private static String captureAndMeasure(ViewerWindow window, Path png) throws Exception {
    Robot robot = new Robot();
    robot.waitForIdle();
    robot.delay(300);
    robot.waitForIdle();
    Rectangle content = window.contentOnScreen();
    Rectangle area = window.imageAreaOnScreen();
    BufferedImage shot = robot.createScreenCapture(content);
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(shot, "png", png.toFile());
    if (area.isEmpty()) {
      throw new AssertionError("the shown image has no area on screen");
    }
    area.translate(-content.x, -content.y);
    return measure(shot, area.intersection(new Rectangle(0, 0, shot.getWidth(), shot.getHeight())));
  }

  /** Grey-level min, max and mean inside {@code area}, and the fraction of pixels that are not black. */
  static String measure(BufferedImage shot, Rectangle area) {
    int min = 255;
    int max = 0;
    long sum = 0;
    long lit = 0;
    for (int y = area.y; y < area.y + area.height; y++) {
      for (int x = area.x; x < area.x + area.width; x++) {
        int rgb = shot.getRGB(x, y);
        int grey = (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
        min = Math.min(min, grey);
        max = Math.max(max, grey);
        sum += grey;
        lit += (rgb & 0xFFFFFF) != 0 ? 1 : 0;
      }
    }
    long n = (long) area.width * area.height;
    return String.format(Locale.ROOT, "area=%dx%d|min=%d|max=%d|mean=%.1f|nonBackground=%.3f", area.width,
        area.height, min, max, (double) sum / n, (double) lit / n);
  }
}
