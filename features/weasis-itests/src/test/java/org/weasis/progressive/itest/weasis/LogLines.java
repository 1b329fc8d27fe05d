package org.weasis.progressive.itest.weasis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Weasis' console output, line by line as it comes (copied to a file for review); tests wait on it with a
 * deadline instead of sleeping.
 */
final class LogLines {
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  /** Reads {@code in} on its own thread until it ends, copying every line to {@code copy}. */
  static LogLines follow(InputStream in, Path copy) throws IOException {
    LogLines log = new LogLines();
    PrintWriter out = new PrintWriter(Files.newBufferedWriter(copy, StandardCharsets.UTF_8), true);
    Thread.ofPlatform().daemon().name("weasis-output").start(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)); out) {
        String line;
        while ((line = reader.readLine()) != null) {
          out.println(line);
          log.add(line);
        }
      } catch (IOException e) {
        // The process went away: what was read stays.
      } finally {
        log.end();
      }
    });
    return log;
  }

  private synchronized void add(String line) {
    lines.add(line);
    notifyAll();
  }

  private synchronized void end() {
    ended = true;
    notifyAll();
  }

  synchronized List<String> snapshot() {
    return List.copyOf(lines);
  }

  /** The lines from index {@code from} on. */
  synchronized List<String> snapshot(int from) {
    return List.copyOf(lines.subList(from, lines.size()));
  }

  /** How many lines came so far: a later wait can start there ({@link #await(Predicate, Duration, int)}). */
  synchronized int count() {
    return lines.size();
  }

  /** The first line matching {@code wanted}, waiting for it until {@code timeout}; empty if it never came. */
  synchronized Optional<String> await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
    return await(wanted, timeout, 0);
  }

  /** As {@link #await(Predicate, Duration)}, looking only at lines from index {@code from} on. */
  synchronized Optional<String> await(Predicate<String> wanted, Duration timeout, int from)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = from;
    while (true) {
      for (; seen < lines.size(); seen++) {
        if (wanted.test(lines.get(seen))) {
          return Optional.of(lines.get(seen));
        }
      }
      long left = deadline - System.nanoTime();
      if (ended || left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** Waits until {@code count} lines match {@code wanted}; returns those found by the deadline. */
  synchronized List<String> awaitCount(Predicate<String> wanted, int count, Duration timeout)
      throws InterruptedException {
    return awaitCount(wanted, count, timeout, 0);
  }

  /** As {@link #awaitCount(Predicate, int, Duration)}, counting only lines from index {@code from} on. */
  synchronized List<String> awaitCount(Predicate<String> wanted, int count, Duration timeout, int from)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> found = lines.subList(from, lines.size()).stream().filter(wanted).toList();
      long left = deadline - System.nanoTime();
      if (found.size() >= count || ended || left <= 0) {
        return found;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
