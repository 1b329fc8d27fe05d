package org.weasis.progressive.internal.http;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The frame bytes one load holds: one {@link FrameBody} per frame URL, kept while a later stage of its
 * image may continue it, all drawing on one {@link LoadBudget}.
 */
public final class FrameBodies {
  private final long maxFrameBytes;
  private final LoadBudget budget;
  private final Map<URI, FrameBody> bodies = new HashMap<>();
  /** Frame URLs fetched for each image: their bytes are dropped when the image ends. */
  private final Map<Integer, Set<URI>> urlsOfImage = new HashMap<>();

  /**
   * @param maxFrameBytes the node's limit for one frame
   * @param maxLoadBytes the node's limit for all frames the load holds at once
   */
  public FrameBodies(long maxFrameBytes, long maxLoadBytes) {
    this.maxFrameBytes = maxFrameBytes;
    this.budget = new LoadBudget(maxLoadBytes);
  }

  /** The bytes an image's earlier stages got from {@code url}, empty the first time. */
  public synchronized FrameBody of(int image, URI url) {
    urlsOfImage.computeIfAbsent(image, i -> new HashSet<>()).add(url);
    return bodies.computeIfAbsent(url, u -> new FrameBody(u, maxFrameBytes, budget));
  }

  /** The image ended: its bytes no longer count against the load's budget. */
  public synchronized void dropImage(int image) {
    Set<URI> urls = urlsOfImage.remove(image);
    if (urls == null) {
      return;
    }
    for (URI url : urls) {
      FrameBody dropped = bodies.remove(url);
      if (dropped != null) {
        dropped.reset();
      }
    }
  }

  /** The load ended: nothing is kept. */
  public synchronized void clear() {
    bodies.clear();
    urlsOfImage.clear();
  }
}
