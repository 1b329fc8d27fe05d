package org.weasis.progressive.internal.http;

import java.net.URI;
import java.nio.ByteBuffer;
import org.weasis.progressive.api.ImageRef;

/**
 * What the engine reads of one frame's bytes while and after they arrive: the payload ready for a
 * decoder (multipart framing already taken off), how much of the frame it is, and its transfer syntax
 * as the answer declared it.
 */
public interface FrameBytes {
  URI url();

  /** A read-only view of the frame bytes so far; later appends do not change it. */
  ByteBuffer payload();

  int payloadLength();

  /** Body bytes received (the offset the next range starts at). */
  long received();

  /** Total body length when known (Content-Range total or a 200's Content-Length), else -1. */
  long total();

  /** True once the whole frame is in. */
  boolean isComplete();

  /** True once the part headers (and so the transfer syntax) are known, or there are none. */
  boolean headersKnown();

  /**
   * The frame's transfer syntax: the part's Content-Type, else the response's (when not multipart),
   * else the metadata's, else Explicit VR Little Endian (the DICOMweb default for octet-stream).
   */
  String transferSyntax(ImageRef image);
}
