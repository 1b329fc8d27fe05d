package org.weasis.progressive.codec.openjpeg.internal.codestream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the packet headers of a single-tile codestream (T.800 B.10, and T.814 for HT code-blocks) to
 * learn where the last packet of each resolution ends, which no marker records unless PLT is there.
 */
final class PacketWalker {
  private static final int MAX_CODE_BLOCKS = 1 << 22;
  /** More missing bit-planes than any 16-bit component with guard bits can have. */
  private static final int MAX_ZERO_PLANES = 74;

  private final String ts;
  private final TileGeometry geometry;
  private final CodingStyle coding;
  private final List<ComponentStyle> styles;
  private final TileData data;
  private final boolean complete;
  private final PrecinctState[][][] states;
  /** Cleanup and refinement lengths of the HT code-blocks of the current packet, in body order. */
  private final List<Long> cleanupLengths = new ArrayList<>();
  private int codeBlocks;
  private long[] packetEnds;

  PacketWalker(
      String ts,
      Bytes in,
      TileGeometry geometry,
      CodingStyle coding,
      List<ComponentStyle> styles,
      List<TilePart> parts,
      int tile,
      boolean complete,
      int limit) {
    this.ts = ts;
    this.geometry = geometry;
    this.coding = coding;
    this.styles = styles;
    this.data = new TileData(in, parts, tile, limit);
    this.complete = complete;
    this.states = new PrecinctState[geometry.components()][][];
    for (int c = 0; c < states.length; c++) {
      states[c] = new PrecinctState[geometry.resolutions(c)][];
      for (int r = 0; r < states[c].length; r++) {
        states[c][r] = new PrecinctState[geometry.resolution(c, r).precincts()];
      }
    }
  }

  /**
   * For each resolution r, the offset in the caller's data just past its last packet, or
   * {@link Long#MAX_VALUE} when that packet is not in the data.
   */
  long[] walk() throws CodestreamException, Unpredictable {
    requireReadableHeaders();
    List<PacketOrder.Packet> packets = PacketOrder.of(coding, geometry);
    int resolutions = geometry.resolutions(0);
    long[] ends = new long[resolutions];
    int[] missing = new int[resolutions];
    for (PacketOrder.Packet p : packets) {
      missing[p.resolution()]++;
    }
    packetEnds = new long[packets.size()];
    Arrays.fill(packetEnds, Long.MAX_VALUE);
    long at = 0;
    for (int i = 0; i < packets.size(); i++) {
      PacketOrder.Packet p = packets.get(i);
      long end;
      try {
        end = readPacket(p, at);
      } catch (HeaderBits.OutOfData e) {
        end = Long.MAX_VALUE;
      }
      if (end > data.available()) {
        if (complete) {
          throw CodestreamException.malformed(
              ts, "packet " + i + " of " + packets.size() + " (" + p + ") runs past the tile data");
        }
        break;
      }
      packetEnds[i] = data.realEnd(end);
      ends[p.resolution()] = Math.max(ends[p.resolution()], packetEnds[i]);
      missing[p.resolution()]--;
      at = end;
    }
    for (int r = 0; r < resolutions; r++) {
      if (missing[r] > 0) {
        ends[r] = Long.MAX_VALUE;
      }
    }
    return ends;
  }

  /**
   * After {@link #walk()}, where each packet of the tile ends in the caller's data, in codestream
   * order; {@link Long#MAX_VALUE} for those not in the data.
   */
  long[] packetEnds() {
    return packetEnds;
  }

  private void requireReadableHeaders() throws Unpredictable {
    int levels = styles.get(0).levels();
    for (int c = 0; c < styles.size(); c++) {
      ComponentStyle style = styles.get(c);
      if (style.levels() != levels) {
        throw new Unpredictable("components have different numbers of decomposition levels");
      }
      if ((style.blockStyle() & ComponentStyle.HT_MIXED) != 0) {
        throw new Unpredictable("mixed HT and part-1 code-blocks");
      }
    }
  }

  // ---- packet headers ----

