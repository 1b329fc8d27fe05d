package org.weasis.progressive.codec.openjpeg.internal.natives;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Owns an opj_stream_t that reads a native copy of the codestream through read/skip/seek upcalls, so
 * OpenJPEG never sees the caller's buffer (which may be a heap array, or still growing).
 */
@SuppressWarnings("restricted") // native access is this package's purpose
final class MemoryStream implements AutoCloseable {
  private static final long EOF = -1;
  private static final long MAX_CHUNK = 1 << 20;
  private static final MethodHandle READ;
  private static final MethodHandle SKIP;
  private static final MethodHandle SEEK;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      READ = lookup.findVirtual(MemoryStream.class, "read",
          MethodType.methodType(long.class, MemorySegment.class, long.class, MemorySegment.class));
      SKIP = lookup.findVirtual(MemoryStream.class, "skip",
          MethodType.methodType(long.class, long.class, MemorySegment.class));
      SEEK = lookup.findVirtual(MemoryStream.class, "seek",
          MethodType.methodType(int.class, long.class, MemorySegment.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final OpenJp2 lib;
  private final MemorySegment source;
  private final MemorySegment stream;
  private long position;

  /** The stubs and the copy live in {@code arena}, which must outlast this stream. */
  MemoryStream(OpenJp2 lib, Arena arena, MemorySegment source) throws NativeDecodeException {
    this.lib = lib;
    this.source = source;
    Linker linker = Linker.nativeLinker();
    try {
      long chunk = Math.max(4096, Math.min(source.byteSize(), MAX_CHUNK));
      stream = (MemorySegment) lib.opj_stream_create.invokeExact(chunk, 1);
      if (stream.equals(MemorySegment.NULL)) {
        throw new NativeDecodeException("opj_stream_create returned NULL");
      }
      lib.opj_stream_set_user_data.invokeExact(stream, MemorySegment.NULL, MemorySegment.NULL);
      lib.opj_stream_set_user_data_length.invokeExact(stream, source.byteSize());
      lib.opj_stream_set_read_function.invokeExact(
          stream, linker.upcallStub(READ.bindTo(this), OpenJp2.READ_FN, arena));
      lib.opj_stream_set_skip_function.invokeExact(
          stream, linker.upcallStub(SKIP.bindTo(this), OpenJp2.SKIP_FN, arena));
      lib.opj_stream_set_seek_function.invokeExact(
          stream, linker.upcallStub(SEEK.bindTo(this), OpenJp2.SEEK_FN, arena));
    } catch (NativeDecodeException e) {
      throw e;
    } catch (Throwable t) {
      throw new NativeDecodeException("cannot create an OpenJPEG stream", t);
    }
  }

  MemorySegment pointer() {
    return stream;
  }

  // Upcalls: an exception escaping one would abort the JVM, so each catches everything.

  @SuppressWarnings("unused")
  private long read(MemorySegment buffer, long count, MemorySegment user) {
    try {
      long left = source.byteSize() - position;
      if (left <= 0 || count <= 0) {
        return EOF;
      }
      long n = Math.min(count, left);
      MemorySegment.copy(source, position, buffer.reinterpret(n), 0, n);
      position += n;
      return n;
    } catch (Throwable t) {
      return EOF;
    }
  }

  /** Never returns 0 for a forward skip: OpenJPEG would call again forever. */
  @SuppressWarnings("unused")
  private long skip(long count, MemorySegment user) {
    try {
      if (count > 0 && position >= source.byteSize()) {
        return EOF;
      }
      long target = Math.clamp(Math.addExact(position, count), 0, source.byteSize());
      long moved = target - position;
      position = target;
      return moved;
    } catch (Throwable t) {
      return EOF;
    }
  }

  @SuppressWarnings("unused")
  private int seek(long target, MemorySegment user) {
    try {
      if (target < 0 || target > source.byteSize()) {
        return 0;
      }
      position = target;
      return 1;
    } catch (Throwable t) {
      return 0;
    }
  }

  @Override
  public void close() {
    try {
      lib.opj_stream_destroy.invokeExact(stream);
    } catch (Throwable t) {
      throw new IllegalStateException("opj_stream_destroy failed", t);
    }
  }
}
