package org.weasis.progressive.semver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The public signature of one exported package, as sorted text lines: one per public type ({@code
 * Type | type ...}) and one per public or protected member ({@code Type | method ...}), from the compiled
 * classes. OSGi's {@code @Export}, {@code @Version}, {@code @ConsumerType} and {@code @ProviderType} are
 * kept in class files only, so they are read with the class-file API; members are read by reflection.
 *
 * @param name the package name
 * @param version its {@code @Version}
 * @param lines the signature
 */
record PackageSignature(String name, SemanticVersion version, SortedSet<String> lines) {
  static final String CONSUMER = "@ConsumerType";
  static final String PROVIDER = "@ProviderType";
  private static final String EXPORT = "Lorg/osgi/annotation/bundle/Export;";
  private static final String VERSION = "Lorg/osgi/annotation/versioning/Version;";

  /** Every package under {@code root} (a class directory) whose package-info has {@code @Export}. */
  static List<PackageSignature> exportedUnder(Path classes, String packagePrefix) {
    Path start = classes.resolve(packagePrefix.replace('.', '/'));
    List<PackageSignature> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(start)) {
      for (Path info : files.filter(f -> f.endsWith("package-info.class")).sorted().toList()) {
        String name = classes.relativize(info.getParent()).toString().replace('/', '.');
        List<Annotation> annotations = invisibleAnnotations(info);
        if (find(annotations, EXPORT).isPresent()) {
          found.add(of(classes, name, versionOf(name, annotations)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static PackageSignature of(Path classes, String name, SemanticVersion version) {
    SortedSet<String> lines = new TreeSet<>();
    try (Stream<Path> files = Files.list(classes.resolve(name.replace('.', '/')))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String simple = file.getFileName().toString().replace(".class", "");
        if (!simple.equals("package-info")) {
          describe(load(name + "." + simple), file, lines);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PackageSignature(name, version, lines);
  }

  private static void describe(Class<?> type, Path file, SortedSet<String> lines) {
    if (!isVisible(type.getModifiers()) || type.isSynthetic() || type.isAnonymousClass()) {
      return;
    }
    String label = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    lines.add(label + " | type " + typeLine(type, invisibleAnnotations(file)));
    for (Field f : type.getDeclaredFields()) {
      member(label, type, f, f.toGenericString() + constantValue(f), lines);
    }
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      member(label, type, c, c.toGenericString(), lines);
    }
    for (Method m : type.getDeclaredMethods()) {
      if (!m.isBridge()) {
        member(label, type, m, m.toGenericString(), lines);
      }
    }
  }

  private static void member(
      String label, Class<?> type, Member member, String text, SortedSet<String> lines) {
    if (isVisible(member.getModifiers()) && !member.isSynthetic()) {
      String kind = member instanceof Field ? "field" : member instanceof Method ? "method" : "constructor";
      lines.add(label + " | " + kind + " " + text.replace(type.getName() + ".", ""));
    }
  }

  /**
   * {@code = value} for a compile-time constant: other bundles compile its value into their classes, so
   * changing it breaks them as a removal would.
   */
  private static String constantValue(Field f) {
    int m = f.getModifiers();
    boolean constant = Modifier.isStatic(m) && Modifier.isFinal(m)
        && (f.getType().isPrimitive() || f.getType() == String.class);
    if (!constant || !isVisible(m)) {
      return "";
    }
    try {
      Object value = f.get(null);
      return " = " + (value instanceof String text ? '"' + text.replace("\n", "\\n") + '"' : value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Modifiers, kind, supertypes and the OSGi role of a type, for example a consumer interface. */
  private static String typeLine(Class<?> type, List<Annotation> annotations) {
    StringBuilder line = new StringBuilder(type.toGenericString());
    if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class) {
      line.append(" extends ").append(type.getGenericSuperclass().getTypeName());
    }
    for (var implemented : type.getGenericInterfaces()) {
      line.append(" implements ").append(implemented.getTypeName());
    }
    if (find(annotations, "Lorg/osgi/annotation/versioning/ConsumerType;").isPresent()) {
      line.append(' ').append(CONSUMER);
    } else if (find(annotations, "Lorg/osgi/annotation/versioning/ProviderType;").isPresent()) {
      line.append(' ').append(PROVIDER);
    }
    return line.toString();
  }

  private static SemanticVersion versionOf(String name, List<Annotation> annotations) {
    Annotation version =
        find(annotations, VERSION)
            .orElseThrow(() -> new IllegalStateException(name + " is exported without @Version"));
    AnnotationValue value = version.elements().getFirst().value();
    return SemanticVersion.parse(((AnnotationValue.OfString) value).stringValue());
  }

  private static Optional<Annotation> find(List<Annotation> annotations, String descriptor) {
    return annotations.stream()
        .filter(a -> a.className().stringValue().equals(descriptor))
        .findFirst();
  }

  private static List<Annotation> invisibleAnnotations(Path classFile) {
    try {
      ClassModel model = ClassFile.of().parse(Files.readAllBytes(classFile));
      return model
          .findAttribute(Attributes.runtimeInvisibleAnnotations())
          .map(a -> a.annotations())
          .orElse(List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isVisible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, PackageSignature.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
