package org.weasis.progressive.testsupport.charls.ffm;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * CharLS's {@code charls_frame_info}: the size and sample format of a JPEG-LS frame.
 *
 * @param width columns, 1..65535
 * @param height rows, 1..65535
 * @param bitsPerSample precision, 2..16
 * @param components 1..255
 */
public record FrameInfo(int width, int height, int bitsPerSample, int components) {
  /** uint32 width, uint32 height, int32 bits_per_sample, int32 component_count. */
  static final StructLayout LAYOUT =
      MemoryLayout.structLayout(
          ValueLayout.JAVA_INT.withName("width"),
          ValueLayout.JAVA_INT.withName("height"),
          ValueLayout.JAVA_INT.withName("bits_per_sample"),
          ValueLayout.JAVA_INT.withName("component_count"));

  static FrameInfo read(MemorySegment struct) {
    return new FrameInfo(
        struct.get(ValueLayout.JAVA_INT, 0),
        struct.get(ValueLayout.JAVA_INT, 4),
        struct.get(ValueLayout.JAVA_INT, 8),
        struct.get(ValueLayout.JAVA_INT, 12));
  }

  void write(MemorySegment struct) {
    struct.set(ValueLayout.JAVA_INT, 0, width);
    struct.set(ValueLayout.JAVA_INT, 4, height);
    struct.set(ValueLayout.JAVA_INT, 8, bitsPerSample);
    struct.set(ValueLayout.JAVA_INT, 12, components);
  }

  /** Bytes of one sample in CharLS's pixel buffers: 1 up to 8 bits, else 2 (native byte order). */
  public int bytesPerSample() {
    return bitsPerSample > 8 ? 2 : 1;
  }

  public long sampleCount() {
    return (long) width * height * components;
  }
}
