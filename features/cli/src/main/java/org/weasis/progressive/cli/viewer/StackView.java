package org.weasis.progressive.cli.viewer;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.function.IntConsumer;
import javax.swing.JComponent;
import org.weasis.progressive.api.ImageQualityStatus;

/**
 * Shows one image of the stack at its full-size geometry whatever resolution arrived, with the quality badge
 * and the load timing drawn over it; the mouse wheel moves through the stack.
 */
final class StackView extends JComponent {
  static final Color BACKGROUND = Color.BLACK;

  /** The latest version of one image, already rendered to 8-bit grey. */
  record Shown(ImageQualityStatus status, BufferedImage image, int fullColumns, int fullRows) {}

  private Shown[] images = new Shown[0];
  private int index;
  private String timing = "first image … · all final …";
  private final IntConsumer onIndexChanged;

  StackView(IntConsumer onIndexChanged) {
    this.onIndexChanged = onIndexChanged;
    setPreferredSize(new Dimension(640, 640));
    setOpaque(true);
    addMouseWheelListener(e -> scrollBy(e.getWheelRotation()));
  }

  /**
   * Shows another series (or the same one, reloaded): {@code series} is that series' array, which the
   * window keeps filling on the event thread; {@link #imageArrived} repaints when the shown one changes.
   */
  void showSeries(Shown[] series, int shownIndex, String timingText) {
    images = series;
    index = Math.clamp(shownIndex, 0, Math.max(series.length - 1, 0));
    timing = timingText;
    repaint();
  }

  void imageArrived(int imageIndex) {
    if (imageIndex == index) {
      repaint();
    }
  }

  void setTiming(String text) {
    timing = text;
    repaint();
  }

  int index() {
    return index;
  }

  /** Moves the shown image by {@code delta} positions, staying inside the stack. */
  void scrollBy(int delta) {
    showIndex(index + delta);
  }

  void showIndex(int newIndex) {
    int clamped = Math.clamp(newIndex, 0, Math.max(images.length - 1, 0));
    if (clamped != index) {
      index = clamped;
      onIndexChanged.accept(index);
      repaint();
    }
  }

  /** "image i/n  STATUS (value)  WxH of FWxFH", or a waiting note before the image arrives. */
  String badgeText() {
    if (images.length == 0) {
      return "waiting for the series";
    }
    Shown s = images[index];
    String position = "image " + (index + 1) + "/" + images.length;
    if (s == null) {
      return position + "  not received yet";
    }
    return String.format(Locale.ROOT, "%s  %s (%d)  %dx%d of %dx%d", position, s.status(), s.status().value(),
        s.image().getWidth(), s.image().getHeight(), s.fullColumns(), s.fullRows());
  }

  String timingText() {
    return timing;
  }

  /** Where the shown image is drawn: its full-size geometry fitted into the component, centred. */
  Rectangle imageArea() {
    Shown s = images.length == 0 ? null : images[index];
    if (s == null) {
      return new Rectangle();
    }
    double scale = Math.min((double) getWidth() / s.fullColumns(), (double) getHeight() / s.fullRows());
    int w = (int) Math.round(s.fullColumns() * scale);
    int h = (int) Math.round(s.fullRows() * scale);
    return new Rectangle((getWidth() - w) / 2, (getHeight() - h) / 2, w, h);
  }

  @Override
  protected void paintComponent(Graphics g) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setColor(BACKGROUND);
      g2.fillRect(0, 0, getWidth(), getHeight());
      paintImage(g2);
      paintOverlays(g2);
    } finally {
      g2.dispose();
    }
  }

  /** Draws the image stretched to the full-size area, so a sub-resolution version is scaled up. */
  private void paintImage(Graphics2D g2) {
    Shown s = images.length == 0 ? null : images[index];
    if (s == null) {
      return;
    }
    Rectangle area = imageArea();
    g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g2.drawImage(s.image(), area.x, area.y, area.width, area.height, null);
  }

  private void paintOverlays(Graphics2D g2) {
    g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g2.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    int line = g2.getFontMetrics().getHeight();
    drawLabel(g2, badgeText(), 8, 8 + line, badgeColour());
    drawLabel(g2, timing, 8, getHeight() - 10, Color.WHITE);
  }

  private Color badgeColour() {
    Shown s = images.length == 0 ? null : images[index];
    if (s == null) {
      return Color.LIGHT_GRAY;
    }
    return s.status().isFinal() ? new Color(80, 220, 80) : new Color(255, 190, 40);
  }

  /** Text on a dark box so it reads over any image. */
  private static void drawLabel(Graphics2D g2, String text, int x, int baseline, Color colour) {
    var metrics = g2.getFontMetrics();
    g2.setColor(new Color(0, 0, 0, 170));
    g2.fillRect(x - 4, baseline - metrics.getAscent() - 3, metrics.stringWidth(text) + 8, metrics.getHeight() + 4);
    g2.setColor(colour);
    g2.drawString(text, x, baseline);
  }
}
