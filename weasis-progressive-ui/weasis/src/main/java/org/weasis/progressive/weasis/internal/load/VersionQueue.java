package org.weasis.progressive.weasis.internal.load;

import java.util.Iterator;
import java.util.LinkedHashMap;
import org.weasis.progressive.api.ImageEvent;

/**
 * The versions waiting to be handed to Weasis, at most one per image: a version that a better one of
 * the same image overtakes while it waits is never written (the engine never sends a worse one after a
 * better one). Images keep the order of their first arrival.
 */
final class VersionQueue {
  private final LinkedHashMap<Integer, ImageEvent> pending = new LinkedHashMap<>();
  private boolean closed;

  synchronized void offer(ImageEvent event) {
    pending.put(event.imageIndex(), event);
    notifyAll();
  }

  /** No more versions will come: take() returns null once the queue is empty. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** The next version to show, or null when the queue is closed and empty. */
  synchronized ImageEvent take() throws InterruptedException {
    while (pending.isEmpty() && !closed) {
      wait();
    }
    Iterator<ImageEvent> it = pending.values().iterator();
    if (!it.hasNext()) {
      return null;
    }
    ImageEvent next = it.next();
    it.remove();
    return next;
  }
}
