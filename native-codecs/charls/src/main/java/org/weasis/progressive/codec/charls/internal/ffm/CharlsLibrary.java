package org.weasis.progressive.codec.charls.internal.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds CharLS 2.x once, lazily, so that a missing or wrong library makes JPEG-LS encoding unavailable
 * with a warning instead of failing at class load. (Decoding does not use CharLS.)
 */
public final class CharlsLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(CharlsLibrary.class);

  /** Where the build puts Debian's library inside the bundle (see pom.xml and bnd.bnd). */
  static final String EMBEDDED_RESOURCE = "/native/linux-x86-64/libcharls.so";
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

  @SuppressWarnings("restricted") // loading CharLS is what this class is for
  /** The bundle's native code (Felix), the copy in this jar or classes directory, the system's library. */
  private static List<Attempt> attempts() {
    return List.of(
        new Attempt("bundle native code (System.loadLibrary(\"charls\"))", CharlsLibrary::bundleLibrary),
        new Attempt("embedded " + EMBEDDED_RESOURCE, CharlsLibrary::embeddedLibrary),
        new Attempt("system " + SYSTEM_LIBRARY, () -> SymbolLookup.libraryLookup(SYSTEM_LIBRARY, Arena.global())));
  }

  private static Loaded bind(Attempt attempt) {
    CharlsBindings bindings = new CharlsBindings(attempt.lookup().get());
    String version = requireSupportedVersion(bindings);
    return new Loaded(bindings, version, attempt.origin());
  }

  /** Felix maps the name to the bundle's extracted native code; the symbols belong to this class loader. */
  @SuppressWarnings("restricted")
  private static SymbolLookup bundleLibrary() {
    System.loadLibrary("charls");
    return SymbolLookup.loaderLookup();
  }

  /** The copy the build embeds, used in place when it is a file, else extracted to a temporary file. */
  @SuppressWarnings("restricted")
  private static SymbolLookup embeddedLibrary() {
    URL url = CharlsLibrary.class.getResource(EMBEDDED_RESOURCE);
    if (url == null) {
      throw new IllegalArgumentException("resource not on the class path");
    }
    return SymbolLookup.libraryLookup(localPath(url), Arena.global());
  }

  private static Path localPath(URL url) {
    try {
      if ("file".equals(url.getProtocol())) {
        return Path.of(url.toURI());
      }
      Path copy = Files.createTempFile("libcharls-", ".so");
      copy.toFile().deleteOnExit();
      try (InputStream in = url.openStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return copy;
    } catch (IOException | URISyntaxException e) {
      throw new IllegalArgumentException("cannot read " + url + ": " + e.getMessage(), e);
    }
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
