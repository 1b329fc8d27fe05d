package org.weasis.progressive.codec.openjpeg.internal.natives;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Collects OpenJPEG's error and warning messages of one decode, so they end up in the exception
 * instead of stderr; OpenJPEG may call it from its own worker threads.
 */
@SuppressWarnings("restricted") // native access is this package's purpose
final class MessageLog {
  private static final int KEPT = 16;
  /** OpenJPEG formats messages into a 512-byte buffer (OPJ_MSG_SIZE). */
  private static final long MAX_MESSAGE = 512;
  private static final MethodHandle ERROR;
  private static final MethodHandle WARNING;
  private static final MethodHandle INFO;

  static {
    try {
      MethodType type = MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class);
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      ERROR = lookup.findVirtual(MessageLog.class, "error", type);
      WARNING = lookup.findVirtual(MessageLog.class, "warning", type);
      INFO = lookup.findVirtual(MessageLog.class, "info", type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Queue<String> errors = new ConcurrentLinkedQueue<>();
  private final Queue<String> warnings = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();

  MemorySegment errorStub(Arena arena) {
    return stub(ERROR, arena);
  }

  MemorySegment warningStub(Arena arena) {
    return stub(WARNING, arena);
  }

  MemorySegment infoStub(Arena arena) {
    return stub(INFO, arena);
  }

  private MemorySegment stub(MethodHandle handle, Arena arena) {
    return Linker.nativeLinker().upcallStub(handle.bindTo(this), OpenJp2.MSG_FN, arena);
  }

  // Upcalls: an exception escaping one would abort the JVM, so each catches everything.

  @SuppressWarnings("unused")
  private void error(MemorySegment message, MemorySegment client) {
    keep(errors, message);
  }

  @SuppressWarnings("unused")
  private void warning(MemorySegment message, MemorySegment client) {
    keep(warnings, message);
  }

  @SuppressWarnings("unused")
  private void info(MemorySegment message, MemorySegment client) {
    // Progress chatter ("Main header has been correctly decoded"): not worth a string.
  }

  private void keep(Queue<String> queue, MemorySegment message) {
    try {
      if (count.incrementAndGet() <= KEPT && !message.equals(MemorySegment.NULL)) {
        queue.add(message.reinterpret(MAX_MESSAGE).getString(0).strip());
      }
    } catch (Throwable t) {
      // Nothing may leave an upcall.
    }
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Errors, then warnings, joined for an exception message. */
  String describe() {
    String text = errors.stream().collect(Collectors.joining("; "));
    if (!warnings.isEmpty()) {
      text += (text.isEmpty() ? "" : "; ") + "warnings: " + String.join("; ", warnings);
    }
    return text.isEmpty() ? "no message from OpenJPEG" : text;
  }
}
