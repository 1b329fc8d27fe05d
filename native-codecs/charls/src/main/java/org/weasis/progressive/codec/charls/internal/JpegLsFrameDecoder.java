package org.weasis.progressive.codec.charls.internal;

import java.nio.ByteBuffer;
import java.util.Set;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.FrameDecoding;
import org.weasis.progressive.api.decoder.PixelDescription;

/**
 * Decodes JPEG-LS frames in Java ({@link JlsDecoder}) behind the header pre-check of {@link JlsHeader}.
 *
 * <p>It used to call CharLS: Debian's CharLS 2.4.1 is built with assertions, and a crafted run-interruption
 * sequence makes it abort() the JVM, which no check short of decoding can rule out. CharLS is now only
 * the reference the tests compare this decoder with (test-support), not part of this bundle.
 */
public final class JpegLsFrameDecoder implements FrameDecoder {
  static final Set<String> TRANSFER_SYNTAXES =
      Set.of(TransferSyntax.JPEG_LS_LOSSLESS, TransferSyntax.JPEG_LS_NEAR_LOSSLESS);

  /** No frame a viewer shows needs a bigger pixel buffer; refuses headers that ask for absurd sizes. */
  static final long MAX_DESTINATION_BYTES = 1L << 30;

  private static final int MAX_LEVEL = 16;

  @Override
  public Set<String> transferSyntaxes() {
    return TRANSFER_SYNTAXES;
  }

  @Override
  public boolean supportsReducedResolution() {
    return false;
  }

  @Override
  public boolean supportsPartialData() {
    return false;
  }

  /** Decodes line by line while the bytes arrive; {@link #decode} of the same bytes gives the same frame. */
  @Override
  public FrameDecoding startDecoding(DecodeRequest request) throws DecodeException {
    requireSupported(request);
    return new JlsFrameDecoding(request);
  }

  /** The level of the frame's own size when the data is complete and passes the checks, else -1. */
  @Override
  public int decodableLevel(ByteBuffer data, DecodeRequest request) throws DecodeException {
    requireSupported(request);
    if (!request.complete()) {
      return -1;
    }
    try {
      return levelOf(checkedHeader(data, request), request.target());
    } catch (DecodeException e) {
      return -1;
    }
  }

  /**
   * JPEG-LS has no resolution levels, but servers send smaller images on alternate paths (thumbnails):
   * any frame no larger than the target decodes at its own size, reported at the level that size stands
   * for. Lossless means NEAR = 0 in every scan, whatever the transfer syntax label says.
   */
  @Override
  public DecodedFrame decode(ByteBuffer data, DecodeRequest request) throws DecodeException {
    requireSupported(request);
    JlsHeader header = checkedHeader(data, request);
    PixelDescription target = request.target();
    JlsDecoder.Samples samples = JlsDecoder.Samples.of(header, target);
    try {
      int near = JlsDecoder.decode(data.slice(), header, samples);
      return new DecodedFrame(samples.toRaster(header, target), levelOf(header, target), near == 0);
    } catch (JlsDataException e) {
      throw failure(data, request, e.getMessage(), e);
    }
  }

  private static void requireSupported(DecodeRequest request) throws DecodeException {
    if (!TRANSFER_SYNTAXES.contains(request.transferSyntaxUid())) {
      throw new DecodeException(request.transferSyntaxUid(), "not a JPEG-LS transfer syntax; this decoder handles "
          + TransferSyntax.JPEG_LS_LOSSLESS + " and " + TransferSyntax.JPEG_LS_NEAR_LOSSLESS);
    }
  }

  /** The Java pre-check: well-formed headers that fit the image the request describes. */
  static JlsHeader checkedHeader(ByteBuffer data, DecodeRequest request) throws DecodeException {
    return check(JlsHeader.read(data, request.transferSyntaxUid()), data, request);
  }

  /** Headers that fit the image the request describes, and a pixel buffer under the cap. */
  static JlsHeader check(JlsHeader header, ByteBuffer data, DecodeRequest request) throws DecodeException {
    PixelDescription target = request.target();
    if (header.components() != target.samplesPerPixel()) {
      throw failure(data, request, "the frame has " + header.components() + " component(s), the image "
          + target.samplesPerPixel() + " (SamplesPerPixel)", null);
    }
    if (header.width() > target.columns() || header.height() > target.rows()) {
      throw failure(data, request, "the frame is " + header.width() + "x" + header.height()
          + " (columns x rows), larger than the image", null);
    }
    if (header.bitsPerSample() > target.bitsAllocated()) {
      throw failure(data, request, "the frame's precision of " + header.bitsPerSample()
          + " bits does not fit BitsAllocated " + target.bitsAllocated(), null);
    }
    if (header.destinationBytes() > MAX_DESTINATION_BYTES) {
      throw failure(data, request, "the frame needs " + header.destinationBytes()
          + " bytes of pixels, more than the cap of " + MAX_DESTINATION_BYTES, null);
    }
    return header;
  }

  /** The level whose size the frame has: 0 at full size, 2 for a quarter-size thumbnail. */
  static int levelOf(JlsHeader header, PixelDescription target) {
    int level = 0;
    while (level < MAX_LEVEL
        && (DecodeRequest.reducedSize(target.columns(), level) > header.width()
            || DecodeRequest.reducedSize(target.rows(), level) > header.height())) {
      level++;
    }
    return level;
  }

  static DecodeException failure(
      ByteBuffer data, DecodeRequest request, String reason, Throwable cause) {
    PixelDescription target = request.target();
    String image = target.columns() + "x" + target.rows() + "x" + target.samplesPerPixel() + " image, "
        + target.bitsStored() + " bits stored";
    return new DecodeException(request.transferSyntaxUid(),
        "cannot decode " + data.remaining() + " bytes of JPEG-LS for a " + image + ": " + reason, cause);
  }
}
