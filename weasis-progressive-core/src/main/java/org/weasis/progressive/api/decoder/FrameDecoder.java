package org.weasis.progressive.api.decoder;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Decodes the pixel data of one frame. Registered as a whiteboard service with the property
 * {@value #TRANSFER_SYNTAX} listing the transfer syntax UIDs it decodes. Must be safe to call from
 * several threads at once.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface FrameDecoder {
  /** Service property: the transfer syntax UIDs (String or String[]) this decoder handles. */
  String TRANSFER_SYNTAX = "transfer.syntax";

  Set<String> transferSyntaxes();

  /** True when {@link DecodeRequest#decodeLevel()} above 0 gives a smaller image. */
  boolean supportsReducedResolution();

  /** True when a prefix of the data can be decoded (a progressive codestream). */
  boolean supportsPartialData();

  /**
   * The finest level that can be decoded exactly from {@code data}: 0 when the data is complete, a
   * higher level for a prefix holding only coarse resolutions, -1 when nothing can be decoded yet. Must
   * be cheap: the engine asks after every received chunk.
   */
  int decodableLevel(ByteBuffer data, DecodeRequest request) throws DecodeException;

  /**
   * Decodes at {@code request.decodeLevel()} or, for partial data, at the finest level the data allows if
   * that is coarser. Reads {@code data} from its position to its limit without changing them.
   */
  DecodedFrame decode(ByteBuffer data, DecodeRequest request) throws DecodeException;

  /**
   * Starts a decode of the whole frame that goes on while its bytes arrive, so that the final version
   * costs little more than its last byte; null (the default) when this decoder decodes whole frames only.
   */
  default FrameDecoding startDecoding(DecodeRequest request) throws DecodeException {
    return null;
  }
}
