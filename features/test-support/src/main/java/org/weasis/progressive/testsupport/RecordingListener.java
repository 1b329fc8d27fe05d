package org.weasis.progressive.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadListener;

/**
 * Keeps the events of a load in delivery order, as the engine's threads deliver them. The Pax Exam
 * tests get this class into their probe bundle (their build unpacks it), so it uses the API only.
 */
public final class RecordingListener implements LoadListener {
  private final List<ImageEvent> images = new CopyOnWriteArrayList<>();
  private final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();

  @Override
  public void onImage(ImageEvent event) {
    images.add(event);
  }

  @Override
  public void onError(ErrorEvent event) {
    errors.add(event);
  }

  /** Every version delivered so far, replicates included. */
  public List<ImageEvent> images() {
    return List.copyOf(images);
  }

  public List<ErrorEvent> errors() {
    return List.copyOf(errors);
  }
}
