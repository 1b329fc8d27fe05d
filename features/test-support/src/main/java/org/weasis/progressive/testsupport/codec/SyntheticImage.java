package org.weasis.progressive.testsupport.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A deterministic test image (smooth shapes, edges and noise, like a radiograph more than like white
 * noise) and the file formats the reference encoders read.
 *
 * @param samples interleaved per pixel, in the value range of {@code bits} and {@code signed}
 */
public record SyntheticImage(int width, int height, int components, int bits, boolean signed, int[] samples) {

  public static SyntheticImage make(int width, int height, int components, int bits, boolean signed, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int lo = signed ? -(1 << (bits - 1)) : 0;
    int range = (1 << bits) - 1;
    double cx = width * (0.3 + 0.4 * random.nextDouble());
    double cy = height * (0.3 + 0.4 * random.nextDouble());
    double radius = Math.max(2, Math.min(width, height) * 0.35);
    int[] samples = new int[width * height * components];
    int i = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double d = Math.hypot(x - cx, y - cy) / radius;
        double base = 0.25 + 0.2 * x / width + 0.15 * Math.sin(y * 0.07) + (d < 1 ? 0.35 * (1 - d * d) : 0);
        if ((x / 16 + y / 16) % 7 == 0) {
          base += 0.1; // sharp-edged squares give the wavelet something to code
        }
        for (int c = 0; c < components; c++) {
          double v = base * (1 - 0.15 * c) + (random.nextDouble() - 0.5) * 0.04;
          samples[i++] = lo + Math.clamp(Math.round(v * range), 0, range);
        }
      }
    }
    return new SyntheticImage(width, height, components, bits, signed, samples);
  }

  /** PGM (one component) or PPM (three), unsigned only; 16-bit samples big-endian. */
  public Path writePnm(Path file) throws IOException {
    if (signed || (components != 1 && components != 3)) {
      throw new IllegalStateException("PNM holds unsigned grey or RGB only");
    }
    String header = (components == 1 ? "P5" : "P6") + "\n" + width + " " + height + "\n" + ((1 << bits) - 1) + "\n";
    int bytesPerSample = bits > 8 ? 2 : 1;
    ByteBuffer out = ByteBuffer.allocate(header.length() + samples.length * bytesPerSample);
    out.put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (int v : samples) {
      if (bytesPerSample == 2) {
        out.putShort((short) v);
      } else {
        out.put((byte) v);
      }
    }
    return Files.write(file, out.array());
  }

  /** Raw little-endian samples, component planes one after the other (opj_compress .rawl, ojph .yuv). */
  public Path writeRaw(Path file) throws IOException {
    int bytesPerSample = bits > 8 ? 2 : 1;
    ByteBuffer out = ByteBuffer.allocate(samples.length * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
    for (int c = 0; c < components; c++) {
      for (int p = 0; p < width * height; p++) {
        int v = samples[p * components + c];
        if (bytesPerSample == 2) {
          out.putShort((short) v);
        } else {
          out.put((byte) v);
        }
      }
    }
    return Files.write(file, out.array());
  }

  public boolean eightBit() {
    return bits <= 8;
  }
}
