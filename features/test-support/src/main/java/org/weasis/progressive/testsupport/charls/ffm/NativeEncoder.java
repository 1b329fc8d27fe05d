package org.weasis.progressive.testsupport.charls.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The one Java owner of a {@code charls_jpegls_encoder*}: made per encode, for one thread, freed by close. */
public final class NativeEncoder implements AutoCloseable {
  private static final int NATURAL_STRIDE = 0;

  private final CharlsBindings charls;
  private MemorySegment handle;
  private MemorySegment destination;

  private NativeEncoder(CharlsBindings charls, MemorySegment handle) {
    this.charls = charls;
    this.handle = handle;
  }

  public static NativeEncoder create(CharlsBindings charls) throws CharlsException {
    MemorySegment handle = charls.charls_jpegls_encoder_create();
    if (handle.equals(MemorySegment.NULL)) {
      throw CharlsException.failure(charls, "charls_jpegls_encoder_create", JlsError.NOT_ENOUGH_MEMORY.code());
    }
    return new NativeEncoder(charls, handle);
  }

  public void setFrameInfo(FrameInfo frame) throws CharlsException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment struct = arena.allocate(FrameInfo.LAYOUT);
      frame.write(struct);
      check("charls_jpegls_encoder_set_frame_info", charls.charls_jpegls_encoder_set_frame_info(handle(), struct));
    }
  }

  public void setNearLossless(int near) throws CharlsException {
    check("charls_jpegls_encoder_set_near_lossless", charls.charls_jpegls_encoder_set_near_lossless(handle(), near));
  }

  public void setInterleaveMode(InterleaveMode mode) throws CharlsException {
    check("charls_jpegls_encoder_set_interleave_mode",
        charls.charls_jpegls_encoder_set_interleave_mode(handle(), mode.ordinal()));
  }

  /** An upper bound of the encoded size for the frame info set so far. */
  public long estimatedDestinationSize() throws CharlsException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
      check("charls_jpegls_encoder_get_estimated_destination_size",
          charls.charls_jpegls_encoder_get_estimated_destination_size(handle(), size));
      return size.get(ValueLayout.JAVA_LONG, 0);
    }
  }

  /** CharLS writes into the segment until the encode ends, so it is kept and checked alive then. */
  public void setDestination(MemorySegment encoded) throws CharlsException {
    this.destination = encoded;
    check("charls_jpegls_encoder_set_destination_buffer",
        charls.charls_jpegls_encoder_set_destination_buffer(handle(), encoded, encoded.byteSize()));
  }

  /** Encodes samples laid out as CharLS expects for the interleave mode (planes for NONE). */
  public void encode(MemorySegment samples) throws CharlsException {
    if (destination == null || !destination.scope().isAlive()) {
      throw new IllegalStateException("setDestination must be given a live segment before encoding");
    }
    check("charls_jpegls_encoder_encode_from_buffer",
        charls.charls_jpegls_encoder_encode_from_buffer(handle(), samples, samples.byteSize(), NATURAL_STRIDE));
  }

  public long bytesWritten() throws CharlsException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment written = arena.allocate(ValueLayout.JAVA_LONG);
      check("charls_jpegls_encoder_get_bytes_written", charls.charls_jpegls_encoder_get_bytes_written(handle(), written));
      return written.get(ValueLayout.JAVA_LONG, 0);
    }
  }

  @Override
  public void close() {
    if (handle != null) {
      charls.charls_jpegls_encoder_destroy(handle);
      handle = null;
      destination = null;
    }
  }

  private MemorySegment handle() {
    if (handle == null) {
      throw new IllegalStateException("encoder already closed");
    }
    return handle;
  }

  private void check(String function, int code) throws CharlsException {
    CharlsException.check(charls, function, code);
  }
}
