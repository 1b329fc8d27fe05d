package org.weasis.progressive.commandline;

import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A main's command line read by picocli into its {@code @Command} object, with refusals worded as the mains
 * always worded them: the option or the argument, and what is wrong with it.
 */
public final class CommandLines {
  private CommandLines() {}

  /**
   * Reads {@code args} into {@code command}; returns true when help is asked for, which wins over any mistake
   * (every argument is read before one is reported). A mistake is an IllegalArgumentException naming it.
   */
  public static boolean parse(Object command, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.getCommandSpec().parser().collectErrors(true);
    CommandLine.ParseResult result = cli.parseArgs(args);
    if (result.isUsageHelpRequested()) {
      return true;
    }
    if (!result.errors().isEmpty()) {
      throw new IllegalArgumentException(message(result.errors().getFirst()));
    }
    return false;
  }

  /** The help picocli generates from {@code command}'s declarations. */
  public static String usage(Object command) {
    return new CommandLine(command).getUsageMessage().stripTrailing();
  }

  /**
   * What a command checks once every option is read (one target, a complete link, ...): its refusal, an
   * IllegalArgumentException, becomes picocli's, so a tool that gathers commands reports it as a usage error.
   */
  public static <T> T checked(CommandSpec spec, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** Turns a value's refusal into picocli's, keeping its message: for {@code ITypeConverter}s. */
  public static <T> T converted(Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** picocli's refusal in the mains' words. */
  static String message(Exception e) {
    if (e.getCause() instanceof TypeConversionException conversion) {
      return conversion.getMessage();
    }
    if (e instanceof MissingParameterException missing && missing.getMissing().getFirst() instanceof OptionSpec o) {
      return o.longestName() + " needs a value";
    }
    if (e instanceof UnmatchedArgumentException unmatched) {
      String first = unmatched.getUnmatched().getFirst();
      return first.startsWith("-") ? "Unknown option " + first : "Unexpected argument '" + first + "'";
    }
    return e.getMessage();
  }
}
