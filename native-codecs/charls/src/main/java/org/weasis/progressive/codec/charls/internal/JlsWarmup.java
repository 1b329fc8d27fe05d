package org.weasis.progressive.codec.charls.internal;

import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.codec.charls.internal.ffm.CharlsException;

/**
 * Encodes a tiny image with CharLS and decodes it with the Java decoder once, on a daemon thread, when the
 * bundle starts: CharLS is loaded and its downcalls linked, and the decoder's classes are loaded and its
 * regular and run modes run once, before the user waits for a first image. Without CharLS there is nothing
 * to encode the image with; the decoder then warms up on the first real frame.
 */
public final class JlsWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(JlsWarmup.class);
  static final int SIZE = 16;

  private JlsWarmup() {}

  /** Starts the warm-up of {@code decoder}; activation does not wait for it. */
  public static Thread inBackground(JpegLsFrameDecoder decoder) {
    Thread thread = new Thread(() -> run(decoder), "weasis-progressive warm-up (JPEG-LS)");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  /** Encodes and decodes the tiny image; true when both ran. Failures are only logged. */
  static boolean run(JpegLsFrameDecoder decoder) {
    long start = System.nanoTime();
    try {
      byte[] encoded = CharlsEncoder.create().encode(tinyImage(), SIZE, SIZE, 12, 1, 0);
      decoder.decode(ByteBuffer.wrap(encoded), new DecodeRequest(TransferSyntax.JPEG_LS_LOSSLESS,
          PixelDescription.grey(SIZE, SIZE, 12, false), 0, true));
      LOG.debug("JPEG-LS warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
      return true;
    } catch (IllegalStateException e) {
      LOG.debug("JPEG-LS warm-up skipped: {}", e.getMessage()); // CharLS is not installed
    } catch (CharlsException | DecodeException | RuntimeException e) {
      LOG.warn("JPEG-LS warm-up failed; the first decode will pay for its preparation: {}", e.toString());
    }
    return false;
  }

  /** A 12-bit ramp with a flat band: the flat rows are coded in run mode, the ramp in regular mode. */
  static short[] tinyImage() {
    short[] samples = new short[SIZE * SIZE];
    for (int row = 0; row < SIZE; row++) {
      for (int column = 0; column < SIZE; column++) {
        samples[row * SIZE + column] = (short) (row < SIZE / 2 ? 1000 : 37 * row + 211 * column);
      }
    }
    return samples;
  }
}
