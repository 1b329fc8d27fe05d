package org.weasis.progressive.internal.dicom;

import java.net.URI;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.RetrieveOptions;

/** Builds the URL a stage fetches for a frame: framesPath swaps the {@code /frames/} segment. */
public final class FrameUrls {
  private static final String FRAMES_SEGMENT = "/frames/";

  private FrameUrls() {}

  public static URI build(ImageRef image, RetrieveOptions options) {
    String url = image.framesUrl() + "/" + image.frameNumber();
    if (options.framesPath() != null) {
      url = replaceFramesSegment(url, options.framesPath());
    }
    if (options.urlArguments() != null && !options.urlArguments().isBlank()) {
      url = appendArguments(url, options.urlArguments());
    }
    return URI.create(url);
  }

  private static String replaceFramesSegment(String url, String framesPath) {
    int at = url.lastIndexOf(FRAMES_SEGMENT);
    if (at < 0) {
      throw new IllegalArgumentException(
          "framesPath " + framesPath + " needs a /frames/ segment to replace in " + url);
    }
    return url.substring(0, at) + framesPath + url.substring(at + FRAMES_SEGMENT.length());
  }

  private static String appendArguments(String url, String arguments) {
    String args = arguments.strip();
    while (args.startsWith("?") || args.startsWith("&")) {
      args = args.substring(1);
    }
    return args.isEmpty() ? url : url + (url.indexOf('?') >= 0 ? '&' : '?') + args;
  }
}
