package org.weasis.progressive.cli.felix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages the launcher's class path offers the bundles, each with the version its own jar exports, so
 * that a new API version cannot leave the system bundle offering a stale one that no bundle would import.
 */
final class SharedPackages {
  private SharedPackages() {}

  /**
   * The {@code org.osgi.framework.system.packages.extra} clauses for {@code packageName}s, each versioned as
   * exported by the manifest of the class path entry that holds {@code witness}'s package.
   */
  static String clauses(Class<?> witness, String... packageNames) {
    Manifest manifest = manifestOf(witness);
    String exports = manifest.getMainAttributes().getValue("Export-Package");
    if (exports == null) {
      throw new IllegalStateException(witness.getName() + " comes from " + location(witness)
          + ", whose manifest exports nothing: it must be the OSGi bundle jar");
    }
    List<String> clauses = new ArrayList<>();
    for (String name : packageNames) {
      clauses.add(name + ";version=" + exportedVersion(exports, name, witness));
    }
    return String.join(",", clauses);
  }

  /** The version of {@code name} in an Export-Package header; quoted directives may hold commas. */
  static String exportedVersion(String exports, String name, Class<?> witness) {
    Pattern clause = Pattern.compile("(?:^|,)\\s*" + Pattern.quote(name) + "\\s*;((?:[^,\"]|\"[^\"]*\")*)");
    Matcher m = clause.matcher(exports);
    if (!m.find()) {
      throw new IllegalStateException(location(witness) + " does not export " + name);
    }
    Matcher version = Pattern.compile("(?:^|;)\\s*version\\s*=\\s*\"?([0-9][0-9A-Za-z._-]*)\"?").matcher(m.group(1));
    if (!version.find()) {
      throw new IllegalStateException(location(witness) + " exports " + name + " without a version");
    }
    return version.group(1);
  }

  private static Manifest manifestOf(Class<?> witness) {
    Path where = location(witness);
    try {
      if (Files.isDirectory(where)) {
        try (InputStream in = Files.newInputStream(where.resolve("META-INF/MANIFEST.MF"))) {
          return new Manifest(in);
        }
      }
      try (JarFile jar = new JarFile(where.toFile())) {
        Manifest manifest = jar.getManifest();
        if (manifest == null) {
          throw new IllegalStateException(where + " has no manifest");
        }
        return manifest;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest of " + where, e);
    }
  }

  private static Path location(Class<?> witness) {
    CodeSource source = witness.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException(witness.getName() + " has no class path location to read a manifest from");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unusable class path location " + source.getLocation(), e);
    }
  }
}
