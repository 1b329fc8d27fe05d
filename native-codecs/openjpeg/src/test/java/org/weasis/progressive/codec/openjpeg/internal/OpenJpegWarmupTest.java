package org.weasis.progressive.codec.openjpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.testsupport.codec.ReferenceTools;

class OpenJpegWarmupTest {
  @TempDir Path dir;

  private final OpenJpegDecoder decoder = new OpenJpegDecoder(OpenJpegDecoderTest.library());

  @Test
  void theWarmUpImageIsAValidLosslessHtj2kImageOfMidGreyAtEveryLevel() throws Exception {
    ByteBuffer data = ByteBuffer.wrap(OpenJpegWarmup.tinyHtj2k());
    PixelDescription grey = PixelDescription.grey(OpenJpegWarmup.SIZE, OpenJpegWarmup.SIZE, 8, false);

    DecodedFrame full = decoder.decode(data, new DecodeRequest(TransferSyntax.HTJ2K_LOSSLESS_RPCL, grey, 0, true));
    DecodedFrame half = decoder.decode(data, new DecodeRequest(TransferSyntax.HTJ2K_LOSSLESS_RPCL, grey, 1, true));

    assertEquals(16, full.raster().rows());
    assertEquals(16, full.raster().columns());
    assertTrue(full.lossless(), "a complete reversible codestream");
    assertAllMidGrey((ByteBuffer) full.raster().samples());
    assertEquals(8, half.raster().rows());
    assertAllMidGrey((ByteBuffer) half.raster().samples());
  }

  @Test
  void theWideWarmUpImageDecodesTo16BitSamplesOfItsLevelShift() throws Exception {
    int side = OpenJpegWarmup.WIDE_SIZE;
    ByteBuffer data = ByteBuffer.wrap(OpenJpegWarmup.blankHtj2k(side, OpenJpegWarmup.WIDE_BITS));
    PixelDescription grey = PixelDescription.grey(side, side, OpenJpegWarmup.WIDE_BITS, false);

    DecodedFrame full = decoder.decode(data, new DecodeRequest(TransferSyntax.HTJ2K_LOSSLESS_RPCL, grey, 0, true));

    assertEquals(side, full.raster().rows());
    assertEquals(side, full.raster().columns());
    assertTrue(full.lossless(), "a complete reversible codestream");
    ShortBuffer samples = (ShortBuffer) full.raster().samples();
    assertEquals(side * side, samples.remaining());
    for (int i = 0; i < samples.remaining(); i++) {
      int sample = i;
      assertEquals(1 << 15, samples.get(samples.position() + i) & 0xFFFF, () -> "sample " + sample);
    }
  }

  @Test
  void openJpegsOwnToolReadsTheWarmUpImageToo() throws Exception {
    Path in = dir.resolve("tiny.j2c");
    Path out = dir.resolve("tiny.pgm");
    Files.write(in, OpenJpegWarmup.tinyHtj2k());

    ReferenceTools.run(List.of(ReferenceTools.find("opj_decompress").toString(), "-i", in.toString(),
        "-o", out.toString()));

    byte[] pgm = Files.readAllBytes(out);
    String head = new String(pgm, 0, pgm.length - 256, java.nio.charset.StandardCharsets.US_ASCII);
    assertTrue(head.startsWith("P5") && head.endsWith("\n16 16\n255\n"), head);
    for (int i = pgm.length - 256; i < pgm.length; i++) {
      assertEquals(128, pgm[i] & 0xFF, "sample " + (i - pgm.length + 256));
    }
  }

  @Test
  void openJphsOwnDecoderReadsTheWideWarmUpImageAs16BitMidGrey() throws Exception {
    int side = OpenJpegWarmup.WIDE_SIZE;
    Path in = dir.resolve("wide.j2c");
    Path out = dir.resolve("wide.pgm");
    Files.write(in, OpenJpegWarmup.blankHtj2k(side, OpenJpegWarmup.WIDE_BITS));

    ReferenceTools.run(List.of(ReferenceTools.find(ReferenceTools.OJPH_EXPAND).toString(), "-i", in.toString(),
        "-o", out.toString()));

    byte[] pgm = Files.readAllBytes(out);
    int pixels = 2 * side * side;
    String head = new String(pgm, 0, pgm.length - pixels, java.nio.charset.StandardCharsets.US_ASCII);
    assertTrue(head.startsWith("P5") && head.endsWith("\n" + side + " " + side + "\n65535\n"), head);
    for (int i = pgm.length - pixels; i < pgm.length; i += 2) {
      int sample = ((pgm[i] & 0xFF) << 8) | (pgm[i + 1] & 0xFF); // PGM: big-endian 16-bit samples
      int at = i;
      assertEquals(1 << 15, sample, () -> "sample at byte " + at);
    }
  }

  @Test
  void theWarmUpRunsOnADaemonThreadAndDoesNotThrow() throws Exception {
    Thread thread = OpenJpegWarmup.inBackground(decoder);

    assertTrue(thread.isDaemon());
    thread.join(10_000);
    assertFalse(thread.isAlive(), "warm-up finished");
  }

  /** Zero coefficients, then the level shift of unsigned 8-bit samples: 128. */
  private static void assertAllMidGrey(ByteBuffer samples) {
    for (int i = 0; i < samples.remaining(); i++) {
      assertEquals(128, samples.get(samples.position() + i) & 0xFF, "sample " + i);
    }
  }
}
