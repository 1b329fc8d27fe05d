package org.weasis.progressive.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.weasis.progressive.netshape.ShapeMain;
import org.weasis.progressive.server.ServeMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.ParserSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
    cli.addSubcommand("demo", new DemoCommand(out, err));
    cli.addSubcommand("load", new LoadCommand(out, err));
    cli.addSubcommand("serve", ServeMain.command(out));
    cli.addSubcommand("decode", new DecodeCommand(out, err));
    cli.addSubcommand("fuzz", new CodecToolsCommand.Fuzz(out));
    cli.addSubcommand("bench-decode", new CodecToolsCommand.BenchDecode());
    cli.addSubcommand("shape", ShapeMain.command(out, err));
    cli.addSubcommand("bench", new BenchCommand(out, err));
    cli.addSubcommand("weasis", new WeasisCommand(err));
    cli.addSubcommand(ColdStart.VERB, new ColdStart.Child(out, err));
    cli.setSeparator("="); // serve and shape alone read only `--port 8042`; here `--port=8042` works too
    spaceInHelp(cli);
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

  /**
   * Help writes an option with its value as the README and most users do, {@code --net 4g}, although the
   * parser takes {@code --net=4g} too: picocli renders its parser's separator, so help is rendered with " ".
   */
  private static void spaceInHelp(CommandLine command) {
    Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>(command.getHelpSectionMap());
    for (String key : List.of(UsageMessageSpec.SECTION_KEY_SYNOPSIS, UsageMessageSpec.SECTION_KEY_OPTION_LIST)) {
      IHelpSectionRenderer section = sections.get(key);
      sections.put(key, help -> {
        ParserSpec parser = help.commandSpec().parser();
        String separator = parser.separator();
        parser.separator(" ");
        try {
          return section.render(help);
        } finally {
          parser.separator(separator);
        }
      });
    }
    command.setHelpSectionMap(sections);
    command.getSubcommands().values().forEach(Main::spaceInHelp);
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
}
