package org.weasis.progressive.testsupport.study;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.internal.dicom.DicomJsonWriter;
import org.weasis.progressive.server.StaticDicomWebFiles;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.testsupport.charls.ffm.CharlsException;

/**
 * Writes a CT-like series in the Static DICOMweb layout with the encodings the progressive cases need:
 * HTJ2K RPCL lossless frames made by the real {@code ojph_compress}, and JPEG-LS full frames and 1/4
 * thumbnails (CharLS) on the {@code /jls/} and {@code /jlsThumbnail/} alternate paths.
 */
public final class StudyWriter {
  /** How the series looks: size, count and bits. */
  public record Spec(String studyUid, String seriesUid, int images, int rows, int columns, int bitsStored) {}

  /**
   * What was written, with the source pixels for pixel-exact checks: synthesized again on each {@code get}, so
   * that writing a long stack does not hold every image in memory.
   */
  public record Written(Spec spec, List<String> sopInstanceUids, List<short[]> pixels, long htj2kBytes,
      long jlsBytes, long thumbnailBytes) {}

  public static final int THUMBNAIL_FACTOR = 4;
  /** The sample patient, the same in the metadata, the QIDO lists and any DICOM file made of a study. */
  public static final String PATIENT_NAME = "Progressive^Demo";
  public static final String PATIENT_ID = "PROGRESSIVE-1";
  private static final String RPCL_LOSSLESS = TransferSyntax.HTJ2K_LOSSLESS_RPCL;

  private StudyWriter() {}

  public static Written write(Path root, Spec spec) throws IOException {
    return write(root, spec, written -> {});
  }

  /** Writes the series, telling {@code progress} how many images are written after each one. */
  public static Written write(Path root, Spec spec, IntConsumer progress) throws IOException {
    Path series = root.resolve("studies").resolve(spec.studyUid()).resolve("series").resolve(spec.seriesUid());
    Files.createDirectories(series);
    CharlsEncoder jls = CharlsEncoder.create();
    List<String> sops = new ArrayList<>();
    long htj2k = 0;
    long full = 0;
    long thumbs = 0;
    Path scratch = Files.createTempDirectory("study-writer");
    try {
      for (int i = 0; i < spec.images(); i++) {
        String sop = sopInstanceUid(spec, i);
        short[] image = synthesize(spec, i);
        Path instance = series.resolve("instances").resolve(sop);
        byte[] codestream = encodeHtj2k(image, spec, scratch);
        htj2k += writeFrame(instance.resolve("frames"), "image/jphc", RPCL_LOSSLESS, codestream);
        int tr = ceilDiv(spec.rows(), THUMBNAIL_FACTOR);
        int tc = ceilDiv(spec.columns(), THUMBNAIL_FACTOR);
        try {
          full += writeFrame(instance.resolve("jls"), "image/jls", TransferSyntax.JPEG_LS_LOSSLESS,
              jls.encode(image, spec.columns(), spec.rows(), spec.bitsStored(), 1, 0));
          thumbs += writeFrame(instance.resolve("jlsThumbnail"), "image/jls", TransferSyntax.JPEG_LS_LOSSLESS,
              jls.encode(decimate(image, spec, THUMBNAIL_FACTOR), tc, tr, spec.bitsStored(), 1, 0));
        } catch (CharlsException e) {
          throw new IOException("CharLS could not encode image " + i + ": " + e.getMessage(), e);
        }
        sops.add(sop);
        progress.accept(i + 1);
      }
    } finally {
      deleteTree(scratch);
    }
    StaticDicomWebFiles.writeGzip(series.resolve("metadata.gz"), metadata(spec, sops));
    return new Written(spec, List.copyOf(sops), sourcePixels(spec), htj2k, full, thumbs);
  }

  /** The SOP Instance UID of image {@code index} (from 0) of the series {@code spec}. */
  public static String sopInstanceUid(Spec spec, int index) {
    return spec.seriesUid() + "." + (index + 1);
  }

  /** The source images of {@code spec}, each synthesized when asked for. */
  private static List<short[]> sourcePixels(Spec spec) {
    return new AbstractList<>() {
      @Override
      public short[] get(int index) {
        Objects.checkIndex(index, spec.images());
        return synthesize(spec, index);
      }

      @Override
      public int size() {
        return spec.images();
      }
    };
  }

