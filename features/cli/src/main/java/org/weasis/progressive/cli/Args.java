package org.weasis.progressive.cli;

import java.util.ArrayList;
import java.util.List;

/** A small reader of {@code --name value} options, so each command states its options in one place. */
final class Args {
  private final String command;
  private final List<String> remaining;

  Args(String command, String[] args) {
    this.command = command;
    this.remaining = new ArrayList<>(List.of(args));
  }

  boolean flag(String name) {
    return remaining.remove(name);
  }

  /** True when {@code name} is given (read it after, with the method for its kind). */
  boolean has(String name) {
    return remaining.contains(name);
  }

  String option(String name) {
    int at = remaining.indexOf(name);
    if (at < 0) {
      return null;
    }
    if (at + 1 >= remaining.size()) {
      throw new UsageException(command + ": " + name + " needs a value (see ./progressive " + command + " --help)");
    }
    String value = remaining.remove(at + 1);
    remaining.remove(at);
    return value;
  }

  List<String> options(String name) {
    List<String> values = new ArrayList<>();
    String v;
    while ((v = option(name)) != null) {
      values.add(v);
    }
    return values;
  }

  String required(String name) {
    String v = option(name);
    if (v == null) {
      throw new UsageException(command + ": " + name + " is required (see ./progressive " + command + " --help)");
    }
    return v;
  }

  int intOption(String name, int fallback) {
    String v = option(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": " + name + " must be a whole number, got '" + v + "'");
    }
  }

  List<String> positional() {
    for (String r : remaining) {
      if (r.startsWith("--")) {
        throw new UsageException(command + ": unknown option " + r + " (see ./progressive " + command + " --help)");
      }
    }
    return List.copyOf(remaining);
  }

  void requireNoMore() {
    List<String> left = positional();
    if (!left.isEmpty()) {
      throw new UsageException(command + ": unexpected argument '" + left.get(0) + "'");
    }
  }
}
