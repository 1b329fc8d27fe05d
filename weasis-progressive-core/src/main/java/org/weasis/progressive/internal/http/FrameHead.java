package org.weasis.progressive.internal.http;

import java.util.Locale;

/**
 * What a frame resource answers before its payload: the status, the response's Content-Type and
 * Content-Range, and for a multipart body the first part's Content-Type — what the capability probe
 * needs to tell whether a node honours Range and which transfer syntax it sends.
 *
 * @param contentRange the parsed Content-Range of a 206, or null
 * @param partContentType the first part's Content-Type, or null when the body is not multipart or showed
 *     no part headers within its first bytes
 */
public record FrameHead(int status, String contentType, ByteRanges.ContentRange contentRange, String partContentType) {
  /** True when the response's Content-Type is a multipart one. */
  public boolean multipart() {
    return isMultipart(contentType);
  }

  static boolean isMultipart(String contentType) {
    return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
  }
}
