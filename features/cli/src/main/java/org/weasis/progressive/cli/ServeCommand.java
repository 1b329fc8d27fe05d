package org.weasis.progressive.cli;

import java.io.IOException;
import java.io.PrintStream;
import org.weasis.progressive.server.ServeMain;

/** {@code ./progressive serve}: the static DICOMweb server, run until interrupted. */
final class ServeCommand {
  private ServeCommand() {}

  static int run(String[] args, PrintStream err) {
    try {
      ServeMain.main(args);
      return 0;
    } catch (IOException e) {
      err.println("serve: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