  /** Reads the header of packet {@code p} starting at virtual offset {@code at}; returns its end. */
  private long readPacket(PacketOrder.Packet p, long at) throws CodestreamException, Unpredictable, HeaderBits.OutOfData {
    long start = at;
    if (coding.sop() && start + 1 < data.available()
        && data.byteAt(start) == 0xFF && data.byteAt(start + 1) == 0x91) {
      start += 6;
    }
    HeaderBits bits = new HeaderBits(data, start);
    long body = 0;
    cleanupLengths.clear();
    if (bits.bit() == 1) {
      PrecinctState state = state(p);
      ComponentStyle style = styles.get(p.component());
      for (BandState band : state.bands) {
        for (int i = 0; i < band.included.length; i++) {
          body += readCodeBlock(bits, band, i, p.layer(), style);
        }
      }
    }
    long end = bits.end();
    if (coding.eph() && data.byteAt(end) == 0xFF && data.byteAt(end + 1) == 0x92) {
      end += 2; // a prefix ending before the EPH does not hold this packet yet (byteAt throws)
    }
    checkHtCleanupSegments(end);
    return end + body;
  }

  /**
   * OpenJPEG 2.5.0 asserts (aborting the process, as Debian builds keep assertions) when the first
   * bytes of an HT MEL segment hold a 0xFF followed by a byte above 0x8F; upstream turned that into an
   * error later (#1436). Rejecting such code-blocks here keeps a corrupt frame from killing the JVM.
   */
  private void checkHtCleanupSegments(long bodyStart) throws CodestreamException {
    long at = bodyStart;
    for (int i = 0; i < cleanupLengths.size(); i += 2) {
      long cleanup = cleanupLengths.get(i);
      if (at + cleanup <= data.available() && cleanup >= 2) {
        checkMelStart(at, (int) cleanup);
      }
      at += cleanup + cleanupLengths.get(i + 1);
    }
  }

  /** Replays the first four steps of OpenJPEG's mel_init, for any alignment of the data. */
  private void checkMelStart(long segment, int lcup) throws CodestreamException {
    int scup = (byteAt(segment + lcup - 1) << 4) + (byteAt(segment + lcup - 2) & 0x0F);
    if (scup < 2 || scup > lcup || scup > 4079) {
      return; // OpenJPEG refuses this code-block cleanly
    }
    long at = segment + lcup - scup;
    int size = scup - 1;
    boolean unstuff = false;
    for (int i = 0; i < 4; i++) {
      if (unstuff && byteAt(at) > 0x8F) {
        throw malformed("an HT code-block whose MEL segment starts with a stuffing error");
      }
      int d = size > 0 ? byteAt(at) : 0xFF;
      if (size == 1) {
        d |= 0x0F;
      }
      if (size-- > 0) {
        at++;
      }
      unstuff = (d & 0xFF) == 0xFF;
    }
  }

  private int byteAt(long v) throws CodestreamException {
    try {
      return data.byteAt(v);
    } catch (HeaderBits.OutOfData e) {
      throw malformed("an HT code-block runs past the data");
    }
  }

  /** The header fields of one code-block; returns the bytes it adds to the packet body. */
  private long readCodeBlock(HeaderBits bits, BandState band, int i, int layer, ComponentStyle style)
      throws CodestreamException, Unpredictable, HeaderBits.OutOfData {
    int x = i % band.columns;
    int y = i / band.columns;
    boolean first = !band.included[i];
    boolean included = first ? band.inclusion.below(bits, x, y, layer + 1) : bits.bit() == 1;
    if (!included) {
      return 0;
    }
    if (first && band.zeroPlanes.value(bits, x, y, MAX_ZERO_PLANES) < 0) {
      throw malformed("more than " + MAX_ZERO_PLANES + " missing bit-planes in a code-block");
    }
    int passes = readPassCount(bits);
    int increment = 0;
    while (bits.bit() == 1) {
      increment++;
    }
    band.lengthBits[i] += increment;
    if (band.lengthBits[i] > 32) {
      throw malformed("code-block length indicator grows to " + band.lengthBits[i] + " bits");
    }
    long bytes = style.ht()
        ? htLengths(bits, band.lengthBits[i], passes, first)
        : classicLengths(bits, band.lengthBits[i], band.passes[i], passes, style.blockStyle());
    band.included[i] = true;
    band.passes[i] += passes;
    return bytes;
  }

  /** Codeword of B.10.6: 1, 2, 3..5, 6..36, 37..164 passes. */
  private static int readPassCount(HeaderBits bits) throws HeaderBits.OutOfData {
    if (bits.bit() == 0) {
      return 1;
    }
    if (bits.bit() == 0) {
      return 2;
    }
    int v = (int) bits.bits(2);
    if (v < 3) {
      return 3 + v;
    }
    v = (int) bits.bits(5);
    if (v < 31) {
      return 6 + v;
    }
    return 37 + (int) bits.bits(7);
  }

