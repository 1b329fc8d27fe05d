package org.weasis.progressive.codec.charls.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoding;

/**
 * Decodes a JPEG-LS frame line by line while its bytes arrive: after each read, the lines whose code the
 * received bytes surely hold are decoded, so that once the last byte is in only the last few lines are
 * left to do. The frame and first scan headers are checked as soon as they are in, against the image as
 * {@link JpegLsFrameDecoder} checks them, and the whole frame's headers again at the end.
 */
final class JlsFrameDecoding implements FrameDecoding {
  private final DecodeRequest request;
  /** The bytes so far, copied once each as they come. */
  private byte[] bytes = new byte[0];
  private int length;
  private JlsDecoder.Samples samples;
  /** Null until the prefix holds the frame and first scan headers. */
  private JlsDecoder decoder;

  JlsFrameDecoding(DecodeRequest request) {
    this.request = request;
  }

  @Override
  public void advance(ByteBuffer data) throws DecodeException {
    copyNew(data);
    if (decoder == null && !start(data)) {
      return;
    }
    try {
      decoder.advance(bytes, length, false);
    } catch (JlsDataException e) {
      throw JpegLsFrameDecoder.failure(data, request, e.getMessage(), e);
    }
  }

  @Override
  public DecodedFrame finish(ByteBuffer data) throws DecodeException {
    copyNew(data);
    JlsHeader header = JpegLsFrameDecoder.checkedHeader(data, request);
    if (decoder == null) {
      start(data);
    }
    try {
      decoder.advance(bytes, length, true);
    } catch (JlsDataException e) {
      throw JpegLsFrameDecoder.failure(data, request, e.getMessage(), e);
    }
    return new DecodedFrame(samples.toRaster(header, request.target()),
        JpegLsFrameDecoder.levelOf(header, request.target()), decoder.maxNear() == 0);
  }

  /** Rows of the scan being decoded that are done, for tests. */
  int decodedRows() {
    return decoder == null ? 0 : decoder.rowsDecoded();
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

  private void copyNew(ByteBuffer data) {
    int total = data.remaining();
    if (total <= length) {
      return;
    }
    if (total > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(total, bytes.length * 2));
    }
    data.slice(data.position() + length, total - length).get(bytes, length, total - length);
    length = total;
  }
}
