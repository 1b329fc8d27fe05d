package org.weasis.progressive.weasis.internal.load;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.weasis.progressive.api.ImageRef;

/**
 * Decides whether a series goes to Weasis' stock loading instead of ours: we only hand Weasis what our
 * decoders made, so a series we cannot decode completely is left to Weasis, which never fails it.
 */
public final class Fallback {
  private Fallback() {}

  /**
   * Why the series must load the stock way, or null when our engine takes it.
   *
   * @param images the frames of the series, as the engine read them from the metadata
   * @param decodable the transfer syntaxes our registered decoders handle
   */
  public static String reason(List<ImageRef> images, Collection<String> decodable) {
    if (images.isEmpty()) {
      return "no image frames in the series metadata";
    }
    Set<String> unknown = new TreeSet<>();
    for (ImageRef image : images) {
      if (image.frameNumber() > 1) {
        return "multi-frame instance " + image.sopInstanceUid();
      }
      String ts = image.transferSyntaxUid();
      // An unannounced syntax is learnt from the frame's Content-Type: the engine tries it.
      if (ts != null && !decodable.contains(ts)) {
        unknown.add(ts);
      }
    }
    return unknown.isEmpty() ? null : "no decoder for transfer syntax " + String.join(", ", unknown);
  }
}
