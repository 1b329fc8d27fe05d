package org.weasis.progressive.codec.openjpeg.internal.codestream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the marker structure of a J2K codestream (bare or in a JP2 file) in Java, so that nothing
 * inconsistent reaches OpenJPEG and so that the engine knows which resolution levels a prefix holds.
 */
public final class CodestreamInspector {
  /** Largest image side accepted: DICOM Rows and Columns are 16-bit. */
  public static final int MAX_SIDE = 65535;

  public static final int MAX_COMPONENTS = 4;
  public static final int MAX_PRECISION = 16;

  static final int SOC = 0xFF4F;
  static final int CAP = 0xFF50;
  static final int SIZ = 0xFF51;
  static final int COD = 0xFF52;
  static final int COC = 0xFF53;
  static final int TLM = 0xFF55;
  static final int PLM = 0xFF57;
  static final int PLT = 0xFF58;
  static final int QCD = 0xFF5C;
  static final int QCC = 0xFF5D;
  static final int POC = 0xFF5F;
  static final int PPM = 0xFF60;
  static final int PPT = 0xFF61;
  static final int SOT = 0xFF90;
  static final int SOP = 0xFF91;
  static final int EPH = 0xFF92;
  static final int SOD = 0xFF93;
  static final int EOC = 0xFFD9;



  /**
   * What the DICOM attributes say the frame is; checked right after the main header, before any
   * packet is walked.
   *
   * @param maxPrecision BitsAllocated: no component may need more bits
   */
  public record Expected(int width, int height, int components, int maxPrecision) {}

  private final String ts;
  private final Expected expected;
  private final Bytes in;
  private final MarkerSegments segments;
  private int limit;
  private boolean jp2;

  private ImageSize size;
  private boolean htCapability;
  private CodingStyle mainCoding;
  private ComponentStyle mainStyle;
  private ComponentStyle[] mainComponentStyles;
  private Boolean mainQuantized;
  private Boolean[] mainComponentQuantized;
  private final Set<String> markers = new LinkedHashSet<>();
  private final Map<Integer, TileHeader> tileHeaders = new HashMap<>();
  private final List<TilePart> tileParts = new ArrayList<>();

  private CodestreamInspector(ByteBuffer data, String ts, Expected expected) {
    this.ts = ts;
    this.expected = expected;
    this.in = new Bytes(data);
    this.segments = new MarkerSegments(in, ts);
    this.limit = in.length();
  }

  /**
   * Inspects {@code data} from its position to its limit (left unchanged).
   *
   * @throws CodestreamException when a marker is inconsistent, a size is past the caps, or the data
   *     ends inside the main header ({@link CodestreamException#truncated()})
   */
  public static Codestream inspect(ByteBuffer data, String transferSyntaxUid)
      throws CodestreamException {
    return new CodestreamInspector(data, transferSyntaxUid, null).run();
  }

  /** Inspects {@code data} and checks it is the frame {@code expected} describes. */
  public static Codestream inspect(ByteBuffer data, String transferSyntaxUid, Expected expected)
      throws CodestreamException {
    return new CodestreamInspector(data, transferSyntaxUid, expected).run();
  }

  private Codestream run() throws CodestreamException {
    Jp2File.Codestream found = Jp2File.codestream(in, ts);
    int start = found.start();
    limit = found.limit();
    jp2 = found.jp2();
    int firstTilePart = readMainHeader(start);
    if (expected != null) {
      requireExpected();
    }
    int eocEnd = readTileParts(firstTilePart);
    boolean complete = eocEnd > 0;
    if (complete) {
      requireAllTiles();
    }
    CodingStyle coding = codingOf(0);
    List<ComponentStyle> styles = List.of(componentStylesOf(0));
    Packets packets = walkPackets(complete);
    return new Codestream(
        start,
        complete ? eocEnd : in.length(),
        jp2,
        size,
        htCapability,
        coding,
        styles,
        minLevels(),
        reversible(),
        List.copyOf(markers),
        List.copyOf(tileParts),
        complete,
        packets.levelEnds,
        packets.packetEnds,
        packets.unpredictable,
        packets.htUnchecked);
  }

