package org.weasis.progressive.cli.felix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.swing.JComponent;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.weasis.progressive.api.ProgressiveConstants;
import org.weasis.progressive.api.decoder.FrameDecoder;

/**
 * Apache Felix with SCR, ConfigAdmin and our bundles, started inside the tool's JVM so the demo runs the
 * bundles as Weasis would. The class path and the bundles share one copy of the API package (the system
 * bundle exports it), so services from the framework are used directly by the class-path viewer.
 */
public final class EmbeddedFelix implements AutoCloseable {
  /** Install order: what others import comes first. Maven copies these jars to target/bundles. */
  public static final List<String> BUNDLES = List.of(
      "org.osgi.util.function.jar",
      "org.osgi.util.promise.jar",
      "org.osgi.service.component.jar",
      "org.apache.felix.scr.jar",
      "org.apache.felix.configadmin.jar",
      "weasis-progressive-core.jar",
      "weasis-progressive-codec-openjpeg.jar",
      "weasis-progressive-codec-charls.jar",
      "weasis-progressive-ui.jar");

  /**
   * Packages the launcher's class path gives the bundles: our API, and slf4j so they log to slf4j-simple;
   * each at the version its jar exports.
   */
  static String sharedPackages() {
    return SharedPackages.clauses(FrameDecoder.class, "org.weasis.progressive.api",
            "org.weasis.progressive.api.decoder", "org.weasis.progressive.api.node") + ","
        + SharedPackages.clauses(org.slf4j.Logger.class,
            "org.slf4j", "org.slf4j.event", "org.slf4j.helpers", "org.slf4j.spi");
  }

  private static final long STOP_TIMEOUT_MS = 10_000;

  private final Framework framework;
  private final Path cache;

  private EmbeddedFelix(Framework framework, Path cache) {
    this.framework = framework;
    this.cache = cache;
  }

