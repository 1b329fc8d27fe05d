package org.weasis.progressive.netshape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.weasis.progressive.commandline.CommandLines;
import picocli.CommandLine;

/** The command line: parsing in-process, and the real entry point in a child JVM for exit codes and Ctrl-C. */
class ShapeMainTest {
  private static final Pattern LISTENING = Pattern.compile("Shaping 127\\.0\\.0\\.1:(\\d+) -> .*");

  @Test
  void aNamedLinkAndATargetAreRead() {
    assertEquals(new ShapeMain.Options(8042, "127.0.0.1", 8080, LinkProfile.FOUR_G, false),
        ShapeMain.Options.parse("--listen", "8042", "--target", "127.0.0.1:8080", "--net", "4g"));
    assertEquals(new ShapeMain.Options(0, "::1", 80, LinkProfile.LOCAL, false),
        ShapeMain.Options.parse("--net", "local", "--target", "[::1]:80", "--listen", "0"));
  }

  @Test
  void theThreeNumbersMakeALinkToo() {
    assertEquals(new ShapeMain.Options(0, "host", 1, LinkProfile.parse("30,5,10"), false),
        ShapeMain.Options.parse("--listen", "0", "--target", "host:1",
            "--down-mbit", "30", "--up-mbit", "5", "--latency-ms", "10"));
  }

  @Test
  void helpWinsOverEverythingElse() {
    assertTrue(ShapeMain.Options.parse("--listen", "x", "--help").help());
  }

  @Test
  void mistakesAreReportedWithTheOffendingArgument() {
    assertEquals("Missing --listen PORT", message("--target", "h:1", "--net", "4g"));
    assertEquals("Missing --target HOST:PORT", message("--listen", "0", "--net", "4g"));
    assertEquals("--target must be HOST:PORT, got 'h'", message("--listen", "0", "--target", "h", "--net", "4g"));
    assertEquals("--target port must be 1..65535, got '0'",
        message("--listen", "0", "--target", "h:0", "--net", "4g"));
    assertEquals("--listen must be 0..65535, got 'x'", message("--listen", "x"));
    assertEquals("--listen needs a value", message("--listen"));
    assertEquals("Unknown option --verbose", message("--verbose", "1"));
    assertEquals("Unexpected argument 'extra'", message("extra"));
    assertEquals("--down-mbit must be a positive number of Mbit/s, got 'fast'", message("--down-mbit", "fast"));
    assertTrue(message("--listen", "0", "--target", "h:1", "--net", "5g").contains("'5g'"));
  }

  @Test
  void theLinkIsGivenOneWayOnlyAndCompletely() {
    assertTrue(message("--listen", "0", "--target", "h:1").startsWith("Missing the link"));
    assertEquals("Give --net or --down-mbit/--up-mbit/--latency-ms, not both",
        message("--listen", "0", "--target", "h:1", "--net", "4g", "--up-mbit", "5"));
    assertEquals("Missing --latency-ms: give all three of --down-mbit, --up-mbit and --latency-ms",
        message("--listen", "0", "--target", "h:1", "--down-mbit", "30", "--up-mbit", "5"));
  }

  @Test
  void runAnswersHelpAndBadArgumentsWithoutStartingAnything() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    assertEquals(0, ShapeMain.run(new String[] {"--help"}, print(out), print(err)));
    assertEquals(2, ShapeMain.run(new String[] {"--listen", "0"}, print(out), print(err)));

    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--latency-ms N"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("shape: Missing --target HOST:PORT"));
  }

  @Test
  void theEntryPointExitsWithTwoOnBadArguments() throws Exception {
    Process process = shapeMain("--listen", "0", "--net", "4g").start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertTrue(err.startsWith("shape: Missing --target HOST:PORT"), err);
  }

  @Test
  void theEntryPointPrintsItsAddressAndOnStopTheBytesForwarded() throws Exception {
    try (BlobServer server = BlobServer.start()) {
      Process process = shapeMain("--listen", "0", "--target", "127.0.0.1:" + server.port(), "--net", "local")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        Matcher listening = LISTENING.matcher(String.valueOf(out.readLine()));
        assertTrue(listening.matches(), listening::toString);
        int port = Integer.parseInt(listening.group(1));

        assertEquals(100_000, Clients.download(port, 100_000, 11).length);
        // SIGTERM runs the shutdown hook as Ctrl-C does; Process.destroy() would also close our end of stdout.
        process.toHandle().destroy();

        int requestBytes = "BLOB 100000 11\n".length();
        assertEquals(List.of("Forwarded 100000 bytes down, " + requestBytes + " bytes up"), out.lines().toList());
      } finally {
        process.destroyForcibly();
      }
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }
  }

  private static ProcessBuilder shapeMain(String... args) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String classPath = String.join(File.pathSeparator, codeSource(ShapeMain.class).toString(),
        codeSource(CommandLines.class).toString(), codeSource(CommandLine.class).toString());
    List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classPath, ShapeMain.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private static Path codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String message(String... args) {
    Executable parse = () -> ShapeMain.Options.parse(args);
    return assertThrows(IllegalArgumentException.class, parse).getMessage();
  }
}