  // ---- main header ----

  /** Reads SIZ to the first SOT; returns the offset of that SOT. */
  private int readMainHeader(int soc) throws CodestreamException {
    int at = soc + 2;
    boolean first = true;
    while (true) {
      if (!in.has(at, 2) || at + 2 > limit) {
        throw truncated("data ends inside the main header at offset " + at);
      }
      int marker = in.u16(at);
      if (marker == SOT) {
        break;
      }
      requireMarker(marker, at, "main header");
      if (first && marker != SIZ) {
        throw malformed("the first marker after SOC is " + hex(marker) + ", not SIZ (FF51)");
      }
      first = false;
      if (marker >= 0xFF30 && marker <= 0xFF3F) {
        at += 2; // reserved markers without a segment
        continue;
      }
      int length = segmentLength(at, limit, "main header");
      readMainSegment(marker, at + 4, length - 2);
      at += 2 + length;
    }
    if (size == null || mainCoding == null || mainQuantized == null) {
      throw malformed("main header lacks " + (size == null ? "SIZ" : mainCoding == null ? "COD" : "QCD"));
    }
    return at;
  }

  private void readMainSegment(int marker, int body, int length) throws CodestreamException {
    if (marker != SIZ && marker != CAP && size == null) {
      throw malformed(hex(marker) + " before SIZ");
    }
    int components = size == null ? 0 : size.components().size();
    switch (marker) {
      case SIZ -> {
        if (size != null) {
          throw malformed("two SIZ markers");
        }
        size = segments.siz(body, length);
        mainComponentStyles = new ComponentStyle[size.components().size()];
        mainComponentQuantized = new Boolean[size.components().size()];
      }
      case CAP -> {
        htCapability = segments.partFifteen(body, length);
        note("CAP");
      }
      case COD -> {
        if (mainCoding != null) {
          throw malformed("two COD markers in the main header");
        }
        MarkerSegments.Cod cod = segments.cod(body, length);
        mainCoding = cod.coding();
        mainStyle = cod.style();
      }
      case COC -> {
        MarkerSegments.Coc coc = segments.coc(body, length, components);
        mainComponentStyles[coc.component()] = coc.style();
      }
      case QCD -> mainQuantized = segments.quantized(body, length, "QCD");
      case QCC -> {
        MarkerSegments.Qcc qcc = segments.qcc(body, length, components);
        mainComponentQuantized[qcc.component()] = qcc.quantized();
      }
      case TLM -> {
        segments.tlm(body, length);
        note("TLM");
      }
      case PLM -> note("PLM");
      case POC -> {
        segments.poc(length, components);
        note("POC");
      }
      case PPM -> note("PPM");
      case SOD, EOC, SOC, PLT, PPT -> throw malformed(hex(marker) + " in the main header");
      default -> {
        // COM, RGN, CRG, CPF and extensions: their content does not matter here.
      }
    }
  }

  private void requireExpected() throws CodestreamException {
    if (size.width() != expected.width() || size.height() != expected.height()) {
      throw malformed("the codestream is " + size.width() + "x" + size.height() + ", the metadata says "
          + expected.width() + "x" + expected.height());
    }
    if (size.components().size() != expected.components()) {
      throw malformed("the codestream has " + size.components().size() + " components, the metadata says "
          + expected.components());
    }
    for (ImageComponent component : size.components()) {
      if (component.precision() > expected.maxPrecision()) {
        throw malformed("a component of " + component.precision() + " bits does not fit in "
            + expected.maxPrecision());
      }
      if (component.dx() != 1 || component.dy() != 1) {
        throw malformed("subsampled components (" + component.dx() + "x" + component.dy()
            + ") are not supported");
      }
    }
  }

  // ---- tile-parts ----

