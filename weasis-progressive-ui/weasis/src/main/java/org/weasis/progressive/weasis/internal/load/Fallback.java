package org.weasis.progressive.weasis.internal.load;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.weasis.internal.viewer.MultiFrameFile;

/**
 * Decides whether a series goes to Weasis' stock loading instead of ours: we only hand Weasis what our
 * decoders made, so a series we cannot decode completely is left to Weasis, which never fails it. Multi-frame
 * instances load through our engine (each as one uncompressed file, see {@link MultiFrameFile}), unless all
 * their frames uncompressed would not fit one DICOM Pixel Data element.
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
    Map<String, Integer> frames = new HashMap<>();
    for (ImageRef image : images) {
      frames.merge(image.sopInstanceUid(), image.frameNumber(), Math::max);
      String ts = image.transferSyntaxUid();
      // An unannounced syntax is learnt from the frame's Content-Type: the engine tries it.
      if (ts != null && !decodable.contains(ts)) {
        unknown.add(ts);
      }
    }
    if (!unknown.isEmpty()) {
      return "no decoder for transfer syntax " + String.join(", ", unknown);
    }
    for (ImageRef image : images) {
      long bytes = frames.get(image.sopInstanceUid()) * image.pixels().frameBytes();
      if (image.frameNumber() == 1 && !MultiFrameFile.fits(bytes)) {
        return "multi-frame instance " + image.sopInstanceUid() + " is " + bytes
            + " bytes uncompressed, more than one uncompressed file holds";
      }
    }
    return null;
  }
}
