package org.weasis.progressive.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./progressive fuzz} and {@code ./progressive bench-decode}: the codec tools. */
final class CodecToolsCommand {
  private CodecToolsCommand() {}

  @Command(name = "fuzz", sortOptions = false, description = {
      "feed mutated codestreams to our decoders (must never crash the JVM)", "",
      "Feeds N mutated inputs (bit flips, insertions, deletions, truncations of real encoder output and of the"
          + " fixture frames) to each decoder. Every input must decode or be refused with a DecodeException;"
          + " anything else is counted as unexpected (a JVM crash ends the run). JPEG-LS inputs that our Java"
          + " decoder decodes are decoded by CharLS too and must give the same samples."})
  static final class Fuzz implements Callable<Integer> {
    @Option(names = "--codec", paramLabel = "openjpeg|charls|all", defaultValue = "all",
        description = "the decoders to fuzz (default ${DEFAULT-VALUE})")
    private String codec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "100000",
        description = "inputs per codec (default ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    private int seed;

    @Option(names = "--fixtures", paramLabel = "DIR", description = "a Static DICOMweb tree whose HTJ2K/JPEG 2000"
        + " frames seed the OpenJPEG fuzzer too, e.g. features/test-fixtures/src/main/resources/"
        + "weasis-progressive-fixtures/static-dicomweb-mkdicomweb")
    private Path fixtures;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    private boolean help;

    private final PrintStream out;

    Fuzz(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() throws Exception {
      List<String> codecs = codecs(codec, "fuzz");
      int worst = 0;
      if (codecs.contains("openjpeg")) {
        out.println("== OpenJPEG (JPEG 2000 / HTJ2K)");
        worst = Math.max(worst, OpenJpegFuzz.run(count, seed, fixtures));
      }
      if (codecs.contains("charls")) {
        out.println("== JPEG-LS (Java decoder, CharLS as reference)");
        worst = Math.max(worst, CharlsFuzz.run(count, seed));
      }
      return worst;
    }
  }

  @Command(name = "bench-decode", sortOptions = false, description = {
      "decode throughput of our decoders next to the native command-line tools", "",
      "Decode throughput (MP/s, medians) of a SIZE x SIZE 16-bit image: HTJ2K and JPEG 2000 through our FFM"
          + " decoder next to ojph_expand and opj_decompress on the same files, reduce levels 1..5, and JPEG-LS"
          + " through our Java decoder next to CharLS called natively."})
  static final class BenchDecode implements Callable<Integer> {
    @Option(names = "--codec", paramLabel = "openjpeg|charls|all", defaultValue = "all",
        description = "the decoders to measure (default ${DEFAULT-VALUE})")
    private String codec;

    @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "3036",
        description = "image side (default ${DEFAULT-VALUE})")
    private int size;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "7", description = "runs per figure (default ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    private boolean help;

    @Override
    public Integer call() throws Exception {
      List<String> codecs = codecs(codec, "bench-decode");
      int code = 0;
      if (codecs.contains("openjpeg")) {
        code = OpenJpegBenchmark.run(size, runs);
      }
      if (codecs.contains("charls")) {
        CharlsBenchmark.run(size, runs);
      }
      return code;
    }
  }

  private static List<String> codecs(String value, String command) {
    return switch (value) {
      case "all" -> List.of("openjpeg", "charls");
      case "openjpeg", "charls" -> List.of(value);
      default -> throw new UsageException(command + ": --codec must be openjpeg, charls or all, got '" + value + "'");
    };
  }
}
