package org.weasis.progressive.testsupport.charls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.testsupport.charls.ffm.CharlsException;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;

/**
 * JPEG-LS codestreams with restart intervals, which CharLS 2.4's encoder does not write: a restart
 * interval starts from the state a new image starts from (T.87 A.2.1, zero line above), so each strip of
 * {@code interval} lines is encoded by CharLS as an image of its own, and the strips' scans are joined
 * with RSTm markers under one frame header and a DRI segment.
 */
public final class RestartIntervals {
  private static final int SOF55 = 0xF7;
  private static final int SOS = 0xDA;
  private static final int DRI = 0xDD;
  private static final int LSE = 0xF8;
  private static final int EOI = 0xD9;
  private static final int RST0 = 0xD0;

  private RestartIntervals() {}

  /** Samples interleaved per pixel, as {@link CharlsEncoder#encode(short[], int, int, int, int, int)} takes them. */
  public static byte[] encode(CharlsEncoder encoder, short[] samples, int width, int height, int bitsPerSample,
      int components, int near, InterleaveMode mode, int interval) throws CharlsException {
    if (interval < 1 || interval > 0xFFFF) {
      throw new IllegalArgumentException("interval must be 1..65535 lines, got " + interval);
    }
    List<Parts> strips = new ArrayList<>();
    int lineSamples = width * components;
    for (int top = 0; top < height; top += interval) {
      int lines = Math.min(interval, height - top);
      short[] strip = Arrays.copyOfRange(samples, top * lineSamples, (top + lines) * lineSamples);
      strips.add(Parts.of(encoder.encode(strip, width, lines, bitsPerSample, components, near, mode)));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    segment(out, SOF55, frameHeader(strips.getFirst().frame(), height));
    strips.getFirst().presets().forEach(body -> segment(out, LSE, body));
    segment(out, DRI, new byte[] {(byte) (interval >> 8), (byte) interval});
    for (int scan = 0; scan < strips.getFirst().scanHeaders().size(); scan++) {
      segment(out, SOS, strips.getFirst().scanHeaders().get(scan));
      for (int i = 0; i < strips.size(); i++) {
        out.writeBytes(strips.get(i).scanData().get(scan));
        if (i + 1 < strips.size()) {
          out.write(0xFF);
          out.write(RST0 + i % 8);
        }
      }
    }
    out.write(0xFF);
    out.write(EOI);
    return out.toByteArray();
  }

  /** The SOF55 body of a strip with the whole image's number of lines. */
  private static byte[] frameHeader(byte[] strip, int height) {
    byte[] frame = strip.clone();
    frame[1] = (byte) (height >> 8);
    frame[2] = (byte) height;
    return frame;
  }

  private static void segment(ByteArrayOutputStream out, int marker, byte[] body) {
    out.write(0xFF);
    out.write(marker);
    out.write((body.length + 2) >> 8);
    out.write(body.length + 2);
    out.writeBytes(body);
  }

  /**
   * The segment bodies and entropy-coded data of one CharLS codestream.
   *
   * @param frame the SOF55 body
   * @param presets LSE bodies
   * @param scanHeaders SOS bodies
   * @param scanData the entropy-coded bytes after each SOS, up to the next marker
   */
  private record Parts(byte[] frame, List<byte[]> presets, List<byte[]> scanHeaders, List<byte[]> scanData) {
    static Parts of(byte[] data) {
      byte[] frame = null;
      List<byte[]> presets = new ArrayList<>();
      List<byte[]> headers = new ArrayList<>();
      List<byte[]> scans = new ArrayList<>();
      int at = 2;
      while ((data[at + 1] & 0xFF) != EOI) {
        int marker = data[at + 1] & 0xFF;
        int end = at + 2 + (((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF));
        byte[] body = Arrays.copyOfRange(data, at + 4, end);
        at = end;
        switch (marker) {
          case SOF55 -> frame = body;
          case LSE -> presets.add(body);
          case SOS -> {
            headers.add(body);
            while ((data[at] & 0xFF) != 0xFF || (data[at + 1] & 0xFF) < 0x80) {
              at++;
            }
            scans.add(Arrays.copyOfRange(data, end, at));
          }
          default -> { }
        }
      }
      return new Parts(frame, presets, headers, scans);
    }
  }
}