  /** Walks SOT..SOD headers to EOC; returns the offset past EOC, or 0 when the data ends first. */
  private int readTileParts(int at) throws CodestreamException {
    Map<Integer, Integer> declaredParts = new HashMap<>();
    while (in.has(at, 2) && at + 2 <= limit) {
      int marker = in.u16(at);
      if (marker == EOC) {
        return at + 2;
      }
      if (marker != SOT) {
        throw malformed("expected SOT or EOC at offset " + at + ", found " + hex(marker));
      }
      TilePart part = readTilePart(at, declaredParts);
      if (part == null) {
        return 0;
      }
      tileParts.add(part);
      if (part.end() > limit) {
        return 0;
      }
      at = (int) part.end();
    }
    return 0;
  }

  /** One tile-part header; null when the data ends inside it. */
  private TilePart readTilePart(int sot, Map<Integer, Integer> declaredParts)
      throws CodestreamException {
    if (!in.has(sot, 12) || sot + 12 > limit) {
      return null;
    }
    if (in.u16(sot + 2) != 10) {
      throw malformed("SOT at offset " + sot + " has length " + in.u16(sot + 2) + ", not 10");
    }
    int tile = in.u16(sot + 4);
    long psot = in.u32(sot + 6);
    int part = in.u8(sot + 10);
    int parts = in.u8(sot + 11);
    if (tile >= size.tileCount()) {
      throw malformed("SOT names tile " + tile + " of " + size.tileCount());
    }
    if (psot != 0 && psot < 14) {
      throw malformed("SOT of tile " + tile + " declares a tile-part of " + psot + " bytes");
    }
    TileHeader header = tileHeaders.computeIfAbsent(tile, t -> new TileHeader(size.components().size()));
    if (part != header.parts) {
      throw malformed("tile " + tile + " part " + part + " follows " + header.parts + " parts");
    }
    Integer declared = declaredParts.get(tile);
    if (parts != 0) {
      if ((declared != null && declared != parts) || part >= parts) {
        throw malformed("tile " + tile + " part " + part + " of " + parts + " contradicts earlier parts");
      }
      declaredParts.put(tile, parts);
    }
    header.declaredParts = parts != 0 ? parts : header.declaredParts;
    header.parts++;
    long end = psot == 0 ? lastTilePartEnd() : sot + psot;
    int bodyStart = readTilePartHeader(sot + 12, end, part, header);
    if (bodyStart < 0) {
      return null;
    }
    return new TilePart(tile, part, sot, bodyStart, end);
  }

  /** A tile-part with Psot 0 runs to the EOC that ends the codestream (maybe followed by a pad byte). */
  private long lastTilePartEnd() {
    if (limit >= 2 && in.u16(limit - 2) == EOC) {
      return limit - 2;
    }
    if (limit >= 3 && in.u8(limit - 1) == 0 && in.u16(limit - 3) == EOC) {
      return limit - 3;
    }
    return Long.MAX_VALUE; // a prefix: the end is not here yet
  }

  /** Reads markers up to SOD; returns the offset after SOD, or -1 when the data ends first. */
  private int readTilePartHeader(int at, long end, int part, TileHeader header)
      throws CodestreamException {
    while (true) {
      if (at + 2 > end) {
        throw malformed("tile-part header runs past its declared end at offset " + at);
      }
      if (!in.has(at, 2) || at + 2 > limit) {
        return -1;
      }
      int marker = in.u16(at);
      if (marker == SOD) {
        return at + 2;
      }
      requireMarker(marker, at, "tile-part header");
      if (!in.has(at, 4) || at + 4 > limit) {
        return -1;
      }
      int length = in.u16(at + 2);
      if (length < 2 || at + 2 + length > end) {
        throw malformed(hex(marker) + " at offset " + at + " declares " + length
            + " bytes, past its tile-part");
      }
      if (!in.has(at, 2L + length) || at + 2 + length > limit) {
        return -1;
      }
      readTileSegment(marker, at + 4, length - 2, part, header);
      at += 2 + length;
    }
  }

