package org.weasis.progressive.semver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.weasis.progressive.semver.SemanticVersion.Change;

/**
 * Compares a package's signature with its recorded baseline and says what version the change needs, as
 * bnd's baseline would: a removed or changed member needs the next major version; an added member the
 * next minor, except an abstract method in a type that is not a {@code @ProviderType}, which every
 * implementer must add (bnd treats unannotated interfaces as consumer types).
 */
final class SemanticVersionCheck {
  private SemanticVersionCheck() {}

  /** The problem with {@code current} against {@code recorded}, or empty when its version suffices. */
  static Optional<String> problem(PackageSignature recorded, PackageSignature current) {
    SortedSet<String> removed = minus(recorded.lines(), current.lines());
    SortedSet<String> added = minus(current.lines(), recorded.lines());
    Change change = change(removed, added, current.lines());
    SemanticVersion needed = recorded.version().next(change);
    if (current.version().compareTo(needed) >= 0) {
      return Optional.empty();
    }
    List<String> report = new ArrayList<>();
    report.add(
        current.name() + " is at version " + current.version() + " but needs " + needed + " (recorded "
            + recorded.version() + "; " + reason(change, current.version(), recorded.version()) + "):");
    removed.forEach(line -> report.add("  removed: " + line));
    added.forEach(line -> report.add("  added:   " + line));
    return Optional.of(String.join("\n", report));
  }

  /** The level of a change: what the removed and added lines require. */
  static Change change(SortedSet<String> removed, SortedSet<String> added, SortedSet<String> current) {
    if (!removed.isEmpty() || added.stream().anyMatch(line -> burdensImplementers(line, current))) {
      return Change.MAJOR;
    }
    return added.isEmpty() ? Change.NONE : Change.MINOR;
  }

  private static String reason(Change change, SemanticVersion current, SemanticVersion recorded) {
    return switch (change) {
      case MAJOR -> "a removed or changed signature, or a method implementers must add, needs a major bump";
      case MINOR -> "an addition needs a minor bump";
      case NONE -> "a version may not go below its record (" + current + " < " + recorded + ")";
    };
  }

  /** An abstract method added to a type its users implement (anything but a provider type). */
  private static boolean burdensImplementers(String line, SortedSet<String> current) {
    if (!line.contains(" | method ") || !line.contains(" abstract ")) {
      return false;
    }
    String type = line.substring(0, line.indexOf(" | "));
    return current.stream()
        .filter(l -> l.startsWith(type + " | type "))
        .noneMatch(l -> l.endsWith(PackageSignature.PROVIDER));
  }

  private static SortedSet<String> minus(SortedSet<String> a, SortedSet<String> b) {
    SortedSet<String> difference = new TreeSet<>(a);
    difference.removeAll(b);
    return difference;
  }
}
