package org.weasis.progressive.codec.openjpeg.internal.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Owns one opj_codec_t (a decompressor) for one decode, and turns its boolean results into exceptions. */
final class Codec implements AutoCloseable {
  private final OpenJp2 lib;
  private final MessageLog log;
  private final MemorySegment codec;

  /** Creates a J2K decompressor whose messages go to {@code log}; the stubs live in {@code arena}. */
  Codec(OpenJp2 lib, Arena arena, MessageLog log) throws NativeDecodeException {
    this.lib = lib;
    this.log = log;
    try {
      codec = (MemorySegment) lib.opj_create_decompress.invokeExact(OpenJp2.OPJ_CODEC_J2K);
    } catch (Throwable t) {
      throw new NativeDecodeException("opj_create_decompress failed", t);
    }
    if (codec.equals(MemorySegment.NULL)) {
      throw new NativeDecodeException("opj_create_decompress returned NULL");
    }
    try {
      check("opj_set_error_handler",
          (int) lib.opj_set_error_handler.invokeExact(codec, log.errorStub(arena), MemorySegment.NULL));
      check("opj_set_warning_handler",
          (int) lib.opj_set_warning_handler.invokeExact(codec, log.warningStub(arena), MemorySegment.NULL));
      check("opj_set_info_handler",
          (int) lib.opj_set_info_handler.invokeExact(codec, log.infoStub(arena), MemorySegment.NULL));
      MemorySegment parameters = arena.allocate(2 * OpenJp2.OPJ_DPARAMETERS_SIZE, 8);
      lib.opj_set_default_decoder_parameters.invokeExact(parameters);
      check("opj_setup_decoder", (int) lib.opj_setup_decoder.invokeExact(codec, parameters));
    } catch (NativeDecodeException e) {
      close();
      throw e;
    } catch (Throwable t) {
      close();
      throw new NativeDecodeException("cannot set up the OpenJPEG decoder", t);
    }
  }

  /** Off lets a truncated codestream decode as far as it goes; on makes truncation an error. */
  void strict(boolean strict) throws NativeDecodeException {
    try {
      check("opj_decoder_set_strict_mode",
          (int) lib.opj_decoder_set_strict_mode.invokeExact(codec, strict ? 1 : 0));
    } catch (NativeDecodeException e) {
      throw e;
    } catch (Throwable t) {
      throw new NativeDecodeException("opj_decoder_set_strict_mode failed", t);
    }
  }

  void threads(int threads) throws NativeDecodeException {
    try {
      check("opj_codec_set_threads", (int) lib.opj_codec_set_threads.invokeExact(codec, threads));
    } catch (NativeDecodeException e) {
      throw e;
    } catch (Throwable t) {
      throw new NativeDecodeException("opj_codec_set_threads failed", t);
    }
  }

  /** Reads the main header; the image it returns is owned by the caller. */
  Image readHeader(MemoryStream stream, Arena arena) throws NativeDecodeException {
    MemorySegment out = arena.allocate(ADDRESS);
    out.set(ADDRESS, 0, MemorySegment.NULL);
    try {
      check("opj_read_header", (int) lib.opj_read_header.invokeExact(stream.pointer(), codec, out));
    } catch (NativeDecodeException e) {
      throw e;
    } catch (Throwable t) {
      throw new NativeDecodeException("opj_read_header failed", t);
    }
    MemorySegment image = out.get(ADDRESS, 0);
    if (image.equals(MemorySegment.NULL)) {
      throw new NativeDecodeException("opj_read_header gave no image");
    }
    return new Image(lib, image);
  }

  void reduce(int level) throws NativeDecodeException {
    try {
      check("opj_set_decoded_resolution_factor",
          (int) lib.opj_set_decoded_resolution_factor.invokeExact(codec, level));
    } catch (NativeDecodeException e) {
      throw e;
    } catch (Throwable t) {
      throw new NativeDecodeException("opj_set_decoded_resolution_factor failed", t);
    }
  }

  void decode(MemoryStream stream, Image image) throws NativeDecodeException {
    try {
      check("opj_decode", (int) lib.opj_decode.invokeExact(codec, stream.pointer(), image.pointer()));
    } catch (NativeDecodeException e) {
      throw e;
    } catch (Throwable t) {
      throw new NativeDecodeException("opj_decode failed", t);
    }
  }

  void end(MemoryStream stream) throws NativeDecodeException {
    try {
      check("opj_end_decompress", (int) lib.opj_end_decompress.invokeExact(codec, stream.pointer()));
    } catch (NativeDecodeException e) {
      throw e;
    } catch (Throwable t) {
      throw new NativeDecodeException("opj_end_decompress failed", t);
    }
  }

  private void check(String call, int result) throws NativeDecodeException {
    if (result == 0) {
      throw new NativeDecodeException(call + " failed: " + log.describe());
    }
  }

  @Override
  public void close() {
    try {
      lib.opj_destroy_codec.invokeExact(codec);
    } catch (Throwable t) {
      throw new IllegalStateException("opj_destroy_codec failed", t);
    }
  }
}
