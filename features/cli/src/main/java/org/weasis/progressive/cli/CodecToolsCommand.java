package org.weasis.progressive.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code ./progressive fuzz} and {@code ./progressive bench-decode}: the codec bundles' own tools. */
final class CodecToolsCommand {
  static final String FUZZ_HELP = """
      Usage: ./progressive fuzz [--codec openjpeg|charls|all] [--count N] [--seed S]

      Feeds N mutated inputs (bit flips, insertions, deletions, truncations of real encoder output and of
      the fixture frames) to each decoder. Every input must decode or be refused with a DecodeException;
      anything else is counted as unexpected (a JVM crash ends the run). JPEG-LS inputs that our Java
      decoder decodes are decoded by CharLS too and must give the same samples. Default: all codecs,
      100000, seed 1.
      """;
  static final String BENCH_HELP = """
      Usage: ./progressive bench-decode [--codec openjpeg|charls|all] [--size PIXELS] [--runs N]

      Decode throughput (MP/s, medians) of a SIZE x SIZE 16-bit image: HTJ2K and JPEG 2000 through our
      FFM decoder next to ojph_expand and opj_decompress on the same files, reduce levels 1..5, and JPEG-LS
      through our Java decoder next to CharLS called natively. Default size 3036.
      """;

  private CodecToolsCommand() {}

  static int fuzz(String[] argv, PrintStream out) throws Exception {
    Args args = new Args("fuzz", argv);
    if (args.flag("--help")) {
      out.print(FUZZ_HELP);
      return 0;
    }
    List<String> codecs = codecs(args.option("--codec"), "fuzz");
    int count = args.intOption("--count", 100_000);
    int seed = args.intOption("--seed", 1);
    args.requireNoMore();
    int worst = 0;
    if (codecs.contains("openjpeg")) {
      out.println("== OpenJPEG (JPEG 2000 / HTJ2K)");
      worst = Math.max(worst, OpenJpegFuzz.run(count, seed, null));
    }
    if (codecs.contains("charls")) {
      out.println("== JPEG-LS (Java decoder, CharLS as reference)");
      worst = Math.max(worst, CharlsFuzz.run(count, seed));
    }
    return worst;
  }

  static int benchDecode(String[] argv, PrintStream out) throws Exception {
    Args args = new Args("bench-decode", argv);
    if (args.flag("--help")) {
      out.print(BENCH_HELP);
      return 0;
    }
    List<String> codecs = codecs(args.option("--codec"), "bench-decode");
    String size = String.valueOf(args.intOption("--size", 3036));
    String runs = String.valueOf(args.intOption("--runs", 7));
    args.requireNoMore();
    if (codecs.contains("openjpeg")) {
      OpenJpegBenchmark.main(new String[] {size, runs});
    }
    if (codecs.contains("charls")) {
      CharlsBenchmark.main(new String[] {size, runs});
    }
    return 0;
  }

  private static List<String> codecs(String value, String command) {
    String v = value == null ? "all" : value;
    return switch (v) {
      case "all" -> List.of("openjpeg", "charls");
      case "openjpeg", "charls" -> List.of(v);
      default -> throw new UsageException(command + ": --codec must be openjpeg, charls or all, got '" + v + "'");
    };
  }
}
