package org.weasis.progressive.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.fixtures.FaultServer.Recorded;

/** Keeps a load's events in delivery order, as the engine's threads deliver them, and counts completions. */
public final class EventRecorder implements LoadListener {
  public final List<ImageEvent> images = new CopyOnWriteArrayList<>();
  public final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
  public final AtomicInteger completions = new AtomicInteger();

  @Override
  public void onImage(ImageEvent event) {
    images.add(event);
  }

  @Override
  public void onError(ErrorEvent event) {
    errors.add(event);
  }

  @Override
  public void onComplete(LoadSummary summary) {
    completions.incrementAndGet();
  }

  /** What was recorded, with the summary and the requests the server saw. */
  public LoadOutcome outcome(LoadSummary summary, List<Recorded> requests) {
    return new LoadOutcome(summary, List.copyOf(images), List.copyOf(errors), completions.get(), requests);
  }
}
