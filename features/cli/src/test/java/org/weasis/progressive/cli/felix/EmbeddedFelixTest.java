package org.weasis.progressive.cli.felix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.swing.JComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.server.StaticDicomWebServer;
import org.weasis.progressive.testsupport.study.StudyWriter;

/**
 * The demo's framework as the demo starts it: every bundle ACTIVE, the services the viewer uses reachable
 * from the class path without a ClassCastException, a stack loaded to FULL_RESOLUTION through them, and
 * no thread of the framework left after it stops.
 */
class EmbeddedFelixTest {
  private static final LoadListener QUIET = new LoadListener() {
    @Override
    public void onImage(ImageEvent event) {}

    @Override
    public void onError(ErrorEvent event) {}
  };

  @Test
  void startsEveryBundleAndLoadsAStackThroughTheFrameworkServicesThenStopsCleanly(@TempDir Path temp)
      throws Exception {
    String study = "1.2.826.0.1.3680043.8.498.7201";
    String series = study + ".1";
    StudyWriter.write(temp, new StudyWriter.Spec(study, series, 6, 128, 128, 12));
    Set<Thread> before = Thread.getAllStackTraces().keySet(); // after the encoder ran: its process reaper stays
    try (EmbeddedFelix felix = EmbeddedFelix.start(EmbeddedFelix.defaultBundlesDir());
        StaticDicomWebServer server = StaticDicomWebServer.start(temp, "127.0.0.1", 0)) {
      List<Bundle> bundles = felix.bundles();
      assertEquals(EmbeddedFelix.BUNDLES.size(), bundles.size());
      for (Bundle b : bundles) {
        assertEquals("ACTIVE", EmbeddedFelix.state(b), b.getSymbolicName());
      }
      ProgressiveRetrieveService retrieve = felix.service(ProgressiveRetrieveService.class, 10_000);
      NodeStore store = felix.service(NodeStore.class, 10_000);
      assertNotNull(felix.service(NodeProbe.class, 10_000));
      Supplier<JComponent> page = felix.preferencesPage(10_000);
      assertNotNull(page);
      assertTrue(felix.decoders().size() >= 3, "decoders: " + felix.decoders());
      // The engine runs in the core bundle, and every bundle uses the class path's API (the system bundle's).
      assertTrue(retrieve.getClass().getClassLoader() instanceof BundleReference, retrieve.getClass().getName());
      for (Bundle b : bundles) {
        for (BundleWire wire : b.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
          if ("org.weasis.progressive.api".equals(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
            assertEquals(0, wire.getProvider().getBundle().getBundleId(), b.getSymbolicName() + " imports the API from " + wire.getProvider());
          }
        }
      }

      NodeConfig node = store.save(NodeConfig.builder().name("Local demo server")
          .baseUrl(server.baseUrl())
          .progressive(true)
          .build());
      assertEquals(node, store.find(node.id()).orElseThrow());
      SeriesRequest request = SeriesRequest.of(node, study, series).withStrategy(node.strategy());
      LoadSummary summary = retrieve.load(request, RetrieveConfiguration.sequential(), QUIET)
          .completion().toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertEquals(6, summary.finalImages(), summary.toString());
    }
    assertNoNewThreads(before);
  }

  @Test
  void aMissingBundleJarIsNamed(@TempDir Path empty) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedFelix.start(empty));
    assertTrue(e.getMessage().contains("org.osgi.util.function.jar is missing"), e.getMessage());
  }

  @Test
  void aBundleThatDoesNotResolveIsNamedWithItsMissingRequirement(@TempDir Path dir) throws Exception {
    for (String name : EmbeddedFelix.BUNDLES) {
      Files.copy(EmbeddedFelix.defaultBundlesDir().resolve(name), dir.resolve(name));
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
    manifest.getMainAttributes().putValue("Bundle-SymbolicName", "broken.ui");
    manifest.getMainAttributes().putValue("Import-Package", "org.example.nowhere");
    Path ui = dir.resolve("weasis-progressive-ui.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(ui), manifest)) {
      jar.closeEntry();
    }
    BundleException e = assertThrows(BundleException.class, () -> EmbeddedFelix.start(dir));
    assertTrue(e.getMessage().contains("bundle broken.ui (weasis-progressive-ui.jar) did not start"), e.getMessage());
    assertTrue(e.getMessage().contains("org.example.nowhere"), e.getMessage());
  }

  /** Waits a little for threads to end, then fails naming those started since {@code before}. */
  private static void assertNoNewThreads(Set<Thread> before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Set<Thread> left;
    do {
      left = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !before.contains(t) && t.isAlive())
          .collect(Collectors.toSet());
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("threads left after the framework stopped: "
        + left.stream().map(Thread::getName).sorted().toList());
  }
}
