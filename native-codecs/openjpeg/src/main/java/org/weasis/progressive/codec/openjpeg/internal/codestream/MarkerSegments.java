package org.weasis.progressive.codec.openjpeg.internal.codestream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the content of one marker segment (T.800 Annex A) and checks it against its own length and
 * the caps, so that the inspector only deals with values that make sense.
 */
final class MarkerSegments {
  static final int MAX_COMPONENTS = CodestreamInspector.MAX_COMPONENTS;
  static final int MAX_PRECISION = CodestreamInspector.MAX_PRECISION;
  static final int MAX_SIDE = CodestreamInspector.MAX_SIDE;
  private static final int MAX_TILES = 65535;
  private static final int MAX_LEVELS = 32;
  /** The Pcap bit announcing Part 15 (bit 15 counted from the most significant end). */
  private static final long PCAP_PART15 = 1L << (32 - 15);

  /** COD: the tile-wide style and the default component style. */
  record Cod(CodingStyle coding, ComponentStyle style) {}

  /** COC: the style of one component. */
  record Coc(int component, ComponentStyle style) {}

  /** QCC: whether one component is quantized. */
  record Qcc(int component, boolean quantized) {}

  private final Bytes in;
  private final String ts;

  MarkerSegments(Bytes in, String ts) {
    this.in = in;
    this.ts = ts;
  }

