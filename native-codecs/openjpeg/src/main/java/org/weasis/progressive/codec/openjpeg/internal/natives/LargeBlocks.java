package org.weasis.progressive.codec.openjpeg.internal.natives;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Keeps OpenJPEG's large buffers in glibc's malloc arenas between decodes. glibc serves a block of more
 * than 32 MiB (the most its adaptive mmap threshold reaches) with a fresh mmap and unmaps it when freed, so
 * each 3036² 16-bit final, whose tile buffer alone is 37 MB of 32-bit samples, touched new pages again:
 * some 11,500 page faults and 15–22 ms of system time per decode, measured on a decode thread; with the
 * threshold at {@link #THRESHOLD} 2,400 and 6–8 ms. The final is decoded after its last byte, so that time
 * added to every large final (issue 11). The setting is process-wide: blocks up to the threshold come from
 * malloc's arenas (as glibc already does, up to 32 MiB, once such a block was freed) and freed ones may be
 * kept there for the next decode. Elsewhere (no glibc, or no {@code mallopt}) nothing is changed.
 */
@SuppressWarnings("restricted") // native access is this package's purpose
final class LargeBlocks {
  /** glibc's M_MMAP_THRESHOLD parameter of mallopt. */
  private static final int M_MMAP_THRESHOLD = -3;
  /**
   * A thread arena's heap is at most 64 MiB, so a larger block is mapped whatever the threshold: a 4096²
   * plane of 32-bit samples is the largest kept.
   */
  static final int THRESHOLD = 64 * 1024 * 1024;

  private LargeBlocks() {}

  /** Raises glibc's mmap threshold; true if mallopt accepted it, false where there is no mallopt. */
  static boolean keepInArenas() {
    Linker linker = Linker.nativeLinker();
    Optional<MemorySegment> mallopt = linker.defaultLookup().find("mallopt");
    if (mallopt.isEmpty()) {
      return false;
    }
    MethodHandle call = linker.downcallHandle(mallopt.get(),
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    try {
      return (int) call.invokeExact(M_MMAP_THRESHOLD, THRESHOLD) == 1;
    } catch (Throwable t) {
      return false;
    }
  }
}
