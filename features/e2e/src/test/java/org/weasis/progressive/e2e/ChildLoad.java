package org.weasis.progressive.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.standalone.Codecs;

/**
 * Loads {@link HostileDataTest}'s series from a tree in another JVM, so that a memory bound is tested
 * with a small heap of its own: the child serves the tree with {@link FaultyDicomWebServer}, loads it
 * with the single preset and prints the summary and each error, one line each.
 */
record ChildLoad(int exitCode, String output) {
  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(90);

  /** Runs the child with the given JVM options; it is killed past the deadline. */
  static ChildLoad run(Path root, String... jvmOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildLoad.class.getName(), root.toString()));
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

  public static void main(String[] args) throws Exception {
    try (FaultyDicomWebServer server = FaultyDicomWebServer.start(Path.of(args[0]));
        ProgressiveEngine engine = Codecs.engine(System.out)) {
      NodeConfig node = NodeConfig.of(server.baseUrl());
      LoadSummary summary = engine.load(SeriesRequest.of(node, HostileDataTest.STUDY, HostileDataTest.SERIES),
              RetrieveConfiguration.single(), new Printer())
          .completion().toCompletableFuture().get(CHILD_DEADLINE.toSeconds() - 10, TimeUnit.SECONDS);
      System.out.println("summary images=" + summary.images() + " final=" + summary.finalImages()
          + " failed=" + summary.failedImages() + " cancelled=" + summary.cancelled());
    }
  }

  private static final class Printer implements LoadListener {
    @Override
    public void onImage(ImageEvent event) {
      System.out.println("image " + event.imageIndex() + " " + event.status());
    }

    @Override
    public void onError(ErrorEvent event) {
      System.out.println("error " + event.imageIndex() + " " + event.reason());
    }
  }
}