  /** The bundles directory next to the tool's classes (target/bundles), or {@code -Dprogressive.bundles}. */
  public static Path defaultBundlesDir() {
    String configured = System.getProperty("progressive.bundles");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    try {
      Path classes = Path.of(EmbeddedFelix.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.resolveSibling("bundles");
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("features/cli/target/bundles");
    }
  }

  /**
   * Starts the framework with every bundle of {@link #BUNDLES} from {@code bundlesDir}, and waits until
   * all are ACTIVE. A missing jar or a bundle that does not resolve is named in the exception.
   */
  public static EmbeddedFelix start(Path bundlesDir) throws IOException, BundleException {
    List<Path> jars = locate(bundlesDir);
    Path cache = Files.createTempDirectory("progressive-felix");
    Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
        .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (Felix expected)"))
        .newFramework(configuration(cache));
    EmbeddedFelix felix = new EmbeddedFelix(framework, cache);
    try {
      framework.init();
      List<Bundle> bundles = new ArrayList<>();
      for (Path jar : jars) {
        bundles.add(install(framework, jar));
      }
      framework.start();
      for (int i = 0; i < bundles.size(); i++) {
        startBundle(bundles.get(i), jars.get(i));
      }
      return felix;
    } catch (BundleException | RuntimeException e) {
      felix.close();
      throw e;
    }
  }

  /** "7.0.5": the framework's version. */
  public String frameworkVersion() {
    return framework.getVersion().toString();
  }

  /** Every installed bundle but the system bundle, with its state. */
  public List<Bundle> bundles() {
    return Stream.of(framework.getBundleContext().getBundles()).filter(b -> b.getBundleId() != 0).toList();
  }

  /**
   * The service of {@code type}, waiting up to {@code timeoutMs} for SCR to register it.
   *
   * @throws IllegalStateException naming the service when none came in time
   */
  public <T> T service(Class<T> type, long timeoutMs) {
    return service(type, null, timeoutMs);
  }

  /** All services of {@code type} registered now. */
  public <T> List<T> services(Class<T> type) {
    try {
      var context = framework.getBundleContext();
      return context.getServiceReferences(type, null).stream().map(context::getService).toList();
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ui bundle's preferences page: each {@code get()} builds a new panel (call it on the event thread). */
  @SuppressWarnings("unchecked")
  public Supplier<JComponent> preferencesPage(long timeoutMs) {
    return service(Supplier.class, ProgressiveConstants.PREFERENCES_PAGE_FILTER, timeoutMs);
  }

  /** The frame decoders registered now (the core's uncompressed one and the codec bundles'). */
  public List<FrameDecoder> decoders() {
    return services(FrameDecoder.class);
  }

  /** Stops the framework (waiting a bounded time) and deletes its cache. */
  @Override
  public void close() {
    try {
      if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
        framework.stop();
      }
      FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MS);
      if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
        System.err.println("warning: the OSGi framework did not stop within " + STOP_TIMEOUT_MS + " ms");
      }
    } catch (BundleException e) {
      System.err.println("warning: stopping the OSGi framework failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteTree(cache);
    }
  }

  private <T> T service(Class<T> type, String filter, long timeoutMs) {
    var context = framework.getBundleContext();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try {
      while (true) {
        var refs = context.getServiceReferences(type, filter);
        if (!refs.isEmpty()) {
          ServiceReference<T> best = refs.stream().max(Comparator.naturalOrder()).orElseThrow();
          return context.getService(best);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no " + type.getName() + (filter == null ? "" : " " + filter)
              + " service after " + timeoutMs + " ms; bundles: " + describeBundles());
        }
        Thread.sleep(20);
      }
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + type.getName(), e);
    }
  }

  private String describeBundles() {
    StringBuilder text = new StringBuilder();
    for (Bundle b : bundles()) {
      text.append(text.isEmpty() ? "" : ", ").append(b.getSymbolicName()).append('=').append(state(b));
    }
    return text.toString();
  }

  private static List<Path> locate(Path dir) {
    List<Path> jars = new ArrayList<>();
    for (String name : BUNDLES) {
      Path jar = dir.resolve(name);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException("bundle " + name + " is missing from " + dir.toAbsolutePath()
            + ": build with ./mvnw install (the cli module copies the bundles there), or ./progressive does it");
      }
      jars.add(jar);
    }
    return jars;
  }

  private static Map<String, String> configuration(Path cache) {
    Map<String, String> config = new HashMap<>();
    config.put(Constants.FRAMEWORK_STORAGE, cache.toString());
    config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, sharedPackages());
    // Felix and SCR print to stdout; keep them to errors so the demo's output stays readable.
    config.put("felix.log.level", "1");
    config.put("ds.loglevel", "error");
    // Resolve on the calling thread: Felix's resolver pool would outlive the framework by a minute.
    config.put("felix.resolver.parallelism", "1");
    return config;
  }

  private static Bundle install(Framework framework, Path jar) throws BundleException {
    try {
      return framework.getBundleContext().installBundle(jar.toUri().toString());
    } catch (BundleException e) {
      throw new BundleException(jar.getFileName() + " cannot be installed: " + e.getMessage(), e.getType(), e);
    }
  }

  /** Starts one bundle; a resolution failure names the bundle, its jar and the requirement Felix reports. */
  private static void startBundle(Bundle bundle, Path jar) throws BundleException {
    try {
      bundle.start();
    } catch (BundleException e) {
      throw new BundleException("bundle " + bundle.getSymbolicName() + " (" + jar.getFileName()
          + ") did not start: " + e.getMessage(), e.getType(), e);
    }
    if (bundle.getState() != Bundle.ACTIVE) {
      throw new BundleException("bundle " + bundle.getSymbolicName() + " (" + jar.getFileName() + ") is "
          + state(bundle) + " after start");
    }
  }

  static String state(Bundle b) {
    return switch (b.getState()) {
      case Bundle.INSTALLED -> "INSTALLED";
      case Bundle.RESOLVED -> "RESOLVED";
      case Bundle.STARTING -> "STARTING";
      case Bundle.STOPPING -> "STOPPING";
      case Bundle.ACTIVE -> "ACTIVE";
      case Bundle.UNINSTALLED -> "UNINSTALLED";
      default -> String.valueOf(b.getState());
    };
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // A temp directory left behind is harmless.
    }
  }
}
