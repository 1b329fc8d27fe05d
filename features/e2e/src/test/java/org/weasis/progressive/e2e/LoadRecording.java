package org.weasis.progressive.e2e;

import java.nio.ShortBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.testsupport.RecordingListener;

/**
 * One load run to its end within a deadline, with every event kept in delivery order, so a test can
 * assert the order of qualities and a hung load fails instead of blocking the build.
 */
final class LoadRecording {
  private final LoadSummary summary;
  private final List<ImageEvent> images;
  private final List<ErrorEvent> errors;

  private LoadRecording(LoadSummary summary, List<ImageEvent> images, List<ErrorEvent> errors) {
    this.summary = summary;
    this.images = images;
    this.errors = errors;
  }

  /** Runs the load; past the deadline it is cancelled and the wait fails with what was delivered. */
  static LoadRecording run(ProgressiveRetrieveService service, SeriesRequest request,
      RetrieveConfiguration configuration, Duration deadline) throws Exception {
    RecordingListener listener = new RecordingListener();
    LoadHandle handle = service.load(request, configuration, listener);
    try {
      LoadSummary summary = handle.completion().toCompletableFuture()
          .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return new LoadRecording(summary, listener.images(), listener.errors());
    } catch (TimeoutException e) {
      String progress = handle.progress().toString();
      handle.cancel();
      throw new AssertionError("the load did not end within " + deadline + ": " + progress
          + "; errors " + listener.errors() + "; " + listener.images().size() + " versions delivered", e);
    } catch (ExecutionException e) {
      throw new AssertionError("the load failed: " + e.getCause(), e.getCause());
    }
  }

  LoadSummary summary() {
    return summary;
  }

  /** Every delivered version, replicates included, in delivery order. */
  List<ImageEvent> images() {
    return images;
  }

  List<ErrorEvent> errors() {
    return errors;
  }

  /** The versions delivered for image {@code index}, replicates included. */
  List<ImageEvent> versionsOf(int index) {
    return images.stream().filter(e -> e.imageIndex() == index).toList();
  }

  /** The versions made from image {@code index}'s own data. */
  List<ImageEvent> ownVersionsOf(int index) {
    return versionsOf(index).stream().filter(e -> !e.isReplicate()).toList();
  }

  /** The last version made from the image's own data; fails when there is none. */
  ImageEvent lastOwn(int index) {
    List<ImageEvent> own = ownVersionsOf(index);
    if (own.isEmpty()) {
      throw new AssertionError("no version of image " + index + " was delivered; errors: " + errors);
    }
    return own.getLast();
  }

  List<ErrorEvent> errorsOf(int index) {
    return errors.stream().filter(e -> e.imageIndex() == index).toList();
  }

  /** The 16-bit samples of a delivered version, row by row. */
  static short[] samples(ImageEvent event) {
    ShortBuffer buffer = ((ShortBuffer) event.raster().samples()).duplicate();
    buffer.rewind();
    short[] samples = new short[buffer.remaining()];
    buffer.get(samples);
    return samples;
  }

}
