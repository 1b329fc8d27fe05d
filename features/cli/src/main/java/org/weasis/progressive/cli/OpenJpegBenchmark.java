package org.weasis.progressive.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.codec.openjpeg.internal.OpenJpegDecoder;
import org.weasis.progressive.codec.openjpeg.internal.natives.OpenJpeg;
import org.weasis.progressive.testsupport.codec.ReferenceTools;
import org.weasis.progressive.testsupport.codec.SyntheticImage;

/**
 * Times this decoder against the native command-line decoders on the same files in one run:
 * {@code OpenJpegBenchmark [size=3036] [runs=7]}. The tools are timed as processes writing to
 * /dev/null, minus the median time they take on a 16x16 image (start-up, file I/O), so that both
 * sides count decoding only.
 */
public final class OpenJpegBenchmark {
  private static final int LEVELS = 5;

  private final int runs;
  private final Path dir;
  private final Path sink;

  private OpenJpegBenchmark(int runs, Path dir) throws IOException {
    this.runs = runs;
    this.dir = dir;
    this.sink = sinkIn(dir);
  }

  /** A size x size 16-bit image, the median of {@code runs}; returns 2 without the library, else 0. */
  static int run(int size, int runs) throws Exception {
    OpenJpeg.Availability availability = OpenJpeg.load();
    if (!availability.available()) {
      System.err.println(availability.problem());
      return 2;
    }
    Path shm = Path.of("/dev/shm");
    Path dir = Files.isWritable(shm) ? Files.createTempDirectory(shm, "openjpeg-bench") : Files.createTempDirectory("openjpeg-bench");
    try {
      new OpenJpegBenchmark(runs, dir).run(availability.library(), size);
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    return 0;
  }

  private void run(OpenJpeg library, int size) throws Exception {
    SyntheticImage image = SyntheticImage.make(size, size, 1, 16, false, 42);
    PixelDescription target = new PixelDescription(size, size, 1, 16, 16, false, "MONOCHROME2", 0, 1, 0, null, null);
    byte[] htj2k = ReferenceTools.ojphCompress(image, dir, "-prog_order", "RPCL", "-num_decomps", String.valueOf(LEVELS));
    Path htFile = Files.write(dir.resolve("bench.j2c"), htj2k);
    SyntheticImage tiny = SyntheticImage.make(16, 16, 1, 16, false, 1);
    Path tinyFile = Files.write(dir.resolve("tiny.j2c"),
        ReferenceTools.ojphCompress(tiny, dir, "-prog_order", "RPCL", "-num_decomps", "2"));
    System.out.printf("OpenJPEG %s via FFM, %d cores; %dx%d 16-bit HTJ2K RPCL (ojph_compress, %d levels), %d bytes;"
        + " medians of %d runs%n", library.version(), Runtime.getRuntime().availableProcessors(), size, size,
        LEVELS, htj2k.length, runs);

    double[][] java = new double[3][];
    for (int threads = 1; threads <= 2; threads++) {
      java[threads] = javaTimes(new OpenJpegDecoder(library, threads), htj2k, target, TransferSyntax.HTJ2K_LOSSLESS_RPCL);
      print("this decoder, " + threads + " thread" + (threads > 1 ? "s" : ""), java[threads], size);
    }
    String ojph = ReferenceTools.find(ReferenceTools.OJPH_EXPAND).toString();
    double ojphStart = median(() -> time(List.of(ojph, "-i", tinyFile.toString(), "-o", sink.toString())));
    double[][] ojphTimes = toolTimes(level -> level == 0
        ? List.of(ojph, "-i", htFile.toString(), "-o", sink.toString())
        : List.of(ojph, "-i", htFile.toString(), "-o", sink.toString(), "-skip_res", String.valueOf(level)), ojphStart);
    print("ojph_expand, process time minus start-up (" + ms(ojphStart) + " ms)", ojphTimes[0], size);
    print("ojph_expand, its own \"Elapsed time\"", ojphTimes[1], size);
    String opj = ReferenceTools.find(ReferenceTools.OPJ_DECOMPRESS).toString();
    double opjStart = median(() -> time(List.of(opj, "-i", tinyFile.toString(), "-o", sink.toString())));
    for (int threads = 1; threads <= 2; threads++) {
      String n = String.valueOf(threads);
      double[][] opjTimes = toolTimes(level -> List.of(opj, "-threads", n, "-i", htFile.toString(),
          "-o", sink.toString(), "-r", String.valueOf(level)), opjStart);
      print("opj_decompress -threads " + n + ", its own \"decode time\" (process minus start-up: "
          + ms(opjTimes[0][0]) + " ms at L0, mostly its PGM writer)", opjTimes[1], size);
    }
    double ojphFull = Math.min(ojphTimes[0][0], ojphTimes[1][0]);
    System.out.printf("HTJ2K full decode throughput vs ojph_expand: %.2fx (1 thread), %.2fx (2 threads);"
        + " level 3 is %.0fx faster than full (1 thread)%n",
        ojphFull / java[1][0], ojphFull / java[2][0], java[1][0] / java[1][3]);
    classic(library, image, target, size);
  }

  /** Classic JPEG 2000 of the same image, full decode only: this decoder and opj_decompress. */
  private void classic(OpenJpeg library, SyntheticImage image, PixelDescription target, int size) throws Exception {
    byte[] j2k = ReferenceTools.opjCompress(image, dir, "j2k", "-p", "RPCL");
    Path file = Files.write(dir.resolve("bench.j2k"), j2k);
    OpenJpegDecoder decoder = new OpenJpegDecoder(library, 1);
    double ours = median(() -> javaTime(decoder, j2k, target, TransferSyntax.JPEG_2000_LOSSLESS, 0));
    String opj = ReferenceTools.find(ReferenceTools.OPJ_DECOMPRESS).toString();
    double theirs = median(() -> run(List.of(opj, "-i", file.toString(), "-o", sink.toString())).reportedMillis());
    double mp = (double) size * size / 1e6;
    System.out.printf("classic JPEG 2000 lossless (%d bytes), full: this decoder %.0f ms = %.1f MP/s,"
        + " opj_decompress (own decode time) %.0f ms = %.1f MP/s%n", j2k.length, ours, mp / ours * 1e3, theirs, mp / theirs * 1e3);
  }

  private double[] javaTimes(FrameDecoder decoder, byte[] data, PixelDescription target, String ts) throws Exception {
    for (int warm = 0; warm < 3; warm++) {
      javaTime(decoder, data, target, ts, 0);
    }
    double[] times = new double[LEVELS + 1];
    for (int level = 0; level <= LEVELS; level++) {
      int l = level;
      times[level] = median(() -> javaTime(decoder, data, target, ts, l));
    }
    return times;
  }

  private static double javaTime(FrameDecoder decoder, byte[] data, PixelDescription target, String ts, int level)
      throws DecodeException {
    long start = System.nanoTime();
    decoder.decode(ByteBuffer.wrap(data), new DecodeRequest(ts, target, level, true));
    return (System.nanoTime() - start) / 1e6;
  }

  private interface LevelCommand {
    List<String> command(int level);
  }

  /** Per level: [0] wall time minus start-up, [1] the tool's own report. */
  private double[][] toolTimes(LevelCommand command, double startup) throws Exception {
    double[][] times = new double[2][LEVELS + 1];
    for (int level = 0; level <= LEVELS; level++) {
      List<String> c = command.command(level);
      run(c); // warm the page cache
      times[0][level] = Math.max(0.01, median(() -> time(c)) - startup);
      times[1][level] = median(() -> run(c).reportedMillis());
    }
    return times;
  }

  /** Wall-clock milliseconds of a process. */
  private static double time(List<String> command) throws IOException, InterruptedException {
    return run(command).wallMillis();
  }

  /**
   * A tool run: its wall-clock time, and the decode time it reports itself (opj_decompress "decode
   * time: N ms", which excludes writing the output; ojph_expand "Elapsed time = s"), or NaN.
   */
  private record ToolRun(double wallMillis, double reportedMillis) {}

  private static ToolRun run(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    int exit = process.waitFor();
    double elapsed = (System.nanoTime() - start) / 1e6;
    if (exit != 0) {
      throw new IOException("exit " + exit + ": " + String.join(" ", command) + "\n" + output);
    }
    return new ToolRun(elapsed, reported(output));
  }

  private static double reported(String output) {
    java.util.regex.Matcher opj = java.util.regex.Pattern.compile("decode time: (\\d+) ms").matcher(output);
    if (opj.find()) {
      return Double.parseDouble(opj.group(1));
    }
    java.util.regex.Matcher ojph = java.util.regex.Pattern.compile("Elapsed time = ([0-9.]+)").matcher(output);
    return ojph.find() ? Double.parseDouble(ojph.group(1)) * 1e3 : Double.NaN;
  }

  private interface Timed {
    double millis() throws Exception;
  }

  private double median(Timed timed) throws Exception {
    double[] samples = new double[runs];
    for (int i = 0; i < runs; i++) {
      samples[i] = timed.millis();
    }
    Arrays.sort(samples);
    return samples[runs / 2];
  }

  private static void print(String name, double[] millis, int size) {
    List<String> cells = new ArrayList<>();
    for (int level = 0; level < millis.length; level++) {
      int side = DecodeRequest.reducedSize(size, level);
      double mp = (double) side * side / 1e6;
      cells.add(String.format("L%d %dx%d %.1f ms %.1f MP/s", level, side, side, millis[level], mp / millis[level] * 1e3));
    }
    System.out.println(name + ":\n  " + String.join("\n  ", cells));
  }

  private static String ms(double millis) {
    return String.format("%.0f", millis);
  }

  /** A .pgm name that is /dev/null, so the tools pick their PGM writer and write nowhere. */
  private static Path sinkIn(Path dir) throws IOException {
    Path sink = dir.resolve("null.pgm");
    Files.deleteIfExists(sink);
    return Files.createSymbolicLink(sink, Path.of("/dev/null"));
  }
}