  private void readTileSegment(int marker, int body, int length, int part, TileHeader header)
      throws CodestreamException {
    int components = size.components().size();
    if ((marker == COD || marker == COC || marker == QCD || marker == QCC || marker == POC) && part != 0) {
      throw malformed(hex(marker) + " in tile-part " + part + "; only the first may carry it");
    }
    switch (marker) {
      case COD -> {
        MarkerSegments.Cod cod = segments.cod(body, length);
        header.coding = cod.coding();
        header.style = cod.style();
      }
      case COC -> {
        MarkerSegments.Coc coc = segments.coc(body, length, components);
        header.componentStyles[coc.component()] = coc.style();
      }
      case QCD -> header.quantized = segments.quantized(body, length, "QCD");
      case QCC -> {
        MarkerSegments.Qcc qcc = segments.qcc(body, length, components);
        header.componentQuantized[qcc.component()] = qcc.quantized();
      }
      case POC -> {
        segments.poc(length, components);
        note("POC");
      }
      case PLT -> {
        segments.plt(body, length);
        note("PLT");
      }
      case PPT -> {
        note("PPT");
        header.ppt = true;
      }
      case SIZ, CAP, TLM, PLM, PPM, SOT, SOC, EOC -> throw malformed(hex(marker) + " in a tile-part header");
      default -> {
        // COM, RGN and extensions.
      }
    }
  }

  private void requireAllTiles() throws CodestreamException {
    for (int t = 0; t < size.tileCount(); t++) {
      TileHeader header = tileHeaders.get(t);
      if (header == null) {
        throw malformed("EOC reached without tile " + t + " of " + size.tileCount());
      }
      if (header.declaredParts != 0 && header.parts != header.declaredParts) {
        throw malformed("tile " + t + " has " + header.parts + " of its " + header.declaredParts + " parts");
      }
    }
  }

  // ---- effective styles ----

  private CodingStyle codingOf(int tile) {
    TileHeader header = tileHeaders.get(tile);
    return header != null && header.coding != null ? header.coding : mainCoding;
  }

  /** Precedence: tile COC, tile COD, main COC, main COD; likewise for quantization. */
  private ComponentStyle[] componentStylesOf(int tile) {
    TileHeader header = tileHeaders.get(tile);
    ComponentStyle[] styles = new ComponentStyle[size.components().size()];
    for (int c = 0; c < styles.length; c++) {
      ComponentStyle style = mainComponentStyles[c] != null ? mainComponentStyles[c] : mainStyle;
      Boolean quantized = mainComponentQuantized[c] != null ? mainComponentQuantized[c] : mainQuantized;
      if (header != null) {
        style = header.componentStyles[c] != null ? header.componentStyles[c]
            : header.style != null ? header.style : style;
        quantized = header.componentQuantized[c] != null ? header.componentQuantized[c]
            : header.quantized != null ? header.quantized : quantized;
      }
      styles[c] = style.withQuantized(quantized);
    }
    return styles;
  }

  private int minLevels() {
    int min = Integer.MAX_VALUE;
    for (int tile : tilesWithMainDefault()) {
      for (ComponentStyle style : componentStylesOf(tile)) {
        min = Math.min(min, style.levels());
      }
    }
    return min;
  }

