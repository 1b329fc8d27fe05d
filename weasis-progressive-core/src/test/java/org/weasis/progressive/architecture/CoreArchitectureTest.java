package org.weasis.progressive.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's structure, checked on its compiled classes with jdeps (issue 9): no package cycle, the
 * frame path's engine and http layers in one direction only, and no class over 400 source lines. The
 * dependency graph is jdeps' {@code -verbose:class} output; nested classes count as their top-level one.
 */
class CoreArchitectureTest {
  private static final String ROOT = "org.weasis.progressive";
  private static final String ENGINE = ROOT + ".internal.engine";
  private static final String HTTP = ROOT + ".internal.http";
  private static final int MAX_LINES = 400;

  private static Path base;
  /** Class → the core classes it depends on, top-level classes only. */
  private static Map<String, Set<String>> classes;

  @BeforeAll
  static void readCompiledClasses() {
    base = Path.of(System.getProperty("basedir", "."));
    classes = classGraph(jdeps(base.resolve("target/classes")));
  }

  @Test
  void theCoreMainPackagesHaveNoCycle() {
    assertEquals(List.of(), cycles(packageGraph(classes)), "package cycles in the core's main code");
  }

  @Test
  void theEngineAndTheHttpLayerHaveNoClassCycle() {
    Map<String, Set<String>> frameLayers = new TreeMap<>();
    classes.forEach((type, uses) -> {
      if (isIn(type, ENGINE) || isIn(type, HTTP)) {
        frameLayers.put(type, new TreeSet<>(uses.stream().filter(u -> isIn(u, ENGINE) || isIn(u, HTTP)).toList()));
      }
    });
    assertTrue(frameLayers.keySet().stream().anyMatch(t -> isIn(t, ENGINE)), "no engine class found");
    List<List<String>> across = cycles(frameLayers).stream()
        .filter(c -> c.stream().anyMatch(t -> isIn(t, ENGINE)) && c.stream().anyMatch(t -> isIn(t, HTTP)))
        .toList();
    assertEquals(List.of(), across, "class cycles between internal.engine and internal.http");
  }

  @Test
  void noHttpClassUsesTheEngine() {
    List<String> uses = new ArrayList<>();
    classes.forEach((type, deps) -> deps.stream().filter(d -> isIn(type, HTTP) && isIn(d, ENGINE))
        .forEach(d -> uses.add(type + " -> " + d)));
    assertEquals(List.of(), uses);
  }

