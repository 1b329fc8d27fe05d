package org.weasis.progressive.internal.engine;

import java.io.IOException;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.internal.dicom.SeriesMetadata;

/** What a load needs done over the network; {@link FrameRetrieval} does it for real. */
interface StageRunner {
  /**
   * Fetches, decodes and delivers one image for one stage; throws when the stage fails.
   *
   * @param bodyIn run once the response is in and only its decode is left: frees the connection slot
   */
  void retrieve(ImageState image, RetrieveStage stage, Runnable bodyIn) throws IOException, DecodeException;

  /** The frames of the requested series in display order, and the instances refused as malformed. */
  SeriesMetadata.Series readSeries() throws IOException;

  /** The image ended: what was kept for its later stages can go. */
  default void imageEnded(ImageState image) {}

  /** The load ended: nothing is kept. */
  default void loadEnded() {}
}
