package org.weasis.progressive.weasis.internal.viewer;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where the time of handing a series' versions to Weasis goes, step by step: summed over the series, and for
 * its first and its last version (the first decides when an image appears, the last when the series is
 * final). Written to Weasis' log once per series, next to the log contract's lines, so that a slow load can
 * be told apart from a slow hand-over (the side-by-side bench prints it). One series thread writes it.
 */
public final class HandOverTiming {
  /** The steps of one hand-over. */
  public enum Step {
    /** The decoded version put on the image's full pixel grid. */
    GRID,
    /** The DICOM file of the version written. */
    WRITE,
    /** Weasis reads what it was handed: the header of a new image, the pixels of a replaced one. */
    READ,
    /** Weasis' model takes a new image: its series' splitting rules, the viewer opened on the series. */
    MODEL,
    /** Waiting for Weasis' event thread to take the new image or the new pixels. */
    EDT,
    /** The series thumbnail rendered. */
    THUMBNAIL
  }

  private final Map<Step, Long> sum = new EnumMap<>(Step.class);
  private final Map<Step, Long> current = new EnumMap<>(Step.class);
  private Map<Step, Long> first;
  private Map<Step, Long> last;
  private int versions;
  private long stepStart;

  /** A version's hand-over begins. */
  public void begin() {
    current.clear();
    stepStart = System.nanoTime();
  }

  /** {@code step} ended now; it began where the previous step ended (or at {@link #begin}). */
  public void mark(Step step) {
    long now = System.nanoTime();
    current.merge(step, now - stepStart, Long::sum);
    stepStart = now;
  }

  /** The version was handed over: its steps count. */
  public void end() {
    Map<Step, Long> done = new EnumMap<>(current);
    done.forEach((step, nanos) -> sum.merge(step, nanos, Long::sum));
    if (first == null) {
      first = done;
    }
    last = done;
    versions++;
  }

  /** {@code versions=N sum=grid:G,write:W,... first=... last=...}, in ms. */
  public String describe() {
    return "versions=" + versions + " sum=" + steps(sum) + " first=" + steps(first) + " last=" + steps(last);
  }

  private static String steps(Map<Step, Long> steps) {
    if (steps == null) {
      return "none";
    }
    StringJoiner out = new StringJoiner(",");
    for (Step step : Step.values()) {
      out.add(step.name().toLowerCase(Locale.ROOT) + ":" + steps.getOrDefault(step, 0L) / 1_000_000);
    }
    return out.toString();
  }
}
