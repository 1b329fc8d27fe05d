package org.weasis.progressive.api.decoder;

import java.util.Objects;

/**
 * What to decode.
 *
 * @param transferSyntaxUid transfer syntax of the data
 * @param target the frame's full-resolution description
 * @param decodeLevel wanted level: 0 = full, i = 1/2^i per axis
 * @param complete true when the data is the whole frame, false for a prefix
 */
public record DecodeRequest(
    String transferSyntaxUid, PixelDescription target, int decodeLevel, boolean complete) {
  public DecodeRequest {
    Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
    Objects.requireNonNull(target, "target");
    if (decodeLevel < 0) {
      throw new IllegalArgumentException("decodeLevel must be 0 or more, got " + decodeLevel);
    }
  }

  /** Size of one side at a level: ceil(size / 2^level). */
  public static int reducedSize(int size, int level) {
    return (int) ((size + (1L << level) - 1) >> level);
  }
}
