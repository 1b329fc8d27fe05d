package org.weasis.progressive.cli;

/** A command line that cannot be run; the message says what is wrong and how to get help. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
