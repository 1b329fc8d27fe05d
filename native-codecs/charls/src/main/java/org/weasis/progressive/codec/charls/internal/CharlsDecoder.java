package org.weasis.progressive.codec.charls.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import org.weasis.progressive.api.DecodeException;
import org.weasis.progressive.api.DecodeRequest;
import org.weasis.progressive.api.DecodedFrame;
import org.weasis.progressive.api.FrameDecoder;
import org.weasis.progressive.api.PixelDescription;
import org.weasis.progressive.api.Raster;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.codec.charls.internal.ffm.CharlsBindings;
import org.weasis.progressive.codec.charls.internal.ffm.CharlsException;
import org.weasis.progressive.codec.charls.internal.ffm.FrameInfo;
import org.weasis.progressive.codec.charls.internal.ffm.InterleaveMode;
import org.weasis.progressive.codec.charls.internal.ffm.NativeDecoder;

/**
 * Decodes JPEG-LS frames with CharLS behind a Java header check, so that malformed or oversized data
 * never reaches native code.
 */
public final class CharlsDecoder implements FrameDecoder {
  static final Set<String> TRANSFER_SYNTAXES =
      Set.of(TransferSyntax.JPEG_LS_LOSSLESS, TransferSyntax.JPEG_LS_NEAR_LOSSLESS);

  /** No frame a viewer shows needs a bigger pixel buffer; refuses headers that ask for absurd sizes. */
  static final long MAX_DESTINATION_BYTES = 1L << 30;

  private static final int MAX_LEVEL = 16;

  private final CharlsBindings charls;

  public CharlsDecoder(CharlsBindings charls) {
    this.charls = Objects.requireNonNull(charls, "charls");
  }

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
    try (Arena arena = Arena.ofConfined();
        NativeDecoder decoder = NativeDecoder.create(charls)) {
      decoder.readHeader(copyToNative(data, arena));
      requireSameFrame(header, decoder.frameInfo(), data, request);
      InterleaveMode mode = decoder.interleaveMode();
      boolean lossless = header.maxNear() == 0 && decoder.nearLossless() == 0;
      MemorySegment pixels = arena.allocate(header.destinationBytes(), Short.BYTES);
      requireDestinationSize(decoder.destinationSize(), pixels, data, request);
      // Debian's CharLS 2.4.1 keeps its assertions: a crafted scan that drives a run-interruption context
      // out of range can still abort() here, which no Java check short of decoding can rule out.
      decoder.decodeTo(pixels);
      Raster raster = DecodedSamples.toRaster(pixels, header, mode, request.target());
      return new DecodedFrame(raster, levelOf(header, request.target()), lossless);
    } catch (CharlsException e) {
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
  private static JlsHeader checkedHeader(ByteBuffer data, DecodeRequest request) throws DecodeException {
    JlsHeader header = JlsHeader.read(data, request.transferSyntaxUid());
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

  /** Heap bytes cannot be handed to native code; one copy of the compressed data is cheap. */
  private static MemorySegment copyToNative(ByteBuffer data, Arena arena) {
    MemorySegment source = MemorySegment.ofBuffer(data.slice());
    MemorySegment copy = arena.allocate(Math.max(1, source.byteSize()));
    MemorySegment.copy(source, 0, copy, 0, source.byteSize());
    return copy.asSlice(0, source.byteSize());
  }

  /** CharLS parses the same headers again; any disagreement means one of the two parsers is wrong. */
  private static void requireSameFrame(
      JlsHeader header, FrameInfo read, ByteBuffer data, DecodeRequest request) throws DecodeException {
    if (!header.frameInfo().equals(read)) {
      throw failure(data, request, "CharLS reads " + read + " where the pre-check read " + header.frameInfo(), null);
    }
  }

  private static void requireDestinationSize(
      long needed, MemorySegment pixels, ByteBuffer data, DecodeRequest request) throws DecodeException {
    if (needed != pixels.byteSize()) {
      throw failure(data, request, "CharLS wants " + needed + " bytes of pixels, the header says "
          + pixels.byteSize(), null);
    }
  }

  /** The level whose size the frame has: 0 at full size, 2 for a quarter-size thumbnail. */
  private static int levelOf(JlsHeader header, PixelDescription target) {
    int level = 0;
    while (level < MAX_LEVEL
        && (DecodeRequest.reducedSize(target.columns(), level) > header.width()
            || DecodeRequest.reducedSize(target.rows(), level) > header.height())) {
      level++;
    }
    return level;
  }

  private static DecodeException failure(
      ByteBuffer data, DecodeRequest request, String reason, Throwable cause) {
    PixelDescription target = request.target();
    String image = target.columns() + "x" + target.rows() + "x" + target.samplesPerPixel() + " image, "
        + target.bitsStored() + " bits stored";
    return new DecodeException(request.transferSyntaxUid(),
        "cannot decode " + data.remaining() + " bytes of JPEG-LS for a " + image + ": " + reason, cause);
  }
}
