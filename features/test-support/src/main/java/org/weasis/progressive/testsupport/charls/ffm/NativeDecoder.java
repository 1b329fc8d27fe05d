package org.weasis.progressive.testsupport.charls.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The one Java owner of a {@code charls_jpegls_decoder*}: made per decode, for one thread, freed by close. */
public final class NativeDecoder implements AutoCloseable {
  /** CharLS computes the natural stride (width x components x bytes per sample) when given 0. */
  private static final int NATURAL_STRIDE = 0;

  private final CharlsBindings charls;
  private MemorySegment handle;
  private MemorySegment source;

  private NativeDecoder(CharlsBindings charls, MemorySegment handle) {
    this.charls = charls;
    this.handle = handle;
  }

  public static NativeDecoder create(CharlsBindings charls) throws CharlsException {
    MemorySegment handle = charls.charls_jpegls_decoder_create();
    if (handle.equals(MemorySegment.NULL)) {
      throw CharlsException.failure(charls, "charls_jpegls_decoder_create", JlsError.NOT_ENOUGH_MEMORY.code());
    }
    return new NativeDecoder(charls, handle);
  }

  /**
   * Gives CharLS the encoded bytes and reads the headers up to the first scan; the segment is kept and
   * checked alive before decoding, as CharLS reads it only then.
   */
  public void readHeader(MemorySegment encoded) throws CharlsException {
    this.source = encoded;
    check("charls_jpegls_decoder_set_source_buffer",
        charls.charls_jpegls_decoder_set_source_buffer(handle(), encoded, encoded.byteSize()));
    check("charls_jpegls_decoder_read_header", charls.charls_jpegls_decoder_read_header(handle()));
  }

  public FrameInfo frameInfo() throws CharlsException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment struct = arena.allocate(FrameInfo.LAYOUT);
      check("charls_jpegls_decoder_get_frame_info", charls.charls_jpegls_decoder_get_frame_info(handle(), struct));
      return FrameInfo.read(struct);
    }
  }

  /** NEAR of the scan CharLS read last: 0 means lossless. */
  public int nearLossless() throws CharlsException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment near = arena.allocate(ValueLayout.JAVA_INT);
      check("charls_jpegls_decoder_get_near_lossless",
          charls.charls_jpegls_decoder_get_near_lossless(handle(), 0, near));
      return near.get(ValueLayout.JAVA_INT, 0);
    }
  }

  public InterleaveMode interleaveMode() throws CharlsException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment mode = arena.allocate(ValueLayout.JAVA_INT);
      check("charls_jpegls_decoder_get_interleave_mode",
          charls.charls_jpegls_decoder_get_interleave_mode(handle(), mode));
      int code = mode.get(ValueLayout.JAVA_INT, 0);
      if (code < 0 || code >= InterleaveMode.values().length) {
        throw CharlsException.failure(charls, "charls_jpegls_decoder_get_interleave_mode",
            JlsError.INVALID_PARAMETER_INTERLEAVE_MODE.code());
      }
      return InterleaveMode.values()[code];
    }
  }

  /** Bytes CharLS will write for the whole frame at the natural stride. */
  public long destinationSize() throws CharlsException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
      check("charls_jpegls_decoder_get_destination_size",
          charls.charls_jpegls_decoder_get_destination_size(handle(), NATURAL_STRIDE, size));
      return size.get(ValueLayout.JAVA_LONG, 0);
    }
  }

  /** Decodes every scan into {@code destination}, which must hold {@link #destinationSize()} bytes. */
  public void decodeTo(MemorySegment destination) throws CharlsException {
    if (source == null || !source.scope().isAlive()) {
      throw new IllegalStateException("readHeader must be given a live source before decoding");
    }
    check("charls_jpegls_decoder_decode_to_buffer",
        charls.charls_jpegls_decoder_decode_to_buffer(
            handle(), destination, destination.byteSize(), NATURAL_STRIDE));
  }

  @Override
  public void close() {
    if (handle != null) {
      charls.charls_jpegls_decoder_destroy(handle);
      handle = null;
      source = null;
    }
  }

  private MemorySegment handle() {
    if (handle == null) {
      throw new IllegalStateException("decoder already closed");
    }
    return handle;
  }

  private void check(String function, int code) throws CharlsException {
    CharlsException.check(charls, function, code);
  }
}
