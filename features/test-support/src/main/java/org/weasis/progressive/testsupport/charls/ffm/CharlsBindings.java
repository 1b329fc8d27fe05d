package org.weasis.progressive.testsupport.charls.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The raw downcalls to CharLS's C API (charls.h, 2.x), one per function, named as in C and bound once,
 * so that the unsafe surface is one page long; {@link NativeDecoder} and {@link NativeEncoder} own the
 * pointers.
 */
public final class CharlsBindings {
  private static final Linker LINKER = Linker.nativeLinker();

  private final MethodHandle getVersionNumber;
  private final MethodHandle getErrorMessage;
  private final MethodHandle decoderCreate;
  private final MethodHandle decoderDestroy;
  private final MethodHandle decoderSetSourceBuffer;
  private final MethodHandle decoderReadHeader;
  private final MethodHandle decoderGetFrameInfo;
  private final MethodHandle decoderGetNearLossless;
  private final MethodHandle decoderGetInterleaveMode;
  private final MethodHandle decoderGetDestinationSize;
  private final MethodHandle decoderDecodeToBuffer;
  private final MethodHandle encoderCreate;
  private final MethodHandle encoderDestroy;
  private final MethodHandle encoderSetFrameInfo;
  private final MethodHandle encoderSetNearLossless;
  private final MethodHandle encoderSetInterleaveMode;
  private final MethodHandle encoderSetDestinationBuffer;
  private final MethodHandle encoderGetEstimatedDestinationSize;
  private final MethodHandle encoderEncodeFromBuffer;
  private final MethodHandle encoderGetBytesWritten;

