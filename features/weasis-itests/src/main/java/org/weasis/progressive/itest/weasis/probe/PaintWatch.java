package org.weasis.progressive.itest.weasis.probe;

import java.util.function.BooleanSupplier;
import javax.swing.RepaintManager;

/**
 * Swing's repaint manager, unchanged but for one thing: after each pass that paints the windows' dirty regions, it
 * asks {@code shown} whether a view now displays the image watched for, and tells {@code painted} the first time it
 * does: that pass put the image on the screen. Installed once, at the probe's start, so that what it costs (a
 * manager of its own, its first back buffer) is paid before any load it times; a watch is armed per load.
 */
final class PaintWatch extends RepaintManager {
  /** One load's watch: what says the image is shown, and what is told when a pass painted it. */
  private record Watch(BooleanSupplier shown, Runnable painted) {}

  /** Event thread only. */
  private Watch watch;

  private PaintWatch() {}

  /** On the event thread: replaces Swing's repaint manager with a watch. */
  static PaintWatch install() {
    PaintWatch manager = new PaintWatch();
    RepaintManager.setCurrentManager(manager);
    return manager;
  }

  /** On the event thread: the next pass after which {@code shown} holds calls {@code painted}, once. */
  void arm(BooleanSupplier shown, Runnable painted) {
    watch = new Watch(shown, painted);
  }

  @Override
  public void paintDirtyRegions() {
    super.paintDirtyRegions();
    Watch current = watch;
    if (current != null && current.shown().getAsBoolean()) {
      watch = null;
      current.painted().run();
    }
  }
}
