package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.PixelDescription;

/** Inputs that kill the JVM inside CharLS 2.4.1: each must stop in the Java decoder, which never calls CharLS. */
class CrashRegressionTest {
  private static final JpegLsFrameDecoder DECODER = new JpegLsFrameDecoder();
  /** What abort() makes of a process: 128 + SIGABRT. */
  private static final int ABORTED = 134;

  /**
   * Found by the fuzzer (a splice of two seeds, input 68,455 of seed 1): a 16-bit 64x64 frame whose LSE
   * sets RESET 4352 (and MAXVAL 65288). Given to CharLS 2.4.1 directly it aborts the process; the Java
   * decoder takes the RESET and finds the first error value out of range.
   */
  @Test
  void theFuzzedResetOf4352IsRefusedByTheJavaScanDecoder() throws Exception {
    byte[] data = resource("/crashers/reset-4352-aborts-charls-2.4.1.jls");
    DecodeRequest request = new DecodeRequest(
        TransferSyntax.JPEG_LS_LOSSLESS, PixelDescription.grey(64, 64, 16, false), 0, true);

    DecodeException e = assertThrows(DecodeException.class, () -> DECODER.decode(ByteBuffer.wrap(data), request));

    assertTrue(e.getMessage().contains("mapped error value 75753 exceeds RANGE 65289"), e.getMessage());
    assertInstanceOf(JlsDataException.class, e.getCause());
  }

  /** The line that aborts CharLS (below) stops at its first pixel in Java, with what and where. */
  @Test
  void theCraftedRunInterruptionIsRefusedInJavaWithTheReasonAndTheByteOffset() throws Exception {
    byte[] data = resource(RunInterruptionCrasher.RESOURCE);
    DecodeRequest request = new DecodeRequest(TransferSyntax.JPEG_LS_LOSSLESS,
        PixelDescription.grey(1, RunInterruptionCrasher.COLUMNS, 2, false), 0, true);

    DecodeException e = assertThrows(DecodeException.class, () -> DECODER.decode(ByteBuffer.wrap(data), request));

    assertTrue(e.getMessage().startsWith(TransferSyntax.JPEG_LS_LOSSLESS + ": cannot decode 146 bytes of JPEG-LS"),
        e.getMessage());
    assertTrue(e.getMessage().contains("run-interruption mapped error value 30 exceeds RANGE 4 in the code ending"
        + " before byte offset 28 (line 1, column 1)"), e.getMessage());
    assertInstanceOf(JlsDataException.class, e.getCause());
  }

  @Test
  void theCommittedRunInterruptionCrasherIsWhatTheCrafterWrites() throws Exception {
    assertArrayEquals(RunInterruptionCrasher.craft().data(), resource(RunInterruptionCrasher.RESOURCE));
  }

  /**
   * The crafted line, given to CharLS with no Java in front, in a child JVM: cut one pixel before the one
   * where A is out of range CharLS decodes it (it takes every crafted value), whole it aborts the process.
   */
  @Test
  void charlsItselfAbortsOnTheCraftedRunInterruption(@TempDir Path dir) throws Exception {
    RunInterruptionCrasher.Crafted crafted = RunInterruptionCrasher.craft();
    byte[] cut = crafted.data().clone();
    int columns = JpegLsDecoderContract.offsetOf(cut, JpegLsDecoderContract.SOF55) + 7;
    cut[columns] = (byte) (crafted.abortingPixel() >> 8);
    cut[columns + 1] = (byte) crafted.abortingPixel();

    Child beforeThePixel = decodeWithCharlsInAChild(dir, "cut.jls", cut);
    Child whole = decodeWithCharlsInAChild(dir, "whole.jls", resource(RunInterruptionCrasher.RESOURCE));

    assertEquals(0, beforeThePixel.exit(), beforeThePixel.toString());
    assertTrue(beforeThePixel.out().contains("CharLS decoded it"), beforeThePixel.toString());
    assertEquals(ABORTED, whole.exit(), whole.toString());
    assertTrue(whole.err().contains("Assertion `k <= 32' failed"), whole.toString());
    assertTrue(whole.out().contains("CharLS is decoding"), "the abort comes from decoding: " + whole);
  }

  /**
   * What a child JVM did.
   *
   * @param exit its exit status
   * @param out its standard output
   * @param err its standard error
   */
  private record Child(int exit, String out, String err) {}

  /** Runs {@link CharlsDecodeChild} on {@code data} with the test class path, in {@code dir}. */
  private static Child decodeWithCharlsInAChild(Path dir, String name, byte[] data)
      throws IOException, InterruptedException {
    Path file = Files.write(dir.resolve(name), data);
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), CharlsDecodeChild.class.getName(), file.toString())
        .directory(dir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child decoding " + name + " did not end within 60 s");
    }
    return new Child(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private byte[] resource(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
