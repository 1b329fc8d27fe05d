package org.weasis.progressive.internal.engine;

import java.util.HashMap;
import java.util.Map;
import org.weasis.progressive.api.LoadSummary;

/** The accounts of one load: bytes per image, stage and load, final images, and when things happened. */
final class LoadAccounts {
  private final long startNanos = System.nanoTime();
  private final Map<String, Long> bytesPerStage = new HashMap<>();
  private long bytes;
  private int finals;
  private long firstImageMs = -1;
  private long finalMs = -1;

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Bytes received for an image in a stage, counted even if they turn out unusable. */
  synchronized void countBytes(ImageState image, String stageId, long n) {
    image.bytes += n;
    bytes += n;
    bytesPerStage.merge(stageId, n, Long::sum);
  }

  synchronized long bytesOf(ImageState image) {
    return image.bytes;
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized void firstImageShown() {
    if (firstImageMs < 0) {
      firstImageMs = elapsedMs();
    }
  }

  synchronized void imageFinal() {
    finals++;
    finalMs = elapsedMs();
  }

  synchronized int finals() {
    return finals;
  }

  /** {@code listed} counts the instances the metadata listed, those left out as malformed included. */
  synchronized LoadSummary summary(int listed, boolean cancelled) {
    return new LoadSummary(listed, finals, listed - finals, bytes, firstImageMs,
        finals == listed ? finalMs : -1, bytesPerStage, cancelled);
  }
}
