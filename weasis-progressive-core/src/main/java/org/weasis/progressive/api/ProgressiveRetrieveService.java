package org.weasis.progressive.api;

/** Loads DICOMweb series progressively: images of rising quality, each delivered to a listener. */
@org.osgi.annotation.versioning.ProviderType
public interface ProgressiveRetrieveService {
  /**
   * Starts loading; returns at once. The listener gets {@link LoadListener#onSeries}, then image and error
   * events, then {@link LoadListener#onComplete} exactly once.
   */
  LoadHandle load(SeriesRequest request, RetrieveConfiguration configuration, LoadListener listener);
}
