package org.weasis.progressive.api.decoder;

import java.util.Objects;

/**
 * A decoded frame.
 *
 * @param raster the pixels, at the size of {@code decodeLevel}
 * @param decodeLevel the level actually decoded (0 = full)
 * @param lossless true when the pixels are exactly the original ones at this level
 */
public record DecodedFrame(Raster raster, int decodeLevel, boolean lossless) {
  public DecodedFrame {
    Objects.requireNonNull(raster, "raster");
  }
}
