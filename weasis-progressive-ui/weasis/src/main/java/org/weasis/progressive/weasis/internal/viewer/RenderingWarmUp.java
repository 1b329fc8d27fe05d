package org.weasis.progressive.weasis.internal.viewer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.Polygon;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Runs Java2D's anti-aliasing rasteriser (Marlin) over twenty thousand shapes like those Weasis' window paints
 * (look-and-feel borders, SVG icon paths, outlined corner text, arcs of the progress spinners, at sizes from an
 * icon's to the window's, scaled as on a HiDPI screen, clipped or not), off the event thread and off screen.
 * Why: in JFR recordings of the SDK's Weasis, the first study's first paint ran the rasteriser's main loop
 * ({@code Renderer._endRendering}) often enough for the JIT's optimising tier only then, and with inputs the
 * viewer warm-up's single paint had not shown it, so it was compiled, de-optimised and compiled again, 250-340 ms
 * of compiler time on one of two cores while the event thread waited for a core to paint the first image.
 * Rendered here with the same variety, it is compiled before a study opens and stays compiled.
 */
public final class RenderingWarmUp {
  /** How many shapes a full warm-up renders: about 2 s of one core, the compiles end after some 1.5 s. */
  public static final int SHAPES = 20_000;
  /** The same shapes in every run: a warm-up, not a test of the rasteriser. */
  private static final long SEED = 7;
  /** The scales of HiDPI screens. */
  private static final double[] SCALES = {1.25, 1.5, 2};
  /** Shapes between two asks whether Weasis became busy: a few milliseconds. */
  private static final int BUSY_CHECK = 64;

  private RenderingWarmUp() {}

