package org.weasis.progressive.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws a case's quality over time as step curves with the wire limit as a vertical line, so a reader sees
 * at a glance how far from the link's limit each version arrived — plain Java2D, no display needed.
 */
final class QualityPlot {
  /**
   * A step curve: the value holds from each step's time until the next step.
   *
   * @param notes a note per step (e.g. the version's width), or empty for none
   */
  record Series(String label, Color color, List<CaseRecorder.Step> steps, List<String> notes) {
    Series(String label, Color color, List<CaseRecorder.Step> steps) {
      this(label, color, steps, List.of());
    }
  }

  /** A vertical line at a time, such as the wire limit. */
  record Marker(String label, Color color, double ms) {}

  static final int WIDTH = 900;
  static final int HEIGHT = 420;
  private static final int LEFT = 150;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private final String title;
  private final int yMax;
  private final Map<Integer, String> yTicks;
  private final double xMax;

  /**
   * @param yTicks value → label of the horizontal grid lines
   * @param xMax the time at the right edge, in milliseconds
   */
  QualityPlot(String title, int yMax, Map<Integer, String> yTicks, double xMax) {
    this.title = title;
    this.yMax = Math.max(1, yMax);
    this.yTicks = Map.copyOf(yTicks);
    this.xMax = Math.max(1, xMax);
  }

  /** Renders the series and markers and writes them as a PNG file. */
  void write(Path png, List<Series> series, List<Marker> markers) throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      drawFrame(g);
      markers.forEach(m -> drawMarker(g, m));
      for (int i = 0; i < series.size(); i++) {
        drawSeries(g, series.get(i), i);
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer in this JVM");
    }
  }

  private void drawFrame(Graphics2D g) {
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.setColor(Color.BLACK);
    g.drawString(title, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    yTicks.forEach((value, label) -> {
      int y = y(value);
      g.setColor(new Color(225, 225, 225));
      g.drawLine(LEFT, y, WIDTH - RIGHT, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
    });
    double step = tickStep(xMax);
    for (double t = 0; t <= xMax; t += step) {
      int x = x(t);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 4);
      String label = String.valueOf(Math.round(t));
      g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
    }
    g.drawString("time since the load started (ms)", LEFT + (WIDTH - LEFT - RIGHT) / 2 - 80, HEIGHT - 18);
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
  }

  private void drawMarker(Graphics2D g, Marker m) {
    int x = x(m.ms());
    g.setColor(m.color());
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
    g.setStroke(new BasicStroke(1));
    String text = m.label() + " " + Math.round(m.ms()) + " ms";
    int width = g.getFontMetrics().stringWidth(text);
    int left = x + 6 + width > WIDTH - RIGHT ? x - 6 - width : x + 6;
    int baseline = TOP + (HEIGHT - TOP - BOTTOM) / 2;
    g.setColor(Color.WHITE);
    g.fillRect(left - 2, baseline - 11, width + 4, 15);
    g.setColor(m.color());
    g.drawString(text, left, baseline);
  }

  private void drawSeries(Graphics2D g, Series s, int order) {
    g.setColor(s.color());
    g.setStroke(new BasicStroke(2.2f));
    int px = x(0);
    int py = y(0);
    for (CaseRecorder.Step step : s.steps()) {
      int nx = x(step.ms());
      int ny = y(step.value());
      g.drawLine(px, py, nx, py);
      g.drawLine(nx, py, nx, ny);
      px = nx;
      py = ny;
    }
    g.drawLine(px, py, x(xMax), py);
    g.setStroke(new BasicStroke(1));
    drawNotes(g, s);
    drawLegendEntry(g, s, order);
  }

  /** Writes each step's note above it, stacking notes that would overlap. */
  private void drawNotes(Graphics2D g, Series s) {
    int lastX = Integer.MIN_VALUE;
    int lift = 0;
    for (int i = 0; i < Math.min(s.notes().size(), s.steps().size()); i++) {
      CaseRecorder.Step step = s.steps().get(i);
      int x = x(step.ms());
      lift = x - lastX < 45 ? lift + 13 : 0;
      lastX = x;
      g.fillOval(x - 3, y(step.value()) - 3, 6, 6);
      g.drawString(s.notes().get(i), x + 3, y(step.value()) - 6 - lift);
    }
  }

  /** Legend entries sit in the lower right corner, on white, where no curve of these plots ends up. */
  private void drawLegendEntry(Graphics2D g, Series s, int order) {
    int lineY = HEIGHT - BOTTOM - 14 - 16 * order;
    int x = WIDTH - RIGHT - 190;
    g.setColor(Color.WHITE);
    g.fillRect(x - 4, lineY - 11, 188, 15);
    g.setColor(s.color());
    g.fillRect(x, lineY - 5, 18, 3);
    g.drawString(s.label(), x + 24, lineY);
  }

  private int x(double ms) {
    return LEFT + (int) Math.round(Math.min(ms, xMax) / xMax * (WIDTH - LEFT - RIGHT));
  }

  private int y(int value) {
    return HEIGHT - BOTTOM - (int) Math.round((double) value / yMax * (HEIGHT - TOP - BOTTOM - 10));
  }

  /** A round tick spacing giving about eight ticks. */
  static double tickStep(double span) {
    double raw = span / 8;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5}) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }
}