  /** Binds every function; throws IllegalArgumentException naming the first symbol that is missing. */
  CharlsBindings(SymbolLookup lookup) {
    getVersionNumber = bind(lookup, "charls_get_version_number", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    getErrorMessage = bind(lookup, "charls_get_error_message", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    decoderCreate = bind(lookup, "charls_jpegls_decoder_create", FunctionDescriptor.of(ADDRESS));
    decoderDestroy = bind(lookup, "charls_jpegls_decoder_destroy", FunctionDescriptor.ofVoid(ADDRESS));
    decoderSetSourceBuffer = bind(lookup, "charls_jpegls_decoder_set_source_buffer",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    decoderReadHeader = bind(lookup, "charls_jpegls_decoder_read_header", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    decoderGetFrameInfo = bind(lookup, "charls_jpegls_decoder_get_frame_info",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    decoderGetNearLossless = bind(lookup, "charls_jpegls_decoder_get_near_lossless",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    decoderGetInterleaveMode = bind(lookup, "charls_jpegls_decoder_get_interleave_mode",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    decoderGetDestinationSize = bind(lookup, "charls_jpegls_decoder_get_destination_size",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    decoderDecodeToBuffer = bind(lookup, "charls_jpegls_decoder_decode_to_buffer",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    encoderCreate = bind(lookup, "charls_jpegls_encoder_create", FunctionDescriptor.of(ADDRESS));
    encoderDestroy = bind(lookup, "charls_jpegls_encoder_destroy", FunctionDescriptor.ofVoid(ADDRESS));
    encoderSetFrameInfo = bind(lookup, "charls_jpegls_encoder_set_frame_info",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    encoderSetNearLossless = bind(lookup, "charls_jpegls_encoder_set_near_lossless",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    encoderSetInterleaveMode = bind(lookup, "charls_jpegls_encoder_set_interleave_mode",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    encoderSetDestinationBuffer = bind(lookup, "charls_jpegls_encoder_set_destination_buffer",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    encoderGetEstimatedDestinationSize = bind(lookup, "charls_jpegls_encoder_get_estimated_destination_size",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    encoderEncodeFromBuffer = bind(lookup, "charls_jpegls_encoder_encode_from_buffer",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    encoderGetBytesWritten = bind(lookup, "charls_jpegls_encoder_get_bytes_written",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  }

  @SuppressWarnings("restricted") // binding native functions is what this class is for
  private static MethodHandle bind(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
    MemorySegment symbol =
        lookup.find(name).orElseThrow(() -> new IllegalArgumentException("symbol " + name + " not found"));
    return LINKER.downcallHandle(symbol, descriptor);
  }

  public void charls_get_version_number(MemorySegment major, MemorySegment minor, MemorySegment patch) {
    try {
      getVersionNumber.invokeExact(major, minor, patch);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** A pointer to a static NUL-terminated string (zero-length segment: reinterpret before reading). */
  public MemorySegment charls_get_error_message(int error) {
    try {
      return (MemorySegment) getErrorMessage.invokeExact(error);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public MemorySegment charls_jpegls_decoder_create() {
    try {
      return (MemorySegment) decoderCreate.invokeExact();
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public void charls_jpegls_decoder_destroy(MemorySegment decoder) {
    try {
      decoderDestroy.invokeExact(decoder);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_decoder_set_source_buffer(MemorySegment decoder, MemorySegment source, long size) {
    try {
      return (int) decoderSetSourceBuffer.invokeExact(decoder, source, size);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_decoder_read_header(MemorySegment decoder) {
    try {
      return (int) decoderReadHeader.invokeExact(decoder);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_decoder_get_frame_info(MemorySegment decoder, MemorySegment frameInfo) {
    try {
      return (int) decoderGetFrameInfo.invokeExact(decoder, frameInfo);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_decoder_get_near_lossless(MemorySegment decoder, int component, MemorySegment near) {
    try {
      return (int) decoderGetNearLossless.invokeExact(decoder, component, near);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_decoder_get_interleave_mode(MemorySegment decoder, MemorySegment mode) {
    try {
      return (int) decoderGetInterleaveMode.invokeExact(decoder, mode);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_decoder_get_destination_size(MemorySegment decoder, int stride, MemorySegment size) {
    try {
      return (int) decoderGetDestinationSize.invokeExact(decoder, stride, size);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_decoder_decode_to_buffer(
      MemorySegment decoder, MemorySegment destination, long size, int stride) {
    try {
      return (int) decoderDecodeToBuffer.invokeExact(decoder, destination, size, stride);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public MemorySegment charls_jpegls_encoder_create() {
    try {
      return (MemorySegment) encoderCreate.invokeExact();
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public void charls_jpegls_encoder_destroy(MemorySegment encoder) {
    try {
      encoderDestroy.invokeExact(encoder);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_encoder_set_frame_info(MemorySegment encoder, MemorySegment frameInfo) {
    try {
      return (int) encoderSetFrameInfo.invokeExact(encoder, frameInfo);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_encoder_set_near_lossless(MemorySegment encoder, int near) {
    try {
      return (int) encoderSetNearLossless.invokeExact(encoder, near);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_encoder_set_interleave_mode(MemorySegment encoder, int mode) {
    try {
      return (int) encoderSetInterleaveMode.invokeExact(encoder, mode);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_encoder_set_destination_buffer(
      MemorySegment encoder, MemorySegment destination, long size) {
    try {
      return (int) encoderSetDestinationBuffer.invokeExact(encoder, destination, size);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_encoder_get_estimated_destination_size(MemorySegment encoder, MemorySegment size) {
    try {
      return (int) encoderGetEstimatedDestinationSize.invokeExact(encoder, size);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_encoder_encode_from_buffer(
      MemorySegment encoder, MemorySegment source, long size, int stride) {
    try {
      return (int) encoderEncodeFromBuffer.invokeExact(encoder, source, size, stride);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  public int charls_jpegls_encoder_get_bytes_written(MemorySegment encoder, MemorySegment written) {
    try {
      return (int) encoderGetBytesWritten.invokeExact(encoder, written);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** Downcalls throw only on a wrong handle type, which is a bug here, never a data problem. */
  private static IllegalStateException unexpected(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException("CharLS downcall failed", t);
  }
}
