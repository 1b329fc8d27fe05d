package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarksTest {
  private static final Pattern STEP = Pattern.compile("(\\S+)=(\\d+)");

  @Test
  void eachStepKeepsItsFirstTimeAndTheStepsAreListedInTheOrderTheyHappened() throws Exception {
    // The command was 50 ms ago: every step is at least 50 ms after it.
    Marks marks = new Marks(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(50));

    marks.mark("engine");
    Thread.sleep(20);
    marks.mark("first-version");
    long firstVersion = value(marks.describe(), "first-version");
    Thread.sleep(20);
    marks.mark("first-version"); // a later version: the first one's time stays

    String line = marks.describe();
    assertTrue(line.matches("engine=\\d+ first-version=\\d+"), line);
    assertTrue(value(line, "engine") >= 50, line);
    assertTrue(value(line, "first-version") >= value(line, "engine") + 20, line);
    assertEquals(firstVersion, value(line, "first-version"), line);
  }

  private static long value(String line, String step) {
    Matcher m = STEP.matcher(line);
    while (m.find()) {
      if (m.group(1).equals(step)) {
        return Long.parseLong(m.group(2));
      }
    }
    throw new AssertionError(step + " not in " + line);
  }
}
