package org.weasis.progressive.codec.openjpeg.internal.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The raw libopenjp2 2.5 API: one downcall handle per C function, named as in openjpeg.h, plus the
 * struct layouts and constants the owners need. Nothing here frees anything.
 */
@SuppressWarnings("restricted") // native access is this package's purpose
final class OpenJp2 {
  static final int OPJ_CODEC_J2K = 0;
  static final int OPJ_CODEC_JP2 = 2;

  /** sizeof(opj_dparameters_t) on 2.5.0/x86-64; allocated with room to spare. */
  static final long OPJ_DPARAMETERS_SIZE = 8252;

  /** opj_image_comp_t of 2.5 (64 bytes). */
  static final StructLayout OPJ_IMAGE_COMP =
      MemoryLayout.structLayout(
          JAVA_INT.withName("dx"),
          JAVA_INT.withName("dy"),
          JAVA_INT.withName("w"),
          JAVA_INT.withName("h"),
          JAVA_INT.withName("x0"),
          JAVA_INT.withName("y0"),
          JAVA_INT.withName("prec"),
          JAVA_INT.withName("bpp"),
          JAVA_INT.withName("sgnd"),
          JAVA_INT.withName("resno_decoded"),
          JAVA_INT.withName("factor"),
          MemoryLayout.paddingLayout(4),
          ADDRESS.withName("data"),
          JAVA_SHORT.withName("alpha"),
          MemoryLayout.paddingLayout(6));

  /** opj_image_t of 2.5 (48 bytes). */
  static final StructLayout OPJ_IMAGE =
      MemoryLayout.structLayout(
          JAVA_INT.withName("x0"),
          JAVA_INT.withName("y0"),
          JAVA_INT.withName("x1"),
          JAVA_INT.withName("y1"),
          JAVA_INT.withName("numcomps"),
          JAVA_INT.withName("color_space"),
          ADDRESS.withName("comps"),
          ADDRESS.withName("icc_profile_buf"),
          JAVA_INT.withName("icc_profile_len"),
          MemoryLayout.paddingLayout(4));

  static final long COMP_W = offset(OPJ_IMAGE_COMP, "w");
  static final long COMP_H = offset(OPJ_IMAGE_COMP, "h");
  static final long COMP_DX = offset(OPJ_IMAGE_COMP, "dx");
  static final long COMP_DY = offset(OPJ_IMAGE_COMP, "dy");
  static final long COMP_PREC = offset(OPJ_IMAGE_COMP, "prec");
  static final long COMP_SGND = offset(OPJ_IMAGE_COMP, "sgnd");
  static final long COMP_DATA = offset(OPJ_IMAGE_COMP, "data");
  static final long IMAGE_NUMCOMPS = offset(OPJ_IMAGE, "numcomps");
  static final long IMAGE_COMPS = offset(OPJ_IMAGE, "comps");

  /** size_t read(void *buffer, size_t n, void *user) */
  static final FunctionDescriptor READ_FN = FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
  /** off_t skip(off_t n, void *user) */
  static final FunctionDescriptor SKIP_FN = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS);
  /** OPJ_BOOL seek(off_t position, void *user) */
  static final FunctionDescriptor SEEK_FN = FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS);
  /** void message(const char *msg, void *client) */
  static final FunctionDescriptor MSG_FN = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS);

  final MethodHandle opj_version;
  final MethodHandle opj_has_thread_support;
  final MethodHandle opj_create_decompress;
  final MethodHandle opj_destroy_codec;
  final MethodHandle opj_set_default_decoder_parameters;
  final MethodHandle opj_setup_decoder;
  final MethodHandle opj_decoder_set_strict_mode;
  final MethodHandle opj_codec_set_threads;
  final MethodHandle opj_read_header;
  final MethodHandle opj_set_decoded_resolution_factor;
  final MethodHandle opj_decode;
  final MethodHandle opj_end_decompress;
  final MethodHandle opj_image_destroy;
  final MethodHandle opj_stream_create;
  final MethodHandle opj_stream_destroy;
  final MethodHandle opj_stream_set_read_function;
  final MethodHandle opj_stream_set_skip_function;
  final MethodHandle opj_stream_set_seek_function;
  final MethodHandle opj_stream_set_user_data;
  final MethodHandle opj_stream_set_user_data_length;
  final MethodHandle opj_set_error_handler;
  final MethodHandle opj_set_warning_handler;
  final MethodHandle opj_set_info_handler;

  private OpenJp2(Binder b) {
    opj_version = b.bind("opj_version", FunctionDescriptor.of(ADDRESS));
    opj_has_thread_support = b.bind("opj_has_thread_support", FunctionDescriptor.of(JAVA_INT));
    opj_create_decompress = b.bind("opj_create_decompress", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    opj_destroy_codec = b.bind("opj_destroy_codec", FunctionDescriptor.ofVoid(ADDRESS));
    opj_set_default_decoder_parameters =
        b.bind("opj_set_default_decoder_parameters", FunctionDescriptor.ofVoid(ADDRESS));
    opj_setup_decoder = b.bind("opj_setup_decoder", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    opj_decoder_set_strict_mode =
        b.bind("opj_decoder_set_strict_mode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    opj_codec_set_threads =
        b.bind("opj_codec_set_threads", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    opj_read_header =
        b.bind("opj_read_header", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    opj_set_decoded_resolution_factor =
        b.bind("opj_set_decoded_resolution_factor", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    opj_decode = b.bind("opj_decode", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    opj_end_decompress = b.bind("opj_end_decompress", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    opj_image_destroy = b.bind("opj_image_destroy", FunctionDescriptor.ofVoid(ADDRESS));
    opj_stream_create = b.bind("opj_stream_create", FunctionDescriptor.of(ADDRESS, JAVA_LONG, JAVA_INT));
    opj_stream_destroy = b.bind("opj_stream_destroy", FunctionDescriptor.ofVoid(ADDRESS));
    opj_stream_set_read_function =
        b.bind("opj_stream_set_read_function", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    opj_stream_set_skip_function =
        b.bind("opj_stream_set_skip_function", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    opj_stream_set_seek_function =
        b.bind("opj_stream_set_seek_function", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    opj_stream_set_user_data =
        b.bind("opj_stream_set_user_data", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    opj_stream_set_user_data_length =
        b.bind("opj_stream_set_user_data_length", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
    FunctionDescriptor handler = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    opj_set_error_handler = b.bind("opj_set_error_handler", handler);
    opj_set_warning_handler = b.bind("opj_set_warning_handler", handler);
    opj_set_info_handler = b.bind("opj_set_info_handler", handler);
  }

  /**
   * Looks every function up once.
   *
   * @throws IllegalStateException naming the first missing symbol
   */
  static OpenJp2 bind(SymbolLookup lookup) {
    return new OpenJp2(new Binder(lookup));
  }

  private static long offset(StructLayout layout, String name) {
    return layout.byteOffset(MemoryLayout.PathElement.groupElement(name));
  }

  private record Binder(SymbolLookup lookup) {
    MethodHandle bind(String name, FunctionDescriptor descriptor) {
      return Linker.nativeLinker()
          .downcallHandle(
              lookup.find(name).orElseThrow(() -> new IllegalStateException("symbol " + name + " missing")),
              descriptor);
    }
  }
}