  /**
   * Renders {@code shapes} shapes into a {@code width}×{@code height} image of the screen's kind (an image in
   * memory when there is no screen); asks {@code busy} every few shapes and stops when it says so. Returns how
   * many shapes it rendered.
   */
  public static int run(int width, int height, int shapes, BooleanSupplier busy) {
    Image image = GraphicsEnvironment.isHeadless()
        ? new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE)
        : GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice().getDefaultConfiguration()
            .createCompatibleVolatileImage(width, height);
    Graphics2D g = (Graphics2D) image.getGraphics();
    SplittableRandom random = new SplittableRandom(SEED);
    int n = 0;
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      for (; n < shapes && !stopAsked(n, busy); n++) {
        Graphics2D shape = (Graphics2D) g.create(); // a transform or clip of its own
        try {
          draw(shape, random, width, height);
        } finally {
          shape.dispose();
        }
      }
    } finally {
      g.dispose();
      image.flush();
    }
    return n;
  }

  /** Asks {@code busy} every {@value #BUSY_CHECK} shapes. */
  private static boolean stopAsked(int n, BooleanSupplier busy) {
    return n % BUSY_CHECK == 0 && busy.getAsBoolean();
  }

  /**
   * One shape in a random place, of one of four size classes (icon, button, panel, window), scaled as on a HiDPI
   * screen or clipped one time in three each: the variety the rasteriser's loops must have seen for their compiled
   * code to hold in Weasis' paints.
   */
  private static void draw(Graphics2D g, SplittableRandom r, int width, int height) {
    double size = switch (r.nextInt(4)) {
      case 0 -> 4 + r.nextDouble(20);
      case 1 -> 16 + r.nextDouble(48);
      case 2 -> 40 + r.nextDouble(300);
      default -> 200 + r.nextDouble(Math.max(width, height));
    };
    double x = r.nextDouble(width) - size / 4;
    double y = r.nextDouble(height) - size / 4;
    if (r.nextInt(3) == 0) {
      double scale = SCALES[r.nextInt(SCALES.length)];
      g.transform(AffineTransform.getScaleInstance(scale, scale));
    }
    if (r.nextInt(3) == 0) {
      g.clipRect((int) x, (int) y, (int) (size / 2) + 1, (int) size + 1);
    }
    g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256), 64 + r.nextInt(192)));
    paint(g, r, shape(g, r, x, y, size), x, y);
  }

  /** Fills or strokes {@code shape}, or draws a label's text at its place instead. */
  private static void paint(Graphics2D g, SplittableRandom r, Shape shape, double x, double y) {
    switch (r.nextInt(5)) {
      case 0 -> {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9 + r.nextInt(12)));
        g.drawString("Series 2, 64 images", (float) x, (float) y);
      }
      case 1, 2 -> g.fill(shape);
      default -> {
        g.setStroke(new BasicStroke((float) (0.5 + r.nextDouble(3)), r.nextInt(3), r.nextInt(3)));
        g.draw(shape);
      }
    }
  }

  /**
   * A shape of one of Java2D's classes, float and double: the rasteriser's path iteration is a virtual call that
   * a single class would let the JIT compile for that class only.
   */
  private static Shape shape(Graphics2D g, SplittableRandom r, double x, double y, double size) {
    double h = size * (0.2 + r.nextDouble());
    float fx = (float) x;
    float fy = (float) y;
    float fs = (float) size;
    float fh = (float) h;
    return switch (r.nextInt(14)) {
      case 0 -> new RoundRectangle2D.Double(x, y, size, h, size / 8, size / 8);
      case 1 -> new RoundRectangle2D.Float(fx, fy, fs, fh, 6, 6);
      case 2 -> new Ellipse2D.Double(x, y, size, h);
      case 3 -> new Ellipse2D.Float(fx, fy, fs, fh);
      case 4 -> new Arc2D.Double(x, y, size, size, r.nextDouble(360), r.nextDouble(360), r.nextInt(3));
      case 5 -> new Arc2D.Float(fx, fy, fs, fs, (float) r.nextDouble(360), (float) r.nextDouble(360), r.nextInt(3));
      case 6 -> new Line2D.Double(x, y, x + size, y + h);
      case 7 -> new Rectangle2D.Float(fx, fy, fs, fh);
      case 8 -> new Rectangle((int) x, (int) y, (int) size + 1, (int) h + 1);
      case 9 -> new Polygon(new int[] {(int) x, (int) (x + size), (int) (x + size / 2)},
          new int[] {(int) y, (int) y, (int) (y + h)}, 3);
      case 10 -> outline(r, x, y, size, h);
      case 11 -> text(g, r, x, y, size);
      case 12 -> new Area(outline(r, x, y, size, h));
      default -> curves(r, x, y, size, h);
    };
  }

  /** A border: a round rectangle with a hole, filled even-odd, as a look-and-feel paints component outlines. */
  private static Shape outline(SplittableRandom r, double x, double y, double w, double h) {
    Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
    double t = 1 + r.nextInt(3);
    path.append(new RoundRectangle2D.Double(x, y, w, h, 6, 6), false);
    path.append(new RoundRectangle2D.Double(x + t, y + t, Math.max(w - 2 * t, 1), Math.max(h - 2 * t, 1), 4, 4),
        false);
    return path;
  }

  private static Shape text(Graphics2D g, SplittableRandom r, double x, double y, double size) {
    Font font = new Font(Font.SANS_SERIF, r.nextBoolean() ? Font.PLAIN : Font.BOLD, 9 + r.nextInt(Math.min(40,
        (int) size / 4 + 1)));
    FontRenderContext frc = g.getFontRenderContext();
    String text = new String[] {"WL: 40 WW: 400", "Pixel: 12 HU", "1/64", "Zoom: 45 %", "10 cm"}[r.nextInt(5)];
    return new TextLayout(text, font, frc).getOutline(AffineTransform.getTranslateInstance(x, y));
  }

  /** An icon-like path of cubic and quadratic curves. */
  private static Shape curves(SplittableRandom r, double x, double y, double w, double h) {
    int rule = r.nextBoolean() ? Path2D.WIND_NON_ZERO : Path2D.WIND_EVEN_ODD;
    Path2D path = r.nextBoolean() ? new Path2D.Double(rule) : new Path2D.Float(rule);
    path.moveTo(x, y);
    int segments = 2 + r.nextInt(10);
    for (int i = 0; i < segments; i++) {
      double px = x + r.nextDouble(w);
      double py = y + r.nextDouble(h);
      if (r.nextBoolean()) {
        path.curveTo(x + r.nextDouble(w), y + r.nextDouble(h), x + r.nextDouble(w), y + r.nextDouble(h), px, py);
      } else {
        path.quadTo(x + r.nextDouble(w), y + r.nextDouble(h), px, py);
      }
    }
    path.closePath();
    return path;
  }
}