  /**
   * HT code-block (T.814): a cleanup segment, then one refinement segment for the SigProp and MagRef
   * passes, whose length has one more bit when it holds both.
   */
  private long htLengths(HeaderBits bits, int lblock, int passes, boolean first)
      throws CodestreamException, Unpredictable, HeaderBits.OutOfData {
    if (!first) {
      throw new Unpredictable("an HT code-block contributes to more than one layer");
    }
    if (passes > 3) {
      throw new Unpredictable("an HT code-block starts with placeholder passes");
    }
    long cleanup = lengthField(bits, lblock);
    long refinement = passes > 1 ? lengthField(bits, lblock + (passes > 2 ? 1 : 0)) : 0;
    cleanupLengths.add(cleanup);
    cleanupLengths.add(refinement);
    return cleanup + refinement;
  }

  /**
   * Part-1 code-block: one length per codeword segment touched, with lblock + floor(log2(passes in it))
   * bits; segments end after every pass (TERMALL) or at the bypass boundaries (10, then 2, 1, 2, 1...).
   */
  private long classicLengths(HeaderBits bits, int lblock, int before, int passes, int blockStyle)
      throws CodestreamException, HeaderBits.OutOfData {
    long bytes = 0;
    int pass = before;
    int left = passes;
    while (left > 0) {
      int segmentEnd = segmentEnd(pass, blockStyle);
      int taken = Math.min(left, segmentEnd - pass);
      bytes += lengthField(bits, lblock + floorLog2(taken));
      pass += taken;
      left -= taken;
    }
    return bytes;
  }

  private static int segmentEnd(int pass, int blockStyle) {
    if ((blockStyle & ComponentStyle.TERMALL) != 0) {
      return pass + 1;
    }
    if ((blockStyle & ComponentStyle.BYPASS) == 0) {
      return Integer.MAX_VALUE;
    }
    if (pass < 10) {
      return 10;
    }
    return (pass - 10) % 3 == 0 ? pass + 2 : pass + 1;
  }

  private long lengthField(HeaderBits bits, int width) throws CodestreamException, HeaderBits.OutOfData {
    if (width > 32) {
      throw malformed("a code-block length field of " + width + " bits");
    }
    return bits.bits(width);
  }

  private static int floorLog2(int v) {
    return 31 - Integer.numberOfLeadingZeros(v);
  }

  private PrecinctState state(PacketOrder.Packet p) throws Unpredictable {
    PrecinctState[] row = states[p.component()][p.resolution()];
    if (row[p.precinct()] == null) {
      TileGeometry.Resolution res = geometry.resolution(p.component(), p.resolution());
      BandState[] bands = new BandState[res.bands().length];
      int used = 0;
      for (TileGeometry.Band band : res.bands()) {
        long[] blocks = res.blocks(p.precinct(), band);
        long n = blocks[2] * blocks[3];
        if (n == 0) {
          continue;
        }
        codeBlocks += (int) Math.min(n, MAX_CODE_BLOCKS + 1L);
        if (codeBlocks > MAX_CODE_BLOCKS) {
          throw new Unpredictable("more than " + MAX_CODE_BLOCKS + " code-blocks");
        }
        bands[used++] = new BandState((int) blocks[2], (int) blocks[3]);
      }
      row[p.precinct()] = new PrecinctState(Arrays.copyOf(bands, used));
    }
    return row[p.precinct()];
  }

  private CodestreamException malformed(String reason) {
    return CodestreamException.malformed(ts, reason);
  }

  /** What earlier layers told about the code-blocks of one precinct. */
  private record PrecinctState(BandState[] bands) {}

  /** Per code-block state of one precinct in one sub-band, in raster order. */
  private static final class BandState {
    final int columns;
    final TagTree inclusion;
    final TagTree zeroPlanes;
    final boolean[] included;
    final int[] lengthBits;
    final int[] passes;

    BandState(int columns, int rows) {
      this.columns = columns;
      inclusion = new TagTree(columns, rows);
      zeroPlanes = new TagTree(columns, rows);
      included = new boolean[columns * rows];
      lengthBits = new int[columns * rows];
      passes = new int[columns * rows];
      Arrays.fill(lengthBits, 3);
    }
  }

  /** The packets of this stream cannot be located; only complete data can be called decodable. */
  static final class Unpredictable extends Exception {
    private static final long serialVersionUID = 1L;

    Unpredictable(String reason) {
      super(reason, null, false, false);
    }
  }
}
