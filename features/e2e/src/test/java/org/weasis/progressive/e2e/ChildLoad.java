package org.weasis.progressive.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A load run in a JVM of its own by {@link HostileLoad}, so that a memory bound is tested with a small
 * heap of its own, and what that JVM printed: one line per error, the summary, the peak heap and resident
 * memory.
 */
record ChildLoad(int exitCode, String output) {
  /** Past the child's own two minutes for the load, and its start and end. */
  private static final Duration CHILD_DEADLINE = Duration.ofMinutes(3);

  /**
   * Runs {@link HostileLoad} with the given JVM options and arguments; it is killed past the deadline.
   * The child's output and error streams are read together, in the order it wrote them.
   */
  static ChildLoad run(List<String> jvmOptions, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), HostileLoad.class.getName()));
    command.addAll(List.of(arguments));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[][] output = new byte[1][];
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        output[0] = child.getInputStream().readAllBytes();
      } catch (IOException e) {
        output[0] = ("reading the child's output failed: " + e).getBytes(StandardCharsets.UTF_8);
      }
    });
    if (!child.waitFor(CHILD_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor();
      reader.join();
      return new ChildLoad(-1, "the child did not end within " + CHILD_DEADLINE + ":\n"
          + new String(output[0], StandardCharsets.UTF_8));
    }
    reader.join();
    return new ChildLoad(child.exitValue(), new String(output[0], StandardCharsets.UTF_8));
  }

  void assertCompletedWith(int finals, int images) {
    assertEquals(0, exitCode, "the child JVM ended normally (no OutOfMemoryError): " + output);
    assertTrue(output.contains("summary images=" + images + " final=" + finals + " "), output);
  }

  /** The line of image {@code image}'s error (-1: the series'). */
  String errorOf(int image) {
    return output.lines().filter(l -> l.startsWith("error " + image + ": ")).findFirst()
        .orElseThrow(() -> new AssertionError("no error for image " + image + ": " + output));
  }

  /** The most heap the load kept alive: the heap in use after a collection, at its largest. */
  long peakLiveHeapMiB() {
    return output.lines().filter(l -> l.startsWith("peakLiveHeapMiB "))
        .mapToLong(l -> Long.parseLong(l.substring("peakLiveHeapMiB ".length())))
        .findFirst().orElseThrow(() -> new AssertionError(output));
  }
}
