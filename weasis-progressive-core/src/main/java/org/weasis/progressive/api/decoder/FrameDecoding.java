package org.weasis.progressive.api.decoder;

import java.nio.ByteBuffer;

/**
 * A decode that goes on while a frame's bytes arrive (see {@link FrameDecoder#startDecoding}), so that
 * the final version costs little more than its last byte. The engine calls it from one thread at a
 * time, always with every byte received so far.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface FrameDecoding {
  /**
   * Decodes what the bytes received so far allow, from {@code data}'s position to its limit (left
   * unchanged); does nothing when they allow nothing new.
   *
   * @throws DecodeException if the bytes are already known to be undecodable
   */
  void advance(ByteBuffer data) throws DecodeException;

  /**
   * Every byte is in: finishes the decode and returns the frame, as {@link FrameDecoder#decode} would for
   * the same bytes and request.
   */
  DecodedFrame finish(ByteBuffer data) throws DecodeException;
}