  @Test
  void noEngineClassImplementsOrExtendsAnHttpType() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : classFiles(base.resolve("target/classes"), ENGINE)) {
      ClassModel model = ClassFile.of().parse(file);
      Stream.concat(model.interfaces().stream(), model.superclass().stream())
          .map(ClassEntry::asInternalName)
          .map(name -> name.replace('/', '.'))
          .filter(name -> isIn(name, HTTP))
          .forEach(name -> found.add(model.thisClass().asInternalName().replace('/', '.') + " : " + name));
    }
    assertEquals(List.of(), found, "engine classes implementing or extending an http type");
  }

  @Test
  void noCoreMainClassIsOver400Lines() throws IOException {
    Path sources = base.resolve("src/main/java");
    Map<String, Long> tooLong = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        long lines;
        try (Stream<String> text = Files.lines(file)) {
          lines = text.count();
        }
        if (lines > MAX_LINES) {
          tooLong.put(sources.relativize(file).toString().replace('\\', '/'), lines);
        }
      }
    }
    assertEquals(Map.of(), tooLong, "core main classes over " + MAX_LINES + " lines");
  }

  @Test
  void theCycleFinderFindsEachCycleOfATinyGraphAndNothingInATree() {
    Map<String, Set<String>> graph = new TreeMap<>(Map.of(
        "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of(),
        "e", Set.of("e"), "f", Set.of("a")));
    assertEquals(List.of(List.of("a", "b", "c"), List.of("e")), cycles(graph));

    Map<String, Set<String>> tree = new TreeMap<>(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of()));
    assertEquals(List.of(), cycles(tree));
  }

  @Test
  void jdepsLinesBecomeTopLevelClassEdgesWithinTheCore() {
    String output = String.join("\n",
        "classes -> java.base",
        "   org.weasis.progressive.internal.engine.A$Inner -> org.weasis.progressive.internal.http.B  classes",
        "   org.weasis.progressive.internal.engine.A -> java.lang.Object  java.base",
        "   org.weasis.progressive.internal.http.B -> org.weasis.progressive.internal.engine.A$1  classes",
        "   org.weasis.progressive.internal.http.B -> org.weasis.progressive.internal.http.B$Part  classes");
    Map<String, Set<String>> graph = classGraph(output);
    assertEquals(Set.of(ENGINE + ".A", HTTP + ".B"), graph.keySet());
    assertEquals(Set.of(HTTP + ".B"), graph.get(ENGINE + ".A"));
    assertEquals(List.of(List.of(ENGINE + ".A", HTTP + ".B")), cycles(graph));
    assertFalse(packageGraph(graph).isEmpty());
  }

  // ---- the graph, from jdeps ----

  private static String jdeps(Path classDirectory) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = jdeps.run(new PrintWriter(out), new PrintWriter(err),
        "-verbose:class", "-filter:none", classDirectory.toString());
    assertEquals(0, status, () -> "jdeps failed: " + err);
    return out.toString();
  }

  private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

  /** Core class → core classes it uses, nested classes folded into their top-level class, self-uses left out. */
  private static Map<String, Set<String>> classGraph(String jdepsOutput) {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : jdepsOutput.split("\\R")) {
      Matcher m = EDGE.matcher(line);
      if (!m.matches() || !m.group(1).startsWith(ROOT + ".")) {
        continue;
      }
      String from = topLevel(m.group(1));
      Set<String> uses = graph.computeIfAbsent(from, k -> new TreeSet<>());
      String to = topLevel(m.group(2));
      if (to.startsWith(ROOT + ".") && !to.equals(from)) {
        uses.add(to);
      }
    }
    return graph;
  }

  private static Map<String, Set<String>> packageGraph(Map<String, Set<String>> classGraph) {
    Map<String, Set<String>> graph = new TreeMap<>();
    classGraph.forEach((type, uses) -> {
      Set<String> targets = graph.computeIfAbsent(packageOf(type), k -> new TreeSet<>());
      uses.stream().map(CoreArchitectureTest::packageOf).filter(p -> !p.equals(packageOf(type))).forEach(targets::add);
    });
    return graph;
  }

  private static String topLevel(String className) {
    int dollar = className.indexOf('$');
    return dollar < 0 ? className : className.substring(0, dollar);
  }

  private static String packageOf(String className) {
    return className.substring(0, className.lastIndexOf('.'));
  }

  private static boolean isIn(String className, String packageName) {
    return packageOf(className).equals(packageName);
  }

  private static List<Path> classFiles(Path classDirectory, String packageName) throws IOException {
    try (Stream<Path> files = Files.list(classDirectory.resolve(packageName.replace('.', '/')))) {
      return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
    }
  }

  // ---- cycles: Tarjan's strongly connected components ----

  /** Every cycle, as the sorted members of a strongly connected component (a node that uses itself counts). */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    Tarjan tarjan = new Tarjan(graph);
    graph.keySet().forEach(tarjan::visitIfNew);
    tarjan.found.sort((x, y) -> x.getFirst().compareTo(y.getFirst()));
    return tarjan.found;
  }

  private static final class Tarjan {
    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new java.util.HashSet<>();
    final List<List<String>> found = new ArrayList<>();

    Tarjan(Map<String, Set<String>> graph) {
      this.graph = graph;
    }

    void visitIfNew(String node) {
      if (!index.containsKey(node)) {
        visit(node);
      }
    }

    private void visit(String node) {
      index.put(node, index.size());
      low.put(node, index.get(node));
      stack.push(node);
      onStack.add(node);
      for (String next : graph.getOrDefault(node, Set.of())) {
        if (!index.containsKey(next)) {
          visit(next);
          low.put(node, Math.min(low.get(node), low.get(next)));
        } else if (onStack.contains(next)) {
          low.put(node, Math.min(low.get(node), index.get(next)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        List<String> component = new ArrayList<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(node));
        if (component.size() > 1 || graph.getOrDefault(node, Set.of()).contains(node)) {
          found.add(component.stream().sorted().toList());
        }
      }
    }
  }
}
