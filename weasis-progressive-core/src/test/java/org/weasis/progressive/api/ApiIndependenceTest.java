package org.weasis.progressive.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API packages are what other bundles and hosts compile against, so they must not reach into the
 * core's internals: read every compiled class of {@code org.weasis.progressive.api*} and fail on any
 * reference (class, descriptor, generic signature, annotation) to {@code org.weasis.progressive.internal*}.
 */
class ApiIndependenceTest {
  private static final String API = "org/weasis/progressive/api";
  private static final String INTERNAL = "org/weasis/progressive/internal";
  /** A class named in a descriptor or generic signature, such as {@code Lorg/a/B;} or {@code Lorg/a/B<}. */
  private static final Pattern NAMED_TYPE = Pattern.compile("L(" + INTERNAL + "[^;<]*)[;<]");

  @Test
  void noApiClassDependsOnAnInternalClass() {
    List<Path> apiClasses = classFilesUnder(API);
    assertTrue(apiClasses.size() > 20, "found only " + apiClasses.size() + " API classes");
    Set<String> offences = new TreeSet<>();
    for (Path file : apiClasses) {
      internalReferences(file).forEach(ref -> offences.add(className(file) + " -> " + ref));
    }
    assertEquals(Set.of(), offences, "API classes that depend on internal ones");
  }

  @Test
  void theScanSeesAnInternalReferenceWhereThereIsOne() {
    // The codec implementation calls internal.config.ConfigurationJson: the scan must report it, or the
    // test above would pass on any class.
    Path codec = classesRoot().resolve(INTERNAL + "/config/JsonConfigurationCodec.class");
    assertEquals(
        Set.of("org.weasis.progressive.internal.config.ConfigurationJson"), internalReferences(codec));
  }

  /** Internal classes named in the constant pool: class entries, descriptors and generic signatures. */
  private static Set<String> internalReferences(Path classFile) {
    Set<String> found = new TreeSet<>();
    String self = className(classFile);
    for (PoolEntry entry : ClassFile.of().parse(read(classFile)).constantPool()) {
      if (entry instanceof ClassEntry c && c.asInternalName().startsWith(INTERNAL)) {
        found.add(c.asInternalName().replace('/', '.'));
      } else if (entry instanceof Utf8Entry u) {
        NAMED_TYPE.matcher(u.stringValue()).results().forEach(m -> found.add(m.group(1).replace('/', '.')));
      }
    }
    found.remove(self);
    return found;
  }

  private static List<Path> classFilesUnder(String packagePath) {
    try (Stream<Path> files = Files.walk(classesRoot().resolve(packagePath))) {
      return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String className(Path classFile) {
    String relative = classesRoot().relativize(classFile).toString();
    return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path classesRoot() {
    try {
      return Path.of(
          RetrieveConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
