package org.weasis.progressive.internal.engine;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;

/**
 * The load's listener. Every call is made holding this object's lock and no other of the load's, so a
 * listener that calls back (prioritize, cancel) cannot deadlock, and {@link ImageVersions} holds it across
 * a version and its nearby copies so that two versions of one image are never reported out of order.
 * A listener's failure, an Error included, is the listener's: the load goes on.
 */
final class LoadEvents {
  private static final Logger LOG = LoggerFactory.getLogger(LoadEvents.class);

  private final LoadListener listener;

  LoadEvents(LoadListener listener) {
    this.listener = listener;
  }

  synchronized void series(List<ImageRef> images) {
    safely(() -> listener.onSeries(images));
  }

  synchronized void image(ImageEvent event) {
    safely(() -> listener.onImage(event));
  }

  synchronized void error(ErrorEvent event) {
    safely(() -> listener.onError(event));
  }

  synchronized void complete(LoadSummary summary) {
    safely(() -> listener.onComplete(summary));
  }

  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (Throwable t) {
      LOG.warn("A load listener threw; the load goes on", t);
    }
  }
}
