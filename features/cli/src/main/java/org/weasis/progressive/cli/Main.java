package org.weasis.progressive.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** Entry point of {@code ./progressive}: dispatches to one command per verb. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command and returns its exit code (0 = success). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String verb = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    try {
      return switch (verb) {
        case "demo" -> new DemoCommand(out, err).run(rest);
        case "load" -> new LoadCommand(out, err).run(rest);
        case "serve" -> ServeCommand.run(rest, err);
        case "decode" -> new DecodeCommand(out, err).run(rest);
        case "fuzz" -> CodecToolsCommand.fuzz(rest, out);
        case "bench-decode" -> CodecToolsCommand.benchDecode(rest, out);
        case "shape" -> shape(rest, out, err);
        case "bench" -> new BenchCommand(out, err).run(rest);
        case "weasis" -> new WeasisCommand(out, err).run(rest);
        case ColdStart.VERB -> ColdStart.child(rest, out, err);
        case "help", "--help", "-h" -> usage(out, 0);
        default -> {
          err.println("Unknown command '" + verb + "'.");
          yield usage(err, 2);
        }
      };
    } catch (UsageException e) {
      err.println(e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println(verb + ": " + e);
      return 1;
    }
  }

  private static int shape(String[] args, PrintStream out, PrintStream err) {
    try {
      return org.weasis.progressive.netshape.ShapeMain.run(args, out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static int usage(PrintStream out, int code) {
    out.println("""
        Usage: ./progressive <command> [options]   (each command takes --help)

          demo    our bundles in an embedded Felix load a sample study progressively from a local
                  DICOMweb server: the viewer window with a display, else the per-image timeline
          load    load a series from a DICOMweb server and print the timeline (or --json)
          serve   serve a Static DICOMweb directory tree over HTTP with Range support
          decode  decode one frame file (or its first bytes) to a PGM image
          fuzz    feed mutated codestreams to the native decoders (must never crash the JVM)
          bench-decode   decode throughput of our decoders next to the native command-line tools
          shape   a TCP proxy that shapes any client's link (bandwidth per direction, latency)
          bench   the progressive cases on generated data through a shaped link, against the wire limit
          weasis  a Weasis 4.7 distribution (default the SDK's) with our package installed
          test    (launcher) install what is needed, build, and run every test
          setup   (launcher) install the Debian packages only
        """);
    return code;
  }
}
