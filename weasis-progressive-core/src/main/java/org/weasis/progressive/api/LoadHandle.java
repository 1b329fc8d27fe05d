package org.weasis.progressive.api;

import java.util.concurrent.CompletionStage;

/** A running load. */
@org.osgi.annotation.versioning.ProviderType
public interface LoadHandle {
  /** Drops the queued requests of this load and aborts its requests in flight. */
  void cancel();

  /** The image the user looks at: its next request runs before anything else queued. */
  void prioritize(int imageIndex);

  LoadProgress progress();

  /** Completes when every image is final or failed, or the load was cancelled. */
  CompletionStage<LoadSummary> completion();
}
