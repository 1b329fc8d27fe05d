package org.weasis.progressive.codec.openjpeg.internal.natives;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finds libopenjp2 the way each runtime allows: through Bundle-NativeCode inside OSGi, as the copy
 * embedded in this jar or classes directory outside it (tests, the command-line tool), else the
 * system's libopenjp2.so.7.
 */
@SuppressWarnings("restricted") // native access is this package's purpose
final class LibraryLocator {
  static final String RESOURCE = "/native/linux-x86-64/libopenjp2.so";
  static final String SYSTEM_NAME = "libopenjp2.so.7";

  /** A lookup and where it came from, or why nothing was found. */
  record Located(SymbolLookup lookup, String source, List<String> failures) {}

  private LibraryLocator() {}

  /** Tries each place in turn; {@code check} returns null when a lookup is usable, else a reason. */
  static Located locate(Function<SymbolLookup, String> check) {
    List<String> failures = new ArrayList<>();
    Located found = attempt("System.loadLibrary(\"openjp2\")", LibraryLocator::loadedByClassLoader, check, failures);
    if (found == null) {
      found = attempt("embedded " + RESOURCE, LibraryLocator::embedded, check, failures);
    }
    if (found == null) {
      found = attempt("system " + SYSTEM_NAME,
          () -> SymbolLookup.libraryLookup(SYSTEM_NAME, Arena.global()), check, failures);
    }
    return found != null ? found : new Located(null, null, List.copyOf(failures));
  }

  private interface Source {
    SymbolLookup open() throws Exception;
  }

  private static Located attempt(
      String name, Source source, Function<SymbolLookup, String> check, List<String> failures) {
    try {
      SymbolLookup lookup = source.open();
      String problem = check.apply(lookup);
      if (problem == null) {
        return new Located(lookup, name, List.copyOf(failures));
      }
      failures.add(name + ": " + problem);
    } catch (Throwable t) { // UnsatisfiedLinkError, IllegalArgumentException, SecurityException...
      failures.add(name + ": " + t);
    }
    return null;
  }

  /** Inside Felix, Bundle-NativeCode makes "openjp2" resolvable by this bundle's class loader. */
  private static SymbolLookup loadedByClassLoader() {
    System.loadLibrary("openjp2");
    return SymbolLookup.loaderLookup();
  }

  private static SymbolLookup embedded() throws IOException, URISyntaxException {
    URL url = LibraryLocator.class.getResource(RESOURCE);
    if (url == null) {
      throw new IOException("no " + RESOURCE + " on the class path");
    }
    Path path = "file".equals(url.getProtocol()) ? Path.of(url.toURI()) : extract(url);
    return SymbolLookup.libraryLookup(path, Arena.global());
  }

  /** A library inside a jar must become a file before dlopen can map it. */
  private static Path extract(URL url) throws IOException {
    Path file = Files.createTempFile("libopenjp2-", ".so");
    file.toFile().deleteOnExit();
    try (InputStream in = url.openStream()) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
