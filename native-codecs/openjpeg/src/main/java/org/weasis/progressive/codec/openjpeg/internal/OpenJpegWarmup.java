package org.weasis.progressive.codec.openjpeg.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.PixelDescription;

/**
 * Decodes a tiny HTJ2K image once, on a daemon thread, when the bundle starts: the first real decode then
 * finds the codestream inspector's classes loaded and every FFM downcall linked (a downcall's first call
 * spins its method handle's code), instead of paying for it while the user waits for the first image.
 * Then it decodes a blank 512² 16-bit image a few times, so that the loop narrowing OpenJPEG's samples
 * into shorts is compiled by the JIT's optimising tier here: in Weasis, that compile had taken 30-50 ms of
 * one of two cores while the first study's viewer opened.
 * The images are made here, in memory: OpenJPEG decodes HTJ2K but cannot encode it, and a resource file of
 * encoded bytes would be one more thing to keep in step with the decoder.
 */
public final class OpenJpegWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(OpenJpegWarmup.class);
  static final int SIZE = 16;
  /** The side of the blank 16-bit image: its 262,144 samples per decode make the narrowing loop hot. */
  static final int WIDE_SIZE = 512;
  static final int WIDE_BITS = 16;
  private static final int WIDE_DECODES = 4;

  private OpenJpegWarmup() {}

  /** Starts the warm-up of {@code decoder}; activation does not wait for it. */
  public static Thread inBackground(OpenJpegDecoder decoder) {
    Thread thread = new Thread(() -> run(decoder), "weasis-progressive warm-up (OpenJPEG)");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  /**
   * Inspects, then decodes, the tiny image at full and reduced resolution, then the blank 512² 16-bit one a few
   * times; failures are only logged.
   */
  static void run(OpenJpegDecoder decoder) {
    long start = System.nanoTime();
    try {
      ByteBuffer data = ByteBuffer.wrap(tinyHtj2k());
      PixelDescription grey = PixelDescription.grey(SIZE, SIZE, 8, false);
      String ts = TransferSyntax.HTJ2K_LOSSLESS_RPCL;
      decoder.decodableLevel(data, new DecodeRequest(ts, grey, 0, false));
      decoder.decode(data, new DecodeRequest(ts, grey, 0, true));
      decoder.decode(data, new DecodeRequest(ts, grey, 1, true));
      ByteBuffer wide = ByteBuffer.wrap(blankHtj2k(WIDE_SIZE, WIDE_BITS));
      PixelDescription wideGrey = PixelDescription.grey(WIDE_SIZE, WIDE_SIZE, WIDE_BITS, false);
      for (int i = 0; i < WIDE_DECODES; i++) {
        decoder.decode(wide, new DecodeRequest(ts, wideGrey, 0, true));
      }
      LOG.debug("OpenJPEG warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (DecodeException | RuntimeException e) {
      LOG.warn("OpenJPEG warm-up failed; the first decode will pay for its preparation: {}", e.toString());
    }
  }

  /** {@link #blankHtj2k} of a 16x16 8-bit image: every sample is 128. */
  static byte[] tinyHtj2k() {
    return blankHtj2k(SIZE, 8);
  }

  /**
   * A lossless HTJ2K codestream (RPCL, one decomposition, 64x64 code-blocks, one precinct per resolution) of
   * a {@code side}² image of unsigned {@code bits}-bit samples whose coefficients are all zero, so that each of
   * its two packets is empty (one byte): every sample is 2^(bits-1), the level shift of unsigned samples.
   */
  static byte[] blankHtj2k(int side, int bits) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    marker(out, 0xFF4F); // SOC
    marker(out, 0xFF51); // SIZ: Rsiz says a CAP marker follows
    u16(out, 41);
    u16(out, 0x4000);
    for (int value : new int[] {side, side, 0, 0, side, side, 0, 0}) {
      u32(out, value);
    }
    u16(out, 1); // components
    out.write(bits - 1); // unsigned
    out.write(1);
    out.write(1);
    marker(out, 0xFF50); // CAP: Part 15
    u16(out, 8);
    u32(out, 0x00020000);
    // Ccap15: HT code-blocks only, and B = MAGB - 8, MAGB being the largest exponent below plus the guard bit,
    // minus one (OpenJPH writes the same for its own images).
    u16(out, Math.max(0, bits + 2 - 8));
    marker(out, 0xFF52); // COD: RPCL, 1 layer, 1 decomposition, 64x64 HT code-blocks, 5/3
    u16(out, 12);
    out.write(0);
    out.write(2);
    u16(out, 1);
    out.write(0);
    out.write(1);
    out.write(4);
    out.write(4);
    out.write(0x40);
    out.write(1);
    marker(out, 0xFF5C); // QCD: no quantization, 1 guard bit, exponents of LL, HL, LH, HH
    u16(out, 7);
    out.write(1 << 5);
    for (int exponent : new int[] {bits, bits + 1, bits + 1, bits + 2}) {
      out.write(exponent << 3);
    }
    marker(out, 0xFF90); // SOT: tile 0, its only tile-part, 12 + 2 + 2 bytes
    u16(out, 10);
    u16(out, 0);
    u32(out, 16);
    out.write(0);
    out.write(1);
    marker(out, 0xFF93); // SOD, then two empty packets
    out.write(0);
    out.write(0);
    marker(out, 0xFFD9); // EOC
    return out.toByteArray();
  }

  private static void marker(ByteArrayOutputStream out, int marker) {
    u16(out, marker);
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }

  private static void u32(ByteArrayOutputStream out, int value) {
    u16(out, value >>> 16);
    u16(out, value);
  }
}
