package org.weasis.progressive.weasis.internal.load;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.swing.JProgressBar;
import org.weasis.core.api.gui.util.GuiExecutor;
import org.weasis.progressive.api.ImageEvent;

/**
 * A series' loading progress on its Weasis progress bar (the one the series thumbnail and the explorer's
 * download bar paint). Each image counts half once a first version of it is shown and whole once its
 * final is, so the bar moves as soon as images appear (a stack shows every image at a low quality before
 * the first final) and is full when every image is final. The thumbnail paints the bar itself, off the
 * component tree: it is repainted at each step.
 */
final class SeriesProgress {
  private final JProgressBar bar;
  private final Runnable repaint;
  private final Set<Integer> shown = ConcurrentHashMap.newKeySet();
  private final Set<Integer> finals = ConcurrentHashMap.newKeySet();

  /**
   * @param bar the series task's progress bar
   * @param repaint repaints what shows the bar (the series thumbnail); called on the event thread
   */
  SeriesProgress(JProgressBar bar, Runnable repaint) {
    this.bar = bar;
    this.repaint = repaint;
  }

  /** The series has {@code images} images: the bar counts from empty. */
  void start(int images) {
    shown.clear();
    finals.clear();
    GuiExecutor.execute(() -> {
      bar.setIndeterminate(false);
      bar.setMaximum(Math.max(1, 2 * images));
      bar.setValue(0);
      repaint.run();
    });
  }

  /** A version of an image was handed to the viewer. */
  void shown(ImageEvent event) {
    boolean first = shown.add(event.imageIndex());
    boolean madeFinal = event.status().isFinal() && finals.add(event.imageIndex());
    if (first || madeFinal) {
      int value = shown.size() + finals.size();
      GuiExecutor.execute(() -> {
        bar.setValue(Math.max(bar.getValue(), value));
        repaint.run();
      });
    }
  }
}
