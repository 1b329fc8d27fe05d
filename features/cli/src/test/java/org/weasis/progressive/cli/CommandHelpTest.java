package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** The help picocli generates from each command's declared options, and its refusal of unknown ones. */
class CommandHelpTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @ParameterizedTest
  @ValueSource(strings = {"load", "decode", "fuzz", "bench-decode"})
  void helpListsEveryOptionTheCommandDeclares(String command) {
    assertEquals(0, run(command, "--help"));

    String help = text(out);
    List<OptionSpec> options = Main.commandLine(print(out), print(err)).getSubcommands().get(command)
        .getCommandSpec().options();
    assertFalse(options.isEmpty());
    for (OptionSpec option : options) {
      assertTrue(help.contains(option.longestName()), command + " --help lacks " + option.longestName() + ":\n" + help);
    }
    assertTrue(help.startsWith("Usage: ./progressive " + command), help);
  }

  @ParameterizedTest
  @ValueSource(strings = {"load", "decode", "fuzz", "bench-decode", "demo", "bench", "weasis"})
  void anUnknownOptionIsAUsageErrorNamingIt(String command) {
    assertEquals(2, run(command, "--frobnicate"));

    assertTrue(text(err).contains(command + ": unknown option --frobnicate"), text(err));
  }

  @Test
  void theTopLevelHelpListsTheCommandsAndAnUnknownOneIsNamed() {
    assertEquals(0, run("--help"));
    for (String command : List.of("demo", "load", "serve", "decode", "fuzz", "bench-decode", "shape", "bench",
        "weasis")) {
      assertTrue(text(out).contains("  " + command + " "), command + " missing in:\n" + text(out));
    }
    assertFalse(text(out).contains(ColdStart.VERB), "the bench's internal child command stays hidden");

    assertEquals(2, run("frobnicate"));
    assertTrue(text(err).contains("Unknown command 'frobnicate'"), text(err));
  }

  @Test
  void aMissingRequiredOptionAndAWrongValueAreNamed() {
    assertEquals(2, run("decode", "in.j2c", "out.pgm"));
    assertTrue(text(err).contains("decode: --ts is required"), text(err));
    err.reset();

    assertEquals(2, run("fuzz", "--count", "many"));
    assertTrue(text(err).contains("--count") && text(err).contains("many"), text(err));
  }

  private int run(String... args) {
    return Main.run(args, print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
