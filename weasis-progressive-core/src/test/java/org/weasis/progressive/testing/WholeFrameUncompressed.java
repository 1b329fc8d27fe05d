package org.weasis.progressive.testing;

import java.nio.ByteBuffer;
import java.util.Set;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.internal.decode.UncompressedDecoder;

/**
 * The uncompressed decoder for whole frames only (no reduced resolution, no partial data), for a test
 * to change one step of: a subclass overrides {@link #decode} or {@link #startDecoding} and calls
 * {@code super} (or {@link #uncompressed}) for the real work.
 */
public abstract class WholeFrameUncompressed implements FrameDecoder {
  protected final UncompressedDecoder uncompressed = new UncompressedDecoder();

  @Override
  public Set<String> transferSyntaxes() {
    return uncompressed.transferSyntaxes();
  }

  @Override
  public boolean supportsReducedResolution() {
    return false;
  }

  @Override
  public boolean supportsPartialData() {
    return false;
  }

  @Override
  public int decodableLevel(ByteBuffer data, DecodeRequest request) throws DecodeException {
    return uncompressed.decodableLevel(data, request);
  }

  @Override
  public DecodedFrame decode(ByteBuffer data, DecodeRequest request) throws DecodeException {
    return uncompressed.decode(data, request);
  }
}
