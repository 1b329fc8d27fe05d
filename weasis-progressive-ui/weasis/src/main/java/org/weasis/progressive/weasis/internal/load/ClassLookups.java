package org.weasis.progressive.weasis.internal.load;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Asks a bundle's class loader for classes and a resource many times over, so that the OSGi framework's lookup
 * through a bundle's wiring is compiled by the JIT's optimising tier at start-up. In JFR recordings of the SDK's
 * Weasis, Felix's {@code BundleWiringImpl.findClassOrResourceByDelegation} crossed that tier's threshold while the
 * first study opened (the hundreds of classes its viewer, docking and explorer load then), and its compile took
 * 150-280 ms of one of two cores in the very window where Weasis' event thread waited for a core to paint the
 * first image; with 20,000 lookups here, {@code searchImports} still did (60 ms). With 50,000, neither fell in that
 * window in three recorded rounds. The lookups must take the framework's path: a class the bundle's own code already resolved is
 * answered by the JVM from the loader's cache, so they ask for classes of the packages the bundle imports that
 * its code does not use (loaded, not initialised), for class files as resources, and now and then for a class of
 * no bundle.
 */
final class ClassLookups {
  /** Lookups at start-up: a few times the optimising tier's threshold, tens of milliseconds of one core. */
  static final int LOOKUPS = 50_000;
  /** How many class names of imported packages are asked for in turn. */
  static final int NAMES = 64;
  /** One lookup in this many is of a class that does not exist, as a look-and-feel's probing asks. */
  private static final int MISSING_EVERY = 64;

  private ClassLookups() {}

  /**
   * Up to {@code max} names of classes in the packages {@code wiring} imports whose names start with
   * {@code prefix}, read from the providers' wirings (so the names are those of the running version).
   */
  static List<String> importedClasses(BundleWiring wiring, String prefix, int max) {
    List<String> names = new ArrayList<>();
    for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
      Object pkg = wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
      if (pkg instanceof String name && name.startsWith(prefix)) {
        for (String path : wire.getProviderWiring().listResources("/" + name.replace('.', '/'), "*.class", 0)) {
          if (names.size() == max) {
            return names;
          }
          names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
    return names;
  }

  /**
   * Looks {@code names} up through {@code loader} in turn, {@code lookups} times in all, with {@code resource}
   * every few lookups and a class of no bundle now and then; returns how many lookups found what they asked.
   */
  static int run(ClassLoader loader, List<String> names, String resource, int lookups) {
    int found = 0;
    for (int i = 0; i < lookups; i++) {
      found += lookUp(loader, names, resource, i) ? 1 : 0;
    }
    return found;
  }

  private static boolean lookUp(ClassLoader loader, List<String> names, String resource, int i) {
    if (i % names.size() == 0) {
      return loader.getResource(resource) != null;
    }
    try {
      String name = i % MISSING_EVERY == 1 ? ClassLookups.class.getName() + "Missing" : names.get(i % names.size());
      loader.loadClass(name);
      return true;
    } catch (ClassNotFoundException e) {
      return false; // the framework's answer for a class of no bundle
    }
  }
}
