package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

/** The help picocli generates from each command's declared options, and its refusal of unknown ones. */
class CommandHelpTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @ParameterizedTest
  @ValueSource(strings = {"demo", "load", "serve", "decode", "fuzz", "bench-decode", "shape", "bench", "weasis"})
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
  @ValueSource(strings = {"load", "decode", "fuzz", "bench-decode", "demo", "bench", "weasis", "serve", "shape"})
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

  @Test
  void helpWritesAnOptionWithItsValueAsTypedAndTheParserTakesBothForms() {
    assertEquals(0, run("shape", "--help"));
    assertTrue(text(out).contains("--latency-ms N"), text(out));
    assertFalse(text(out).contains("--latency-ms=N"), text(out));

    // Refused for what it says, not for its form: the value reached the command.
    assertEquals(2, run("bench", "--net=5g"));
    assertTrue(text(err).contains("bench: --net Unknown link '5g'"), text(err));
  }

  @Test
  void theServerAndTheShaperNameWhatTheirCommandLineLacks() {
    assertEquals(2, run("serve", "--port", "8042"));
    assertTrue(text(err).contains("serve: Missing DIR (see ./progressive serve --help)"), text(err));
    err.reset();

    assertEquals(2, run("serve", "tree", "--port", "70000"));
    assertTrue(text(err).contains("--port must be 0..65535, got 70000"), text(err));
    err.reset();

    assertEquals(2, run("shape", "--listen", "0", "--net", "4g"));
    assertTrue(text(err).contains("shape: Missing --target HOST:PORT"), text(err));
  }

  @Test
  void weasisPassesWhatFollowsTheDashesToTheLauncherAndRefusesAStrayArgumentBeforeThem(@TempDir Path empty) {
    assertEquals(2, run("weasis", "stray", "--", "$dicom:get"));
    assertTrue(text(err).contains("weasis: unexpected argument 'stray'"), text(err));
    err.reset();

    // --help after -- is the launcher's: not this command's help, and the run stops at the missing distribution.
    assertEquals(2, run("weasis", "--weasis", empty.toString(), "--package", empty.toString(), "--", "--help"));
    assertEquals("", text(out));
    assertTrue(text(err).contains("weasis-launcher.jar not found"), text(err));
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