  ImageSize siz(int body, int length) throws CodestreamException {
    if (length < 36 + 3) {
      throw malformed("SIZ of " + length + " bytes is too short");
    }
    int count = in.u16(body + 34);
    if (count < 1 || count > MAX_COMPONENTS) {
      throw malformed("SIZ declares " + count + " components; 1 to " + MAX_COMPONENTS + " supported");
    }
    if (length != 36 + 3 * count) {
      throw malformed("SIZ length " + (length + 2) + " does not match " + count + " components");
    }
    long x1 = in.u32(body + 2);
    long y1 = in.u32(body + 6);
    long x0 = in.u32(body + 10);
    long y0 = in.u32(body + 14);
    long tw = in.u32(body + 18);
    long th = in.u32(body + 22);
    long tx0 = in.u32(body + 26);
    long ty0 = in.u32(body + 30);
    if (x1 <= x0 || y1 <= y0) {
      throw malformed("SIZ image area is empty: " + x0 + ".." + x1 + " x " + y0 + ".." + y1);
    }
    if (x1 - x0 > MAX_SIDE || y1 - y0 > MAX_SIDE) {
      throw malformed("SIZ image " + (x1 - x0) + "x" + (y1 - y0) + " exceeds " + MAX_SIDE + " per side");
    }
    if (tw == 0 || th == 0 || tx0 > x0 || ty0 > y0 || tx0 + tw <= x0 || ty0 + th <= y0) {
      throw malformed("SIZ tiling " + tw + "x" + th + " at " + tx0 + "," + ty0 + " does not cover the image");
    }
    long tiles = Math.ceilDiv(x1 - tx0, tw) * Math.ceilDiv(y1 - ty0, th);
    if (tiles > MAX_TILES) {
      throw malformed("SIZ declares " + tiles + " tiles; at most " + MAX_TILES);
    }
    List<ImageComponent> components = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      components.add(component(body + 36 + 3 * c, c));
    }
    return new ImageSize(in.u16(body), x1, y1, x0, y0, tw, th, tx0, ty0, List.copyOf(components));
  }

  private ImageComponent component(int at, int c) throws CodestreamException {
    int ssiz = in.u8(at);
    int precision = (ssiz & 0x7F) + 1;
    int dx = in.u8(at + 1);
    int dy = in.u8(at + 2);
    if (precision > MAX_PRECISION) {
      throw malformed("component " + c + " has " + precision + " bits; 1 to " + MAX_PRECISION + " supported");
    }
    if (dx == 0 || dy == 0) {
      throw malformed("component " + c + " has subsampling " + dx + "x" + dy);
    }
    return new ImageComponent(precision, (ssiz & 0x80) != 0, dx, dy);
  }

  /** CAP: true when Pcap announces Part 15 (HTJ2K). */
  boolean partFifteen(int body, int length) throws CodestreamException {
    if (length < 4) {
      throw malformed("CAP of " + length + " bytes is too short");
    }
    long pcap = in.u32(body);
    if (length != 4 + 2 * Long.bitCount(pcap)) {
      throw malformed("CAP length " + (length + 2) + " does not match its Pcap " + Long.toHexString(pcap));
    }
    return (pcap & PCAP_PART15) != 0;
  }

  Cod cod(int body, int length) throws CodestreamException {
    if (length < 10) {
      throw malformed("COD of " + length + " bytes is too short");
    }
    int scod = in.u8(body);
    Progression progression = Progression.of(in.u8(body + 1));
    int layers = in.u16(body + 2);
    int mct = in.u8(body + 4);
    if (progression == null) {
      throw malformed("COD progression order " + in.u8(body + 1) + " is not one of 0..4");
    }
    if (layers == 0) {
      throw malformed("COD declares 0 layers");
    }
    if (mct > 1) {
      throw malformed("COD multiple component transform " + mct + " is not 0 or 1");
    }
    CodingStyle coding =
        new CodingStyle(progression, layers, mct == 1, (scod & 0x02) != 0, (scod & 0x04) != 0);
    return new Cod(coding, componentCoding(body + 5, length - 5, (scod & 0x01) != 0, "COD"));
  }

  Coc coc(int body, int length, int components) throws CodestreamException {
    int c = componentIndex(body, length, components, "COC");
    if (length < 7) {
      throw malformed("COC of " + length + " bytes is too short");
    }
    return new Coc(c, componentCoding(body + 2, length - 2, (in.u8(body + 1) & 0x01) != 0, "COC"));
  }

  /** SPcod/SPcoc: levels, code-block size and style, transform, precinct sizes. */
  private ComponentStyle componentCoding(int at, int length, boolean precincts, String name)
      throws CodestreamException {
    int levels = in.u8(at);
    if (levels > MAX_LEVELS) {
      throw malformed(name + " declares " + levels + " decomposition levels; at most " + MAX_LEVELS);
    }
    int expected = 5 + (precincts ? levels + 1 : 0);
    if (length != expected) {
      throw malformed(name + " length " + (length + 2 + (name.equals("COD") ? 5 : 2))
          + " does not match " + levels + " levels" + (precincts ? " with precinct sizes" : ""));
    }
    int xcb = in.u8(at + 1);
    int ycb = in.u8(at + 2);
    if (xcb > 8 || ycb > 8 || xcb + ycb > 8) {
      throw malformed(name + " code-block size 2^" + (xcb + 2) + " x 2^" + (ycb + 2) + " is not allowed");
    }
    int transform = in.u8(at + 4);
    if (transform > 1) {
      throw malformed(name + " wavelet transform " + transform + " is not 0 (9/7) or 1 (5/3)");
    }
    int[] ppx = new int[levels + 1];
    int[] ppy = new int[levels + 1];
    Arrays.fill(ppx, 15);
    Arrays.fill(ppy, 15);
    if (precincts) {
      for (int r = 0; r <= levels; r++) {
        int b = in.u8(at + 5 + r);
        ppx[r] = b & 0x0F;
        ppy[r] = b >> 4;
        if (r > 0 && (ppx[r] == 0 || ppy[r] == 0)) {
          throw malformed(name + " precinct size 2^" + ppx[r] + " x 2^" + ppy[r] + " at resolution " + r);
        }
      }
    }
    return new ComponentStyle(
        levels, xcb + 2, ycb + 2, in.u8(at + 3), transform == 1, ppx, ppy, true);
  }

  /** QCD/QCC body from Sqcd: true when the samples are quantized (not the reversible path). */
  boolean quantized(int at, int length, String name)
      throws CodestreamException {
    if (length < 2) {
      throw malformed(name + " of " + length + " bytes is too short");
    }
    int style = in.u8(at) & 0x1F;
    int steps = length - 1;
    boolean consistent =
        switch (style) {
          case 0 -> steps >= 1;
          case 1 -> steps == 2;
          case 2 -> steps >= 2 && steps % 2 == 0;
          default -> false;
        };
    if (!consistent) {
      throw malformed(name + " style " + style + " with " + steps + " bytes of step sizes");
    }
    return style != 0;
  }

  Qcc qcc(int body, int length, int components) throws CodestreamException {
    int c = componentIndex(body, length, components, "QCC");
    return new Qcc(c, quantized(body + 1, length - 1, "QCC"));
  }

  private int componentIndex(int body, int length, int components, String name)
      throws CodestreamException {
    if (length < 2) {
      throw malformed(name + " of " + length + " bytes is too short");
    }
    int c = in.u8(body);
    if (c >= components) {
      throw malformed(name + " names component " + c + " of " + components);
    }
    return c;
  }

  void tlm(int body, int length) throws CodestreamException {
    if (length < 2) {
      throw malformed("TLM of " + length + " bytes is too short");
    }
    int stlm = in.u8(body + 1);
    int st = (stlm >> 4) & 0x03;
    int entry = st + (((stlm >> 6) & 1) == 1 ? 4 : 2);
    if (st == 3 || (length - 2) % entry != 0) {
      throw malformed("TLM length " + (length + 2) + " does not fit entries of " + entry + " bytes");
    }
  }

  void poc(int length, int components) throws CodestreamException {
    int entry = components < 257 ? 7 : 9;
    if (length < entry || length % entry != 0) {
      throw malformed("POC length " + (length + 2) + " does not fit entries of " + entry + " bytes");
    }
  }

  /** PLT: packet lengths as 7-bit groups, the high bit meaning "more follows". */
  void plt(int body, int length) throws CodestreamException {
    if (length < 2) {
      throw malformed("PLT of " + length + " bytes is too short");
    }
    int groups = 0;
    for (int i = 1; i < length; i++) {
      if (++groups > 5) {
        throw malformed("PLT packet length runs over 5 bytes");
      }
      if ((in.u8(body + i) & 0x80) == 0) {
        groups = 0;
      }
    }
    if (groups != 0) {
      throw malformed("PLT ends inside a packet length");
    }
  }

  private CodestreamException malformed(String reason) {
    return CodestreamException.malformed(ts, reason);
  }
}
