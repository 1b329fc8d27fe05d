package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLookupsTest {
  /** Records what it is asked, and answers as its parent does. */
  private static final class Recording extends ClassLoader {
    final List<String> asked = new ArrayList<>();

    Recording() {
      super(ClassLookupsTest.class.getClassLoader());
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
      asked.add(name);
      return super.loadClass(name);
    }

    @Override
    public URL getResource(String name) {
      asked.add("resource " + name);
      return super.getResource(name);
    }
  }

  private static final String OWN = ClassLookups.class.getName().replace('.', '/') + ".class";

  @Test
  void asksForTheNamesInTurnWithTheResourceAndAMissingClassNowAndThen() {
    Recording loader = new Recording();

    int found = ClassLookups.run(loader, List.of("java.lang.String", ClassLookups.class.getName()), OWN, 130);

    assertEquals(130, loader.asked.size());
    assertEquals(List.of("resource " + OWN, ClassLookups.class.getName() + "Missing", "resource " + OWN),
        loader.asked.subList(0, 3));
    assertEquals(ClassLookups.class.getName() + "Missing", loader.asked.get(65));
    assertEquals(127, found, "all but the three missing classes (lookups 1, 65 and 129)");
  }

  @Test
  void aResourceThatIsNotThereCountsAsNotFound() {
    int found = ClassLookups.run(new Recording(), List.of("java.lang.String", "java.lang.Integer"), "no/such.txt",
        10);

    assertEquals(4, found, "the five resource lookups and the missing class at lookup 1 not found");
  }
}
