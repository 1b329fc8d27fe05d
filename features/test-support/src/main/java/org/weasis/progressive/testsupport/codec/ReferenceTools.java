package org.weasis.progressive.testsupport.codec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Debian command-line encoders and decoders (OpenJPH's ojph_compress/ojph_expand, OpenJPEG's
 * opj_compress/opj_decompress) that make test fixtures from real encoders and serve as references.
 */
public final class ReferenceTools {
  public static final String OJPH_COMPRESS = "ojph_compress";
  public static final String OJPH_EXPAND = "ojph_expand";
  public static final String OPJ_COMPRESS = "opj_compress";
  public static final String OPJ_DECOMPRESS = "opj_decompress";

  private ReferenceTools() {}

  /** The tool's path on PATH. */
  public static Path find(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(tool + " is not on PATH; install the Debian package "
        + (tool.startsWith("ojph") ? "openjph-tools" : "libopenjp2-tools") + " (./progressive setup does it)");
  }

  /**
   * HTJ2K, lossless (5/3), with ojph_compress; {@code extra} adds options such as
   * {@code -prog_order RPCL}. Signed data goes through raw input (OpenJPH 0.9 writes negative values
   * that other decoders read differently, see the tests).
   */
  public static byte[] ojphCompress(SyntheticImage image, Path dir, String... extra) throws IOException {
    Path out = dir.resolve("ojph-" + System.nanoTime() + ".j2c");
    List<String> command = new ArrayList<>(List.of(find(OJPH_COMPRESS).toString()));
    if (image.signed()) {
      Path raw = image.writeRaw(dir.resolve("in-" + System.nanoTime() + ".yuv"));
      command.addAll(List.of("-i", raw.toString(), "-dims", "{" + image.width() + "," + image.height() + "}",
          "-num_comps", String.valueOf(image.components()),
          "-signed", String.join(",", java.util.Collections.nCopies(image.components(), "true")),
          "-bit_depth", String.join(",", java.util.Collections.nCopies(image.components(), String.valueOf(image.bits()))),
          "-downsamp", String.join(",", java.util.Collections.nCopies(image.components(), "{1,1}"))));
    } else {
      Path pnm = image.writePnm(dir.resolve("in-" + System.nanoTime() + (image.components() == 1 ? ".pgm" : ".ppm")));
      command.addAll(List.of("-i", pnm.toString()));
    }
    command.addAll(List.of("-o", out.toString(), "-reversible", "true"));
    command.addAll(Arrays.asList(extra));
    run(command);
    return Files.readAllBytes(out);
  }

  /** Classic JPEG 2000, lossless unless {@code extra} says otherwise, with opj_compress. */
  public static byte[] opjCompress(SyntheticImage image, Path dir, String extension, String... extra)
      throws IOException {
    Path out = dir.resolve("opj-" + System.nanoTime() + "." + extension);
    List<String> command = new ArrayList<>(List.of(find(OPJ_COMPRESS).toString()));
    if (image.signed() || image.components() != 1 && image.components() != 3) {
      Path raw = image.writeRaw(dir.resolve("in-" + System.nanoTime() + ".rawl"));
      command.addAll(List.of("-i", raw.toString(), "-F", image.width() + "," + image.height() + ","
          + image.components() + "," + image.bits() + "," + (image.signed() ? "s" : "u")));
    } else {
      Path pnm = image.writePnm(dir.resolve("in-" + System.nanoTime() + (image.components() == 1 ? ".pgm" : ".ppm")));
      command.addAll(List.of("-i", pnm.toString()));
    }
    command.addAll(List.of("-o", out.toString()));
    command.addAll(Arrays.asList(extra));
    run(command);
    return Files.readAllBytes(out);
  }

  /** Runs a command, failing with its output when it does not exit 0 within two minutes. */
  public static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output;
    try (var in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n"
          + new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
