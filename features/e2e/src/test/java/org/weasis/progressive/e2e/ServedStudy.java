package org.weasis.progressive.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.standalone.Codecs;
import org.weasis.progressive.testsupport.study.StudyWriter;

/**
 * The hostile e2e tests' one set-up: a real HTJ2K series written once for the test class as a Static
 * DICOMweb tree, and for each test a {@link FaultyDicomWebServer} over it and an engine with every codec.
 * Register it on a static field with {@code @RegisterExtension}. A test class that edits the tree asks
 * for {@link #copiedForEachTest()}: each test then serves a fresh copy of the series as it was written.
 */
final class ServedStudy implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  private final StudyWriter.Spec spec;
  private boolean copiedForEachTest;
  private Path written;
  private StudyWriter.Written study;
  private Path root;
  private ProgressiveEngine engine;
  private FaultyDicomWebServer server;

  private ServedStudy(StudyWriter.Spec spec) {
    this.spec = spec;
  }

  /** A series of {@code images} HTJ2K images of {@code size}², 12 bits stored. */
  static ServedStudy of(String studyUid, String seriesUid, int images, int size) {
    return new ServedStudy(new StudyWriter.Spec(studyUid, seriesUid, images, size, size, 12));
  }

  /** Each test serves (and may edit) a copy of the series, not the one the whole class shares. */
  ServedStudy copiedForEachTest() {
    this.copiedForEachTest = true;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    written = Files.createTempDirectory("served-study");
    study = StudyWriter.write(written, spec);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    root = copiedForEachTest ? copy(written) : written;
    engine = Codecs.engine(System.err);
    server = FaultyDicomWebServer.start(root);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    engine.close();
    server.close();
    if (copiedForEachTest) {
      delete(root);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    delete(written);
  }

  /** What was written: the SOP Instance UIDs and the source pixels, in InstanceNumber order. */
  StudyWriter.Written study() {
    return study;
  }

  /** The tree the current test's server serves. */
  Path root() {
    return root;
  }

  ProgressiveEngine engine() {
    return engine;
  }

  FaultyDicomWebServer server() {
    return server;
  }

  /** The server as a node with the default settings. */
  NodeConfig node() {
    return NodeConfig.of(server.baseUrl());
  }

  /** Loads the series from {@code node} and waits for its end within {@code deadline}. */
  LoadRecording load(NodeConfig node, RetrieveConfiguration configuration, Duration deadline) throws Exception {
    return LoadRecording.run(engine, SeriesRequest.of(node, spec.studyUid(), spec.seriesUid()), configuration,
        deadline);
  }

  /** The path of image {@code image}'s first frame under {@code segment} (frames, jls, jlsThumbnail). */
  String framePath(int image, String segment) {
    return "/studies/" + spec.studyUid() + "/series/" + spec.seriesUid() + "/instances/"
        + study.sopInstanceUids().get(image) + "/" + segment + "/1";
  }

  /** The {@code .mht} file of that frame in the current test's tree. */
  Path frameFile(int image, String segment) {
    return root.resolve(framePath(image, segment).substring(1) + ".mht");
  }

  private static Path copy(Path from) throws IOException {
    Path to = Files.createTempDirectory("served-study-copy");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  private static void delete(Path tree) throws IOException {
    try (Stream<Path> files = Files.walk(tree)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
