package org.weasis.progressive.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ops4j.pax.exam.Option;

/**
 * The one set-up every in-framework test shares: Felix with SCR, ConfigAdmin and our bundles, all
 * installed from the files Maven copied to target/bundles (no network, no version guessing).
 */
final class FelixOptions {
  /** Install order: what others import comes first. Pax Exam's pax-logging-api provides org.slf4j. */
  private static final List<String> BASE = List.of(
      "org.osgi.util.function.jar",
      "org.osgi.util.promise.jar",
      "org.osgi.service.component.jar",
      "org.apache.felix.scr.jar",
      "org.apache.felix.configadmin.jar",
      "weasis-progressive-core.jar");

  private FelixOptions() {}

  static Option withBundles(String... extra) {
    Path dir = Path.of(System.getProperty("bundles.dir", "target/bundles"));
    List<Option> options = new ArrayList<>();
    options.add(workingDirectory(System.getProperty("paxexam.workdir", "target/paxexam")));
    options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository")
        .value(System.getProperty("org.ops4j.pax.url.mvn.localRepository", "")));
    options.add(systemProperty("org.ops4j.pax.url.mvn.repositories").value(""));
    // pax-logging defaults to DEBUG, which would print every HTTP byte (and header) of the tests.
    options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
    options.add(junitBundles());
    List<String> names = new ArrayList<>(BASE);
    names.addAll(List.of(extra));
    for (String name : names) {
      Path jar = dir.resolve(name);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(jar + " is missing: run the build through Maven (pre-integration-test copies it)");
      }
      options.add(bundle(jar.toUri().toString()).start());
    }
    return composite(options.toArray(Option[]::new));
  }
}
