package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.weasis.internal.viewer.HandOverTiming.Step;

class HandOverTimingTest {
  private static final Pattern LINE = Pattern.compile(
      "versions=(\\d+) sum=(\\S+) first=(\\S+) last=(\\S+)");

  @Test
  void eachVersionsStepsAreSummedAndTheFirstAndLastVersionAreKeptApart() throws Exception {
    HandOverTiming timing = new HandOverTiming();
    assertEquals("versions=0 sum=grid:0,write:0,read:0,model:0,edt:0,thumbnail:0 first=none last=none",
        timing.describe(), "nothing handed over yet");

    timing.begin();
    Thread.sleep(30);
    timing.mark(Step.WRITE); // the 30 ms since begin()
    timing.mark(Step.READ); // nothing since
    timing.end();
    timing.begin();
    Thread.sleep(30);
    timing.mark(Step.GRID);
    timing.end();
    timing.begin();
    timing.mark(Step.GRID);
    // a version not handed over (end() not called) does not count

    Matcher m = LINE.matcher(timing.describe());
    assertTrue(m.matches(), timing.describe());
    assertEquals(2, Integer.parseInt(m.group(1)));
    assertTrue(ms(m.group(3), "write") >= 30 && ms(m.group(3), "grid") == 0, "first: " + m.group(3));
    assertTrue(ms(m.group(4), "grid") >= 30 && ms(m.group(4), "write") == 0, "last: " + m.group(4));
    assertEquals(ms(m.group(3), "write"), ms(m.group(2), "write"), "sum of write: " + m.group(2));
    assertEquals(ms(m.group(4), "grid"), ms(m.group(2), "grid"), "sum of grid: " + m.group(2));
  }

  private static long ms(String steps, String step) {
    for (String part : steps.split(",")) {
      String[] kv = part.split(":");
      if (kv[0].equals(step)) {
        return Long.parseLong(kv[1]);
      }
    }
    throw new AssertionError(step + " not in " + steps);
  }
}