  /**
   * A slice of a synthetic CT: air, a body ellipse with noise, and two "bones" that move with the
   * slice, so images differ and compress like real data rather than like a gradient.
   */
  public static short[] synthesize(Spec spec, int index) {
    int rows = spec.rows();
    int cols = spec.columns();
    int max = (1 << spec.bitsStored()) - 1;
    Random noise = new Random(31L * index + 7);
    short[] out = new short[rows * cols];
    double phase = index * 0.15;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double y = (r - rows / 2.0) / (rows * 0.42);
        double x = (c - cols / 2.0) / (cols * 0.36);
        double value = 24; // air, -1000 HU with intercept -1024
        if (x * x + y * y < 1) {
          value = 1064 + noise.nextGaussian() * 12; // soft tissue, 40 HU
          double bx = x - 0.45 * Math.cos(phase);
          double by = y - 0.3 * Math.sin(phase);
          if (bx * bx + by * by < 0.02 || (x + 0.4) * (x + 0.4) + y * y < 0.015) {
            value = 1724 + noise.nextGaussian() * 30; // bone, 700 HU
          }
        }
        out[r * cols + c] = (short) Math.max(0, Math.min(max, Math.round(value)));
      }
    }
    return out;
  }

  public static short[] decimate(short[] image, Spec spec, int factor) {
    int tr = ceilDiv(spec.rows(), factor);
    int tc = ceilDiv(spec.columns(), factor);
    short[] out = new short[tr * tc];
    for (int r = 0; r < tr; r++) {
      for (int c = 0; c < tc; c++) {
        out[r * tc + c] = image[(r * factor) * spec.columns() + c * factor];
      }
    }
    return out;
  }

  /** Runs the real HTJ2K encoder: RPCL, 5 levels, 64x64 blocks, reversible 5/3 (lossless). */
  public static byte[] encodeHtj2k(short[] image, Spec spec, Path scratch) throws IOException {
    return encodeHtj2k(image, spec.columns(), spec.rows(), spec.bitsStored(), scratch, "-reversible", "true");
  }

  /**
   * Runs the real HTJ2K encoder, RPCL, on an image of any size; {@code coding} is {@code -reversible true}
   * for lossless or, for example, {@code -reversible false -qstep 0.01} for lossy (.203) data.
   */
  public static byte[] encodeHtj2k(short[] image, int columns, int rows, int bitsStored, Path scratch, String... coding)
      throws IOException {
    Path raw = scratch.resolve("frame.yuv");
    Path out = scratch.resolve("frame.j2c");
    ByteBuffer le = ByteBuffer.allocate(image.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    le.asShortBuffer().put(image);
    Files.write(raw, le.array());
    List<String> command = new ArrayList<>(List.of("ojph_compress", "-i", raw.toString(), "-o", out.toString(),
        "-prog_order", "RPCL", "-num_decomps", "5", "-block_size", "{64,64}",
        "-dims", "{" + columns + "," + rows + "}", "-num_comps", "1", "-signed", "false",
        "-bit_depth", String.valueOf(bitsStored), "-downsamp", "{1,1}"));
    command.addAll(List.of(coding));
    run(command, scratch.resolve("encoder.log"));
    return Files.readAllBytes(out);
  }

  /** Runs {@code command} with its output in {@code log} (read only on failure, so the time limit holds). */
  private static void run(List<String> command, Path log) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IOException("Cannot run " + command.get(0) + ": install the Debian package openjph-tools"
          + " (./progressive setup does it)", e);
    }
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command.get(0) + " did not finish within 120 s; stopped");
      }
      if (p.exitValue() != 0) {
        throw new IOException(command.get(0) + " failed: " + Files.readString(log, StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while running " + command.get(0), e);
    }
  }

  /** Writes one frame as the toolkit does: a single-part multipart body in {@code <dir>/1.mht}. */
  public static long writeFrame(Path dir, String mediaType, String ts, byte[] payload) throws IOException {
    return StaticDicomWebFiles.writeFrame(dir.resolve("1.mht"), mediaType + ";transfer-syntax=" + ts, payload);
  }

  private static byte[] metadata(Spec spec, List<String> sops) {
    DicomJsonWriter json = DicomJsonWriter.series();
    for (int i = 0; i < sops.size(); i++) {
      String sop = sops.get(i);
      json.instance()
          .strings("00080016", "UI", "1.2.840.10008.5.1.4.1.1.2")
          .strings("00080018", "UI", sop)
          .strings("00080060", "CS", "CT")
          .person("00100010", PATIENT_NAME)
          .strings("00100020", "LO", PATIENT_ID)
          .strings("0020000D", "UI", spec.studyUid())
          .strings("0020000E", "UI", spec.seriesUid())
          .numbers("00200013", "IS", i + 1)
          .decimals("00200032", "DS", -128, -128, i * 2.5)
          .numbers("00200037", "DS", 1, 0, 0, 0, 1, 0)
          .numbers("00280002", "US", 1)
          .strings("00280004", "CS", "MONOCHROME2")
          .numbers("00280010", "US", spec.rows())
          .numbers("00280011", "US", spec.columns())
          .numbers("00280100", "US", 16)
          .numbers("00280101", "US", spec.bitsStored())
          .numbers("00280102", "US", spec.bitsStored() - 1)
          .numbers("00280103", "US", 0)
          .numbers("00281050", "DS", 40)
          .numbers("00281051", "DS", 400)
          .numbers("00281052", "DS", -1024)
          .numbers("00281053", "DS", 1)
          .strings("00083002", "UI", RPCL_LOSSLESS)
          .bulkData("7FE00010", "OW", "instances/" + sop + "/frames");
    }
    return json.toBytes();
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
  public static void deleteTree(Path dir) throws IOException {
    if (Files.notExists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
