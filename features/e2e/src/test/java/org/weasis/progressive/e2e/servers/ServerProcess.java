package org.weasis.progressive.e2e.servers;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One server program run as a child process in a directory of its own, so that a test starts a real
 * server on 127.0.0.1 and leaves neither a process nor a file behind, even when the JVM is killed.
 */
final class ServerProcess implements AutoCloseable {
  /** How often a waiting loop looks again; the wait itself is bounded by a deadline. */
  private static final Duration POLL = Duration.ofMillis(20);
  private static final int LOG_TAIL_CHARS = 4000;

  private final String name;
  private final Path directory;
  private final Path log;
  private final Process process;
  /** Kills the child if the JVM exits without close(): an orphan server would hold its port. */
  private final Thread orphanGuard;

  private ServerProcess(String name, Path directory, Path log, Process process) {
    this.name = name;
    this.directory = directory;
    this.log = log;
    this.process = process;
    this.orphanGuard = new Thread(process::destroyForcibly, name + "-orphan-guard");
    Runtime.getRuntime().addShutdownHook(orphanGuard);
  }

  /**
   * Starts {@code command} in {@code directory}, its stdout and stderr going to {@code log}; the
   * directory becomes the process's: close() deletes it, and so does a failure to start.
   */
  static ServerProcess start(String name, List<String> command, Path directory, Path log)
      throws IOException {
    try {
      Process process = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      return new ServerProcess(name, directory, log, process);
    } catch (IOException | RuntimeException e) {
      deleteTree(directory);
      throw e;
    }
  }

  /**
   * Waits until {@code ready} holds, failing when the deadline passes or the process exits first; an
   * exit caused by a port taken in the meantime is reported as {@link PortTakenException}.
   */
  void awaitReady(BooleanSupplier ready, Duration deadline) throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!ready.getAsBoolean()) {
      if (exitedWithin(POLL)) {
        String tail = logTail();
        String message = name + " exited with code " + process.exitValue() + " before it was ready:\n" + tail;
        throw tail.contains("in use") ? new PortTakenException(message) : new IOException(message);
      }
      if (System.nanoTime() > end) {
        throw new IOException(name + " not ready after " + deadline + ":\n" + logTail());
      }
    }
  }

  /** Waits up to {@code timeout} for the process to end; true when it has. */
  boolean exitedWithin(Duration timeout) throws InterruptedIOException {
    try {
      return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + name);
    }
  }

  Path directory() {
    return directory;
  }

  /** The last characters the program printed, for failure messages. */
  String logTail() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() <= LOG_TAIL_CHARS ? text : text.substring(text.length() - LOG_TAIL_CHARS);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the process — SIGTERM, then SIGKILL when it is still there after {@code grace} — and deletes
   * its directory. The caller may have asked the program to stop in its own way before.
   */
  void stop(Duration grace) {
    try {
      if (!exitedWithin(grace)) {
        process.destroy();
        if (!exitedWithin(grace)) {
          process.destroyForcibly();
          exitedWithin(grace);
        }
      }
    } catch (InterruptedIOException e) {
      process.destroyForcibly();
    } finally {
      removeOrphanGuard();
      deleteTree(directory);
    }
  }

  /** Stops the process at once, without waiting for it to end by itself. */
  @Override
  public void close() {
    process.destroy();
    stop(Duration.ofSeconds(5));
  }

  /** A port that was free a moment ago; the program may still lose it to someone else. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** True when something accepts TCP connections on 127.0.0.1:port. */
  static boolean acceptsConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code attempt} on free ports until one is not taken between our probe and its bind. */
  static <T> T onFreePort(PortAttempt<T> attempt) throws IOException {
    PortTakenException last = null;
    for (int i = 0; i < 3; i++) {
      try {
        return attempt.start(freePort());
      } catch (PortTakenException e) {
        last = e;
      }
    }
    throw last;
  }

  /**
   * The first of {@code candidates} that is an executable file, else a clear failure naming the Debian
   * package that provides it.
   */
  static Path executable(String program, String debianPackage, String... candidates) {
    for (String candidate : candidates) {
      Path path = Path.of(candidate);
      if (Files.isRegularFile(path) && Files.isExecutable(path)) {
        return path;
      }
    }
    throw new IllegalStateException(program + " is not installed (looked at " + List.of(candidates)
        + "): install the Debian package '" + debianPackage + "'");
  }

  /** {@code path} when it is a file, else a clear failure naming the Debian package that provides it. */
  static Path installedFile(String path, String what, String debianPackage) {
    Path file = Path.of(path);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(what + " is not installed (no " + path
          + "): install the Debian package '" + debianPackage + "'");
    }
    return file;
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }

  private void removeOrphanGuard() {
    try {
      Runtime.getRuntime().removeShutdownHook(orphanGuard);
    } catch (IllegalStateException e) {
      // The JVM is already exiting: the guard is running or about to, which is what we want.
    }
  }

  /** Starts a server on the given port. */
  @FunctionalInterface
  interface PortAttempt<T> {
    T start(int port) throws IOException;
  }

  /** The program could not bind its port: someone took it after {@link #freePort()} found it free. */
  static final class PortTakenException extends IOException {
    PortTakenException(String message) {
      super(message);
    }
  }
}
