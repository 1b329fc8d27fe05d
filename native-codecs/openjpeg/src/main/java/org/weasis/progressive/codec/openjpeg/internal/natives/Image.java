package org.weasis.progressive.codec.openjpeg.internal.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.stream.IntStream;

/**
 * Owns an opj_image_t and copies its int32 component planes out, interleaved, into Java arrays,
 * checking every size before it reads native memory.
 */
@SuppressWarnings("restricted") // native access is this package's purpose
final class Image implements AutoCloseable {
  /** Samples per bulk copy out of native memory: 64 KiB, which stays in a core's L2 cache. */
  private static final int CHUNK = 1 << 14;

  private final OpenJp2 lib;
  private final MemorySegment image;

  Image(OpenJp2 lib, MemorySegment image) {
    this.lib = lib;
    this.image = image.reinterpret(OpenJp2.OPJ_IMAGE.byteSize());
  }

  MemorySegment pointer() {
    return image;
  }

  /**
   * The decoded samples interleaved per pixel: bytes when {@code eightBit}, else shorts.
   *
   * @throws NativeDecodeException when the image is not {@code width x height x components}
   */
  Buffer samples(int width, int height, int components, boolean eightBit, int threads)
      throws NativeDecodeException {
    int count = image.get(JAVA_INT, OpenJp2.IMAGE_NUMCOMPS);
    if (count != components) {
      throw new NativeDecodeException("OpenJPEG decoded " + count + " components, expected " + components);
    }
    MemorySegment comps = image.get(ADDRESS, OpenJp2.IMAGE_COMPS);
    if (comps.equals(MemorySegment.NULL)) {
      throw new NativeDecodeException("OpenJPEG decoded no component");
    }
    comps = comps.reinterpret(OpenJp2.OPJ_IMAGE_COMP.byteSize() * count);
    MemorySegment[] planes = new MemorySegment[count];
    for (int c = 0; c < count; c++) {
      planes[c] = plane(comps.asSlice(c * OpenJp2.OPJ_IMAGE_COMP.byteSize(), OpenJp2.OPJ_IMAGE_COMP), c, width, height);
    }
    int pixels = width * height;
    if (eightBit) {
      byte[] out = new byte[pixels * count];
      for (int c = 0; c < count; c++) {
        copyBytes(planes[c], out, c, count, pixels);
      }
      return ByteBuffer.wrap(out);
    }
    short[] out = new short[pixels * count];
    if (count == 1 && threads > 1) {
      copyShortsOn(threads, planes[0], out);
    } else {
      for (int c = 0; c < count; c++) {
        copyShorts(planes[c], out, c, count, pixels);
      }
    }
    return ShortBuffer.wrap(out);
  }

  private static MemorySegment plane(MemorySegment comp, int c, int width, int height)
      throws NativeDecodeException {
    int w = comp.get(JAVA_INT, OpenJp2.COMP_W);
    int h = comp.get(JAVA_INT, OpenJp2.COMP_H);
    int dx = comp.get(JAVA_INT, OpenJp2.COMP_DX);
    int dy = comp.get(JAVA_INT, OpenJp2.COMP_DY);
    MemorySegment data = comp.get(ADDRESS, OpenJp2.COMP_DATA);
    if (w != width || h != height || dx != 1 || dy != 1) {
      throw new NativeDecodeException("OpenJPEG decoded component " + c + " as " + w + "x" + h
          + " (subsampling " + dx + "x" + dy + "), expected " + width + "x" + height);
    }
    if (data.equals(MemorySegment.NULL)) {
      throw new NativeDecodeException("OpenJPEG left component " + c + " without data");
    }
    return data.reinterpret(4L * w * h);
  }

  private static void copyShorts(MemorySegment plane, short[] out, int c, int stride, int pixels) {
    if (stride == 1) {
      copyShorts(plane, out, 0, pixels);
      return;
    }
    for (int i = 0, o = c; i < pixels; i++, o += stride) {
      out[o] = (short) plane.getAtIndex(JAVA_INT, i);
    }
  }

  /**
   * A grey plane copied in {@code threads} parts at once, as the decode that made it ran: the calling
   * thread takes a part, the common pool the others (or the caller again when the pool is busy).
   */
  private static void copyShortsOn(int threads, MemorySegment plane, short[] out) {
    int part = Math.ceilDiv(out.length, threads);
    IntStream.range(0, threads).parallel()
        .forEach(p -> copyShorts(plane, out, p * part, Math.min(out.length, (p + 1) * part)));
  }

  /**
   * One plane's samples {@code [from, to)}, narrowed: bulk copies of {@link #CHUNK} ints into a buffer
   * that stays in the cache, then a loop over arrays, which the JIT vectorizes (read one by one from
   * native memory, a 3036² plane took 10-18 ms, a tenth of the decode; after its last byte the final
   * waits for it).
   */
  static void copyShorts(MemorySegment plane, short[] out, int from, int to) {
    int[] chunk = new int[Math.min(CHUNK, to - from)];
    for (int i = from; i < to; i += chunk.length) {
      int n = Math.min(chunk.length, to - i);
      MemorySegment.copy(plane, JAVA_INT, 4L * i, chunk, 0, n);
      for (int k = 0; k < n; k++) {
        out[i + k] = (short) chunk[k];
      }
    }
  }

  private static void copyBytes(MemorySegment plane, byte[] out, int c, int stride, int pixels) {
    for (int i = 0, o = c; i < pixels; i++, o += stride) {
      out[o] = (byte) plane.getAtIndex(JAVA_INT, i);
    }
  }

  @Override
  public void close() {
    try {
      lib.opj_image_destroy.invokeExact(image);
    } catch (Throwable t) {
      throw new IllegalStateException("opj_image_destroy failed", t);
    }
  }
}
