package org.weasis.progressive.cli.felix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

class SharedPackagesTest {
  private static final String EXPORTS = "org.weasis.progressive.api;uses:=\"a.b,c.d\";version=\"1.2.3\","
      + "org.weasis.progressive.api.more;version=\"9.0.0\",org.slf4j;version=2.0.17";

  @Test
  void theVersionIsReadPastQuotedUsesListsAndNotFromAPackageWithTheSamePrefix() {
    assertEquals("1.2.3", SharedPackages.exportedVersion(EXPORTS, "org.weasis.progressive.api", getClass()));
    assertEquals("9.0.0", SharedPackages.exportedVersion(EXPORTS, "org.weasis.progressive.api.more", getClass()));
    assertEquals("2.0.17", SharedPackages.exportedVersion(EXPORTS, "org.slf4j", getClass()));
  }

  @Test
  void aPackageTheJarDoesNotExportIsNamed() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SharedPackages.exportedVersion(EXPORTS, "org.slf4j.spi", getClass()));
    assertTrue(e.getMessage().contains("does not export org.slf4j.spi"), e.getMessage());
  }

  @Test
  void theApiIsOfferedAtTheVersionTheCoreBundleInFelixExports() throws Exception {
    String offered = EmbeddedFelix.sharedPackages();
    String bundleExports;
    try (JarFile core = new JarFile(Path.of("target/bundles/weasis-progressive-core.jar").toFile())) {
      bundleExports = core.getManifest().getMainAttributes().getValue("Export-Package");
    }
    String version = SharedPackages.exportedVersion(bundleExports, "org.weasis.progressive.api", getClass());

    assertTrue(offered.startsWith("org.weasis.progressive.api;version=" + version + ","), offered);
    assertTrue(offered.contains("org.slf4j;version=2."), offered);
  }
}
