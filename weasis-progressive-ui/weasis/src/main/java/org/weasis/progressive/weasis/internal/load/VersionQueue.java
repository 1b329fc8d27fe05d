package org.weasis.progressive.weasis.internal.load;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Set;
import org.weasis.progressive.api.ImageEvent;

/**
 * The versions waiting to be handed to Weasis. An image's first version is always handed over, first
 * versions before any refinement, so that each image appears as soon as possible even when Weasis lags
 * behind the engine (its first viewer takes seconds to open on a cold start); of the later versions at
 * most one per image waits: one that a better version overtakes while it waits is never written (the
 * engine never sends a worse one after a better one). Images keep the order of their first arrival, but
 * for the image the user looks at ({@link #prefer}): its waiting version goes first, since versions of many
 * images can wait here while Weasis takes them one by one.
 */
final class VersionQueue {
  private final LinkedHashMap<Integer, ImageEvent> firsts = new LinkedHashMap<>();
  private final LinkedHashMap<Integer, ImageEvent> refinements = new LinkedHashMap<>();
  private final Set<Integer> offered = new HashSet<>();
  private boolean closed;
  private int preferred = -1;

  synchronized void offer(ImageEvent event) {
    if (offered.add(event.imageIndex())) {
      firsts.put(event.imageIndex(), event);
    } else {
      refinements.put(event.imageIndex(), event);
    }
    notifyAll();
  }

  /** No more versions will come: take() returns null once the queue is empty. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** The user looks at image {@code index}: its versions are handed over before any other waiting. */
  synchronized void prefer(int index) {
    preferred = index;
  }

  /** The next version to show, or null when the queue is closed and empty. */
  synchronized ImageEvent take() throws InterruptedException {
    while (firsts.isEmpty() && refinements.isEmpty() && !closed) {
      wait();
    }
    ImageEvent shown = firsts.remove(preferred);
    if (shown == null) {
      shown = refinements.remove(preferred);
    }
    if (shown != null) {
      return shown;
    }
    Iterator<ImageEvent> it = (firsts.isEmpty() ? refinements : firsts).values().iterator();
    if (!it.hasNext()) {
      return null;
    }
    ImageEvent next = it.next();
    it.remove();
    return next;
  }
}
