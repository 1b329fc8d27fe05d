package org.weasis.progressive.codec.charls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.TransferSyntax;

/**
 * Decodes a tiny stored JPEG-LS image with the Java decoder once, on a daemon thread, when the bundle
 * starts: the decoder's classes are loaded and its regular and run modes run once, before the user waits
 * for a first image. The image is {@link #tinyImage()} as CharLS 2 encodes it losslessly; the bundle ships
 * those 162 bytes rather than an encoder (JlsWarmupTest checks both against CharLS).
 */
public final class JlsWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(JlsWarmup.class);
  static final int SIZE = 16;
  static final String STORED_IMAGE = "warmup-16x16-12bit.jls";

  private JlsWarmup() {}

  /** Starts the warm-up of {@code decoder}; activation does not wait for it. */
  public static Thread inBackground(JpegLsFrameDecoder decoder) {
    Thread thread = new Thread(() -> run(decoder), "weasis-progressive warm-up (JPEG-LS)");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  /** Decodes the stored tiny image; true when it decoded. Failures are only logged. */
  static boolean run(JpegLsFrameDecoder decoder) {
    long start = System.nanoTime();
    try {
      decoder.decode(ByteBuffer.wrap(storedImage()), new DecodeRequest(TransferSyntax.JPEG_LS_LOSSLESS,
          PixelDescription.grey(SIZE, SIZE, 12, false), 0, true));
      LOG.debug("JPEG-LS warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
      return true;
    } catch (DecodeException | RuntimeException e) {
      LOG.warn("JPEG-LS warm-up failed; the first decode will pay for its preparation: {}", e.toString());
    }
    return false;
  }

  /** The stored JPEG-LS stream of {@link #tinyImage()}. */
  static byte[] storedImage() {
    try (InputStream in = Objects.requireNonNull(
        JlsWarmup.class.getResourceAsStream(STORED_IMAGE), STORED_IMAGE + " is missing from the bundle")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + STORED_IMAGE, e);
    }
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
