package org.weasis.progressive.codec.charls.internal;

import java.nio.ByteBuffer;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoding;

/**
 * Decodes a JPEG-LS frame line by line while its bytes arrive: after each read, the lines whose code the
 * received bytes surely hold are decoded, so that once the last byte is in only the last few lines are
 * left to do. The frame and first scan headers are checked as soon as they are in, against the image as
 * {@link JpegLsFrameDecoder} checks them, and the whole frame's headers again at the end.
 *
 * <p>The decoder reads each call's bytes where they are and keeps only offsets between calls: the body
 * that holds them is counted in the load's byte budget and moves to a bigger array as it grows. Keeping a
 * copy of its own made every JPEG-LS frame cost twice its size (three times during a doubling), uncounted.
 */
final class JlsFrameDecoding implements FrameDecoding {
  private final DecodeRequest request;
  private JlsDecoder.Samples samples;
  /** Null until the prefix holds the frame and first scan headers. */
  private JlsDecoder decoder;
  /** Bytes in the last call: the decoder's offsets point into them, so fewer would be another body. */
  private int received;

  JlsFrameDecoding(DecodeRequest request) {
    this.request = request;
  }

  @Override
  public void advance(ByteBuffer data) throws DecodeException {
    requireNoFewer(data);
    if (decoder == null && !start(data)) {
      return;
    }
    decode(data, false);
  }

  @Override
  public DecodedFrame finish(ByteBuffer data) throws DecodeException {
    requireNoFewer(data);
    JlsHeader header = JpegLsFrameDecoder.checkedHeader(data, request);
    if (decoder == null) {
      start(data);
    }
    decode(data, true);
    return new DecodedFrame(samples.toRaster(header, request.target()),
        JpegLsFrameDecoder.levelOf(header, request.target()), decoder.maxNear() == 0);
  }

  /** Rows of the scan being decoded that are done, for tests. */
  int decodedRows() {
    return decoder == null ? 0 : decoder.rowsDecoded();
  }

  /** The frame's bytes from index 0, without copying them (slices are big-endian). */
  private void decode(ByteBuffer data, boolean last) throws DecodeException {
    ByteBuffer frame = data.slice();
    try {
      decoder.advance(frame, frame.limit(), last);
    } catch (JlsDataException e) {
      throw JpegLsFrameDecoder.failure(data, request, e.getMessage(), e);
    }
  }

  /** The engine hands every byte received so far; fewer means the body started over (a 200 to a range). */
  private void requireNoFewer(ByteBuffer data) throws DecodeException {
    if (data.remaining() < received) {
      throw JpegLsFrameDecoder.failure(data, request, "the bytes received shrank from " + received
          + "; decoding while they arrive cannot go on", null);
    }
    received = data.remaining();
  }

  /** Sets up the decoder once the headers are in; false while they are not. */
  private boolean start(ByteBuffer data) throws DecodeException {
    JlsHeader header = JlsHeader.readPrefix(data, request.transferSyntaxUid());
    if (header == null) {
      return false;
    }
    JpegLsFrameDecoder.check(header, data, request);
    samples = JlsDecoder.Samples.of(header, request.target());
    decoder = new JlsDecoder(header, samples);
    return true;
  }
}