  private boolean reversible() {
    for (int tile : tilesWithMainDefault()) {
      for (ComponentStyle style : componentStylesOf(tile)) {
        if (!style.reversible()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Tiles with their own header, plus one tile (-1) standing for those that use the main header. */
  private Set<Integer> tilesWithMainDefault() {
    Set<Integer> tiles = new LinkedHashSet<>(tileHeaders.keySet());
    tiles.add(-1);
    return tiles;
  }

  // ---- packets ----

  /** What walking the packet headers gave: level offsets, and whether HT code-blocks were checked. */
  private record Packets(long[] levelEnds, long[] packetEnds, String unpredictable, String htUnchecked) {}

  /**
   * Walks the packets of the one tile to locate its resolution levels; of every tile when HT
   * code-blocks must be checked before OpenJPEG sees them.
   */
  private Packets walkPackets(boolean complete) throws CodestreamException {
    boolean ht = usesHt();
    if (size.tileCount() != 1) {
      String unchecked = ht ? checkHtTiles(complete) : null;
      return new Packets(null, null, "the image has " + size.tileCount() + " tiles", unchecked);
    }
    if (!tileHeaders.containsKey(0)) {
      return new Packets(null, null, "no tile-part in the data yet", null); // nothing to check either
    }
    try {
      PacketWalker walker = walker(0, complete);
      long[] resolutionEnds = walker.walk();
      return new Packets(levels(resolutionEnds), walker.packetEnds(), null, null);
    } catch (PacketWalker.Unpredictable e) {
      return new Packets(null, null, e.getMessage(), ht ? e.getMessage() : null);
    }
  }

  private String checkHtTiles(boolean complete) throws CodestreamException {
    for (int tile : tileHeaders.keySet()) {
      try {
        walker(tile, complete).walk();
      } catch (PacketWalker.Unpredictable e) {
        return "tile " + tile + ": " + e.getMessage();
      }
    }
    return null;
  }

  private PacketWalker walker(int tile, boolean complete) throws PacketWalker.Unpredictable {
    TileHeader header = tileHeaders.get(tile);
    if (header == null) {
      throw new PacketWalker.Unpredictable("no tile-part header in the data yet");
    }
    if (markers.contains("POC") || markers.contains("PPM") || header.ppt) {
      throw new PacketWalker.Unpredictable("progression changes or packed packet headers (POC/PPM/PPT)");
    }
    List<ComponentStyle> styles = List.of(componentStylesOf(tile));
    TileGeometry geometry = TileGeometry.of(size, styles, size.tileArea(tile));
    return new PacketWalker(ts, in, geometry, codingOf(tile), styles, tileParts, tile, complete, limit);
  }

  /** Level L is complete once every resolution up to levels - L is. */
  private static long[] levels(long[] resolutionEnds) {
    long[] levels = new long[resolutionEnds.length];
    long end = 0;
    for (int r = 0; r < resolutionEnds.length; r++) {
      end = Math.max(end, resolutionEnds[r]);
      levels[resolutionEnds.length - 1 - r] = end;
    }
    return levels;
  }

  private boolean usesHt() {
    for (int tile : tilesWithMainDefault()) {
      for (ComponentStyle style : componentStylesOf(tile)) {
        if (style.ht()) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- helpers ----

  private void requireMarker(int marker, int at, String where) throws CodestreamException {
    if ((marker & 0xFF00) != 0xFF00 || marker < 0xFF30) {
      throw malformed("expected a marker in the " + where + " at offset " + at + ", found " + hex(marker));
    }
  }

  /** Lxxx of the segment at {@code at}, checked against the data and {@code end}. */
  private int segmentLength(int at, int end, String where) throws CodestreamException {
    if (!in.has(at, 4) || at + 4 > end) {
      throw truncated("data ends inside the " + where + " at offset " + at);
    }
    int length = in.u16(at + 2);
    if (length < 2) {
      throw malformed(hex(in.u16(at)) + " at offset " + at + " declares a length of " + length);
    }
    if (!in.has(at, 2L + length) || at + 2 + length > end) {
      throw truncated("data ends inside " + hex(in.u16(at)) + " at offset " + at + " (" + length + " bytes)");
    }
    return length;
  }

  private void note(String marker) {
    markers.add(marker);
  }

  private static String hex(int marker) {
    return String.format("%04X", marker);
  }

  private CodestreamException malformed(String reason) {
    return CodestreamException.malformed(ts, reason);
  }

  private CodestreamException truncated(String reason) {
    return CodestreamException.truncated(ts, reason);
  }

  /** Overrides found in the first tile-part of a tile, and the count of its tile-parts. */
  private static final class TileHeader {
    CodingStyle coding;
    ComponentStyle style;
    final ComponentStyle[] componentStyles;
    Boolean quantized;
    final Boolean[] componentQuantized;
    boolean ppt;
    int parts;
    int declaredParts;

    TileHeader(int components) {
      componentStyles = new ComponentStyle[components];
      componentQuantized = new Boolean[components];
    }
  }
}
