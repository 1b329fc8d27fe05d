package org.weasis.progressive.weasis.internal.load;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * When each step of a study's or a series' load first happened, in ms from the command, for the timing line
 * it writes to Weasis' log (the side-by-side bench prints them): where the time to the first image goes.
 * Any thread may mark; a step marked again keeps its first time.
 */
final class Marks {
  private final long startNanos;
  private final Map<String, Long> ms = new ConcurrentHashMap<>();

  Marks(long startNanos) {
    this.startNanos = startNanos;
  }

  /** When the count started ({@link System#nanoTime}). */
  long startNanos() {
    return startNanos;
  }

  /** {@code step} happened now, unless it happened before. */
  void mark(String step) {
    ms.putIfAbsent(step, elapsedMs());
  }

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** {@code step=ms ...} in the order they happened. */
  String describe() {
    return ms.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }
}
