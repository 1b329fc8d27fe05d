package org.weasis.progressive.semver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The committed baselines: one text file per exported package, {@code <package>.txt}, holding its version
 * and signature lines, so that a review shows an API change as a diff of readable lines.
 */
record SignatureRecords(Path directory) {
  static final String HOW_TO_WRITE =
      "./mvnw -pl weasis-progressive-core verify -Dtest=ApiBaselineTest -Dapi.signatures.write=true";
  private static final String PACKAGE = "package ";
  private static final String VERSION = "version ";

  Optional<PackageSignature> read(String packageName) {
    Path file = fileOf(packageName);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String name = null;
    SemanticVersion version = null;
    SortedSet<String> lines = new TreeSet<>();
    for (String line : lines(file)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      } else if (line.startsWith(PACKAGE)) {
        name = line.substring(PACKAGE.length());
      } else if (line.startsWith(VERSION)) {
        version = SemanticVersion.parse(line.substring(VERSION.length()));
      } else {
        lines.add(line);
      }
    }
    if (!packageName.equals(name) || version == null) {
      throw new IllegalStateException(file + " must start with 'package " + packageName + "' and a version");
    }
    return Optional.of(new PackageSignature(name, version, lines));
  }

  void write(PackageSignature signature) {
    List<String> text = new ArrayList<>();
    text.add("# Public signature of an exported API package, checked by ApiBaselineTest against the");
    text.add("# compiled classes. Rewritten, after a change versioned as semantic versioning requires, by");
    text.add("# " + HOW_TO_WRITE);
    text.add(PACKAGE + signature.name());
    text.add(VERSION + signature.version());
    text.addAll(signature.lines());
    try {
      Files.createDirectories(directory);
      Files.write(fileOf(signature.name()), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Packages that have a record file. */
  List<String> recordedPackages() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".txt"))
          .map(f -> f.substring(0, f.length() - ".txt".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete(String packageName) {
    try {
      Files.deleteIfExists(fileOf(packageName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path fileOf(String packageName) {
    return directory.resolve(packageName + ".txt");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
