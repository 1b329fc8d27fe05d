package org.weasis.progressive.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** Entry point of {@code ./progressive}: one picocli subcommand per verb. */
@Command(name = "./progressive", synopsisSubcommandLabel = "<command>",
    description = "Progressive DICOMweb loading for Weasis: the demo, the tools and the benchmarks. Each command"
        + " takes --help; `test` and `setup` are the launcher's own.")
public final class Main implements Callable<Integer> {
  @Spec
  private CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  private boolean help;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command and returns its exit code (0 = success, 2 = a bad command line, 1 = it failed). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String[] given = args.length == 0 ? new String[] {"--help"} : args;
    return commandLine(out, err).execute(given);
  }

  /** The whole command tree, writing to {@code out} and {@code err}. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main());
    cli.addSubcommand("help", new CommandLine.HelpCommand());
    legacy(cli, "demo", "our bundles in an embedded Felix load a sample study progressively from a local"
        + " DICOMweb server: the viewer window with a display, else the per-image timeline",
        a -> new DemoCommand(out, err).run(a));
    cli.addSubcommand("load", new LoadCommand(out, err));
    legacy(cli, "serve", "serve a Static DICOMweb directory tree over HTTP with Range support",
        a -> ServeCommand.run(a, err));
    cli.addSubcommand("decode", new DecodeCommand(out, err));
    cli.addSubcommand("fuzz", new CodecToolsCommand.Fuzz(out));
    cli.addSubcommand("bench-decode", new CodecToolsCommand.BenchDecode());
    legacy(cli, "shape", "a TCP proxy that shapes any client's link (bandwidth per direction, latency)",
        a -> shape(a, out, err));
    legacy(cli, "bench", "the progressive cases on generated data through a shaped link, against the wire limit",
        a -> new BenchCommand(out, err).run(a));
    legacy(cli, "weasis", "a Weasis 4.7 distribution (default the SDK's) with our package installed",
        a -> new WeasisCommand(out, err).run(a));
    CommandLine child = legacy(cli, ColdStart.VERB, "(internal) the child JVM of the bench's cold start",
        a -> ColdStart.child(a, out, err));
    child.getCommandSpec().usageMessage().hidden(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, a) -> usageError(e, err));
    cli.setExecutionExceptionHandler((e, c, r) -> failure(e, c, err));
    return cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** A bad command line: names what was wrong and where the command's help is; exit code 2. */
  private static int usageError(ParameterException e, PrintStream err) {
    CommandLine command = e.getCommandLine();
    String name = command.getCommandName();
    if (command.getCommand() instanceof Main) {
      err.println(describe(e));
      command.usage(err);
      return 2;
    }
    err.println(name + ": " + describe(e) + " (see ./progressive " + name + " --help)");
    return 2;
  }

  private static String describe(ParameterException e) {
    List<String> leftOver = e.getCommandLine().getUnmatchedArguments();
    if (!leftOver.isEmpty() && !(e.getCommandLine().getCommand() instanceof Main)) {
      return unknown(leftOver.getFirst()); // a misspelt option explains a missing one best
    }
    if (e instanceof CommandLine.MissingParameterException missing) {
      return missing.getMissing().stream().map(Main::label).map(l -> l + " is required")
          .collect(Collectors.joining("; "));
    }
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String first = unmatched.getUnmatched().getFirst();
      if (e.getCommandLine().getCommand() instanceof Main) {
        return "Unknown command '" + first + "'.";
      }
      return unknown(first);
    }
    return e.getMessage();
  }

  private static String unknown(String argument) {
    return argument.startsWith("-") ? "unknown option " + argument : "unexpected argument '" + argument + "'";
  }

  private static String label(ArgSpec arg) {
    return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
  }

  /** A command's own refusal of its input ({@link UsageException}) is a usage error; anything else fails it. */
  private static int failure(Exception e, CommandLine command, PrintStream err) {
    if (e instanceof UsageException) {
      err.println(e.getMessage());
      return 2;
    }
    err.println(command.getCommandName() + ": " + e);
    return 1;
  }

  private static int shape(String[] args, PrintStream out, PrintStream err) {
    try {
      return org.weasis.progressive.netshape.ShapeMain.run(args, out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /**
   * A command that still reads its own arguments: picocli hands it every argument as given (its --help
   * included), so its options and messages stay as they are.
   */
  private static CommandLine legacy(CommandLine root, String name, String description, Legacy run) {
    CommandLine command = new CommandLine(new Verbatim(run));
    command.setStopAtUnmatched(true);
    // weasis passes what follows "--" to the Weasis launcher: the delimiter must reach the command.
    command.setEndOfOptionsDelimiter("\u0000");
    command.getCommandSpec().usageMessage().description(description);
    root.addSubcommand(name, command);
    return command;
  }

  @FunctionalInterface
  interface Legacy {
    int run(String[] args) throws Exception;
  }

  @Command
  static final class Verbatim implements Callable<Integer> {
    private final Legacy run;

    @Unmatched
    private final List<String> args = new ArrayList<>();

    Verbatim(Legacy run) {
      this.run = run;
    }

    @Override
    public Integer call() throws Exception {
      return run.run(args.toArray(String[]::new));
    }
  }
}
