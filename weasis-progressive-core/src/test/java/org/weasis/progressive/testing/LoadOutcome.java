package org.weasis.progressive.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.fixtures.FaultServer.Recorded;

/**
 * What a load delivered, in delivery order, and the requests its server saw by its end.
 *
 * @param completions how many times the listener was told of the completion
 */
public record LoadOutcome(LoadSummary summary, List<ImageEvent> events, List<ErrorEvent> errors, int completions,
    List<Recorded> requests) {
  /** The last version of image {@code index}; fails when it has none. */
  public ImageEvent last(int index) {
    ImageEvent e = lastOrNull(index);
    assertNotNull(e, "no image delivered for " + index + "; errors: " + errors);
    return e;
  }

  public ImageEvent lastOrNull(int index) {
    ImageEvent last = null;
    for (ImageEvent e : events) {
      if (e.imageIndex() == index) {
        last = e;
      }
    }
    return last;
  }

  /** The first error of image {@code index}, or null. */
  public ErrorEvent error(int index) {
    return errors.stream().filter(e -> e.imageIndex() == index).findFirst().orElse(null);
  }

  /** The requests for frames, in the order they came. */
  public List<Recorded> frameRequests() {
    return requests.stream().filter(r -> r.target().contains("/frames/")).toList();
  }
}
