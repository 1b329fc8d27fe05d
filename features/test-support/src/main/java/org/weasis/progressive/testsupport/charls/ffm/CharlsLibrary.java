package org.weasis.progressive.testsupport.charls.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the system's CharLS 2.x once, lazily, so that a missing or wrong library makes the reference
 * encoder unavailable with a warning instead of failing at class load. (The product decodes in Java.)
 */
public final class CharlsLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(CharlsLibrary.class);

  static final String SYSTEM_LIBRARY = "libcharls.so.2";
  static final String DEBIAN_PACKAGE = "libcharls2";
  static final int SUPPORTED_MAJOR = 2;

  /**
   * A library that loaded and passed the version check.
   *
   * @param bindings every downcall, bound
   * @param version CharLS's own version, major.minor.patch
   * @param origin where it came from, for logs and benchmarks
   */
  public record Loaded(CharlsBindings bindings, String version, String origin) {}

  private record Attempt(String origin, Supplier<SymbolLookup> lookup) {}

  /** The result of the one load attempt: a library, or why there is none. */
  private record Outcome(Optional<Loaded> loaded, String failure) {}

  private static final class Holder {
    static final Outcome OUTCOME = load();
  }

  private CharlsLibrary() {}

  /** The bound library, or empty (a warning saying what to install has been logged once). */
  public static Optional<Loaded> loaded() {
    return Holder.OUTCOME.loaded();
  }

  public static Optional<CharlsBindings> bindings() {
    return loaded().map(Loaded::bindings);
  }

  /** Why the library is unavailable, or an empty string when it loaded. */
  public static String failure() {
    return Holder.OUTCOME.failure();
  }

  private static Outcome load() {
    List<String> failures = new ArrayList<>();
    for (Attempt attempt : attempts()) {
      try {
        Loaded loaded = bind(attempt);
        LOG.info("JPEG-LS: CharLS {} loaded from {}", loaded.version(), loaded.origin());
        return new Outcome(Optional.of(loaded), "");
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        failures.add(attempt.origin() + ": " + e.getMessage());
      }
    }
    String failure =
        "CharLS " + SUPPORTED_MAJOR + ".x could not be loaded (" + String.join("; ", failures)
            + "); install the Debian package " + DEBIAN_PACKAGE + " (apt-get install " + DEBIAN_PACKAGE
            + ") and start Java with --enable-native-access=ALL-UNNAMED";
    LOG.warn("JPEG-LS encoding with CharLS is unavailable: {}", failure);
    return new Outcome(Optional.empty(), failure);
  }

  /** Debian's library (package libcharls2). */
  @SuppressWarnings("restricted") // loading CharLS is what this class is for
  private static List<Attempt> attempts() {
    return List.of(
        new Attempt("system " + SYSTEM_LIBRARY, () -> SymbolLookup.libraryLookup(SYSTEM_LIBRARY, Arena.global())));
  }

  private static Loaded bind(Attempt attempt) {
    CharlsBindings bindings = new CharlsBindings(attempt.lookup().get());
    String version = requireSupportedVersion(bindings);
    return new Loaded(bindings, version, attempt.origin());
  }

  /** Struct layouts and error codes above are those of CharLS 2; another major version may differ. */
  private static String requireSupportedVersion(CharlsBindings bindings) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment parts = arena.allocate(ValueLayout.JAVA_INT, 3);
      bindings.charls_get_version_number(
          parts, parts.asSlice(Integer.BYTES), parts.asSlice(2L * Integer.BYTES));
      int major = parts.getAtIndex(ValueLayout.JAVA_INT, 0);
      String version = major + "." + parts.getAtIndex(ValueLayout.JAVA_INT, 1) + "."
          + parts.getAtIndex(ValueLayout.JAVA_INT, 2);
      if (major != SUPPORTED_MAJOR) {
        throw new IllegalArgumentException("found CharLS " + version + ", need " + SUPPORTED_MAJOR + ".x");
      }
      return version;
    }
  }
}
