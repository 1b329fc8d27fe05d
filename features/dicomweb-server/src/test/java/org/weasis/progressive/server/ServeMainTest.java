package org.weasis.progressive.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The command line, without starting a server that would run until killed. */
class ServeMainTest {

  @Test
  void aBareDirectoryIsServedOnLoopbackOnAnyPort() {
    ServeMain.Options options = ServeMain.Options.parse("tree");

    assertEquals(new ServeMain.Options(Path.of("tree"), false, "127.0.0.1", 0, "", false), options);
  }

  @Test
  void sampleHostPortAndPrefixAreRead() {
    ServeMain.Options options = ServeMain.Options.parse(
        "--sample", "out", "--port", "8042", "--host", "localhost", "--prefix", "/dicomweb");

    assertEquals(new ServeMain.Options(Path.of("out"), true, "localhost", 8042, "/dicomweb", false),
        options);
  }

  @Test
  void helpWinsOverEverythingElse() {
    assertTrue(ServeMain.Options.parse("--port", "1", "--help").help());
    assertTrue(ServeMain.USAGE.contains("--sample DIR"));
  }

  @Test
  void mistakesAreReportedWithTheOffendingArgument() {
    assertEquals("Missing DIR", message(() -> ServeMain.Options.parse("--port", "0")));
    assertEquals("--port must be 0..65535, got 70000",
        message(() -> ServeMain.Options.parse("d", "--port", "70000")));
    assertEquals("--port needs a value", message(() -> ServeMain.Options.parse("d", "--port")));
    assertEquals("Unknown option --verbose", message(() -> ServeMain.Options.parse("d", "--verbose")));
    assertFalse(message(() -> ServeMain.Options.parse("a", "b")).isEmpty());
  }

  private static String message(Executable parse) {
    return assertThrows(IllegalArgumentException.class, parse).getMessage();
  }
}
