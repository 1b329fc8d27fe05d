package org.weasis.progressive.codec.charls.internal;

import java.nio.ByteBuffer;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

/**
 * Decodes a JPEG-LS codestream (ITU-T T.87) in Java: walks its markers in order, keeps the preset
 * parameters (LSE) and restart interval (DRI) in force, and has {@link JlsScanDecoder} decode each scan
 * into samples interleaved per pixel. The frame header has passed {@link JlsHeader} already; this walk
 * checks again whatever it reads, as the pre-check does not parse past the first scan of interleaved data.
 */
final class JlsDecoder {
  private static final int RST0 = 0xD0;
  private static final int RST7 = 0xD7;
  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int DRI = 0xDD;
  private static final int APP8 = 0xE8;
  private static final int SOF55 = 0xF7;
  private static final int LSE = 0xF8;
  private static final int COM = 0xFE;
  private static final int PRESET_PARAMETERS = 1;
  private static final int HP_COLOUR_TRANSFORM_LENGTH = 7;

  /** The frame from its SOI at index 0, read by absolute index. */
  private ByteBuffer data;
  /** The bytes of {@link #data} received so far. */
  private int available;
  private final JlsHeader frame;
  private final Samples output;
  private final int[] componentIds;
  private final boolean[] decoded;
  private JlsParameters.Presets presets = JlsParameters.Presets.DEFAULTS;
  private long restartInterval;
  private int maxNear;
  private boolean frameSeen;
  /** Where the walk over the markers stands: the next marker's offset (0 before SOI is read). */
  private int cursor;
  private JlsScanDecoder scan;
  private boolean ended;

  /** A decoder that is given the bytes as they arrive ({@link #advance}). */
  JlsDecoder(JlsHeader frame, Samples output) {
    this.frame = frame;
    this.output = output;
    this.componentIds = new int[frame.components()];
    this.decoded = new boolean[frame.components()];
  }

  /**
   * Decodes {@code data} (the frame from index 0 to its limit), whose headers are {@code frame}, into
   * {@code output}; returns the largest NEAR.
   */
  static int decode(ByteBuffer data, JlsHeader frame, Samples output) throws JlsDataException {
    JlsDecoder decoder = new JlsDecoder(frame, output);
    decoder.advance(data, data.limit(), true);
    return decoder.maxNear();
  }

  /** Rows done in the scan being decoded; the frame's height once EOI is read. */
  int rowsDecoded() {
    return ended ? frame.height() : scan == null ? 0 : scan.rowsDecoded();
  }

  /** The largest NEAR of the scans decoded so far. */
  int maxNear() {
    return maxNear;
  }

  /**
   * Decodes as far as the first {@code available} bytes of {@code data} surely allow — with {@code last}
   * they are all the frame's bytes, and the frame is decoded to its EOI or refused. {@code data} holds the
   * bytes of the earlier calls at the same indices; it may be another buffer each time (the received body
   * moves to a bigger array as it grows), so only offsets are kept between calls. Returns true once EOI
   * has been read.
   */
  boolean advance(ByteBuffer data, int available, boolean last) throws JlsDataException {
    this.data = data;
    this.available = available;
    if (cursor == 0) {
      if (!last && available < 4) {
        return false;
      }
      if (available < 4 || u8(0) != 0xFF || u8(1) != SOI) {
        throw new JlsDataException("no SOI marker (FFD8) at offset 0");
      }
      cursor = 2;
    }
    while (!ended) {
      if (scan != null) {
        int next = scan.decodeLines(data, available, last);
        if (next < 0) {
          return false;
        }
        cursor = next;
        scan = null;
        continue;
      }
      if (!last && !segmentIn(cursor)) {
        return false;
      }
      step();
    }
    return true;
  }

  /** Whether the marker segment at {@code at}, and a few bytes after it, have arrived. */
  private boolean segmentIn(int at) {
    int margin = 16;
    int i = at;
    while (i + 2 < available && u8(i + 1) == 0xFF) {
      i++;
    }
    return available - i >= margin && i + 4L + u16(i + 2) + margin <= available;
  }

  /** Reads the marker at {@link #cursor}: a segment, the start of a scan, or EOI. */
  private void step() throws JlsDataException {
    int at = markerAt(cursor);
    int marker = u8(at + 1);
    if (marker == EOI) {
      requireEveryComponent(at);
      ended = true;
      return;
    }
    if (marker == SOI || (marker >= RST0 && marker <= RST7)) {
      throw new JlsDataException(String.format("unexpected marker FF%02X at byte offset %d", marker, at));
    }
    int end = segmentEnd(at);
    switch (marker) {
      case SOF55 -> readFrame(at, end);
      case LSE -> readPresets(at, end);
      case DRI -> readRestartInterval(at, end);
      case SOS -> {
        scan = startScan(at, end);
        return;
      }
      case APP8 -> requireNoColourTransform(at, end);
      default -> requireSkippable(marker, at);
    }
    cursor = end;
  }

  /** The offset of the marker at {@code at}, past 0xFF fill bytes. */
  private int markerAt(int at) throws JlsDataException {
    if (at + 1 >= available || u8(at) != 0xFF) {
      throw new JlsDataException("expected a marker at byte offset " + at);
    }
    int i = at;
    while (i + 2 < available && u8(i + 1) == 0xFF) {
      i++;
    }
    return i;
  }

  private int segmentEnd(int at) throws JlsDataException {
    if (at + 4 > available) {
      throw new JlsDataException(String.format("segment FF%02X at byte offset %d is cut before its length",
          u8(at + 1), at));
    }
    int length = u16(at + 2);
    if (length < 2 || at + 2L + length > available) {
      throw new JlsDataException(String.format("segment FF%02X at byte offset %d declares %d bytes, %d remain",
          u8(at + 1), at, length, available - at - 2));
    }
    return at + 2 + length;
  }

  /** The pre-check read the frame's size; what it did not keep are the component identifiers. */
  private void readFrame(int at, int end) throws JlsDataException {
    if (frameSeen) {
      throw new JlsDataException("second SOF55 frame header at byte offset " + at);
    }
    if (end - at != 2 + 8 + 3 * componentIds.length || u8(at + 9) != componentIds.length) {
      throw new JlsDataException("SOF55 at byte offset " + at + " differs from the frame the pre-check read");
    }
    for (int c = 0; c < componentIds.length; c++) {
      componentIds[c] = u8(at + 10 + 3 * c);
      for (int earlier = 0; earlier < c; earlier++) {
        if (componentIds[earlier] == componentIds[c]) {
          throw new JlsDataException("SOF55 names component " + componentIds[c] + " twice");
        }
      }
    }
    frameSeen = true;
  }

  /** Only preset coding parameters change how scans decode; mapping tables are not supported. */
  private void readPresets(int at, int end) throws JlsDataException {
    int type = end - at > 4 ? u8(at + 4) : -1;
    if (type != PRESET_PARAMETERS) {
      throw new JlsDataException("LSE at byte offset " + at + " has type " + type
          + "; only preset coding parameters (type 1) are supported");
    }
    if (end - at != 15) {
      throw new JlsDataException("LSE preset coding parameters at byte offset " + at + " are " + (end - at - 2)
          + " bytes, not 13");
    }
    presets = new JlsParameters.Presets(u16(at + 5), u16(at + 7), u16(at + 9), u16(at + 11), u16(at + 13));
  }

  /** T.87 C.2.5: the interval, in lines, is 2, 3 or 4 bytes long. */
  private void readRestartInterval(int at, int end) throws JlsDataException {
    long interval = 0;
    int bytes = end - at - 4;
    if (bytes < 2 || bytes > 4) {
      throw new JlsDataException("DRI at byte offset " + at + " holds " + bytes + " bytes, not 2, 3 or 4");
    }
    for (int i = at + 4; i < end; i++) {
      interval = (interval << 8) | u8(i);
    }
    restartInterval = interval;
  }

  /** HP's colour transforms (APP8 "mrfx") are not JPEG-LS and not used in DICOM; other APP8 data is skipped. */
  private void requireNoColourTransform(int at, int end) throws JlsDataException {
    boolean mrfx = end - at == 2 + HP_COLOUR_TRANSFORM_LENGTH && u8(at + 4) == 'm' && u8(at + 5) == 'r'
        && u8(at + 6) == 'f' && u8(at + 7) == 'x';
    if (mrfx && u8(at + 8) != 0) {
      throw new JlsDataException("APP8 at byte offset " + at + " asks for HP colour transform " + u8(at + 8)
          + ", which is not supported");
    }
  }

  private void requireSkippable(int marker, int at) throws JlsDataException {
    boolean application = marker >= 0xE0 && marker <= 0xEF;
    if (!application && marker != COM) {
      throw new JlsDataException(String.format("unexpected marker FF%02X at byte offset %d", marker, at));
    }
  }

  /** Reads the SOS segment at {@code at} and returns the decoder of its scan. */
  private JlsScanDecoder startScan(int at, int end) throws JlsDataException {
    if (!frameSeen) {
      throw new JlsDataException("SOS at byte offset " + at + " comes before the SOF55 frame header");
    }
    int count = end - at > 4 ? u8(at + 4) : 0;
    if (end - at != 2 + 6 + 2 * count) {
      throw new JlsDataException("SOS at byte offset " + at + " does not hold " + count + " component(s)");
    }
    int parameters = at + 5 + 2 * count;
    int near = u8(parameters);
    InterleaveMode mode = InterleaveMode.ofCode(u8(parameters + 1));
    if (mode == null || (count == 1) != (mode == InterleaveMode.NONE)) {
      throw new JlsDataException("SOS at byte offset " + at + " has " + count + " component(s) with interleave mode "
          + u8(parameters + 1) + "; one component needs mode 0, several need 1 or 2");
    }
    if ((u8(parameters + 2) & 0x0F) != 0) {
      throw new JlsDataException("SOS at byte offset " + at + " asks for point transform "
          + (u8(parameters + 2) & 0x0F) + ", which is not supported");
    }
    int first = scanComponents(at, count);
    JlsParameters coding;
    try {
      coding = JlsParameters.of(frame.bitsPerSample(), near, presets);
    } catch (JlsDataException e) {
      throw new JlsDataException("scan at byte offset " + at + ": " + e.getMessage());
    }
    maxNear = Math.max(maxNear, near);
    JlsScanDecoder.Scan layout = new JlsScanDecoder.Scan(
        frame.width(), frame.height(), count, first, mode, restartInterval, end);
    return new JlsScanDecoder(data, layout, coding, output);
  }

  /**
   * The frame component a single-component scan codes, or 0 for a scan of all components, which must list
   * them in the frame's order (T.81 B.2.3); each component is coded once.
   */
  private int scanComponents(int at, int count) throws JlsDataException {
    if (count != 1 && count != componentIds.length) {
      throw new JlsDataException("SOS at byte offset " + at + " codes " + count + " of the frame's "
          + componentIds.length + " components");
    }
    int first = -1;
    for (int i = 0; i < count; i++) {
      int id = u8(at + 5 + 2 * i);
      int component = count == 1 ? indexOf(id) : (componentIds[i] == id ? i : -1);
      if (component < 0) {
        throw new JlsDataException("SOS at byte offset " + at + " names component " + id
            + ", not the frame's next one");
      }
      if (decoded[component]) {
        throw new JlsDataException("SOS at byte offset " + at + " codes component " + id + " a second time");
      }
      if (u8(at + 6 + 2 * i) != 0) {
        throw new JlsDataException("SOS at byte offset " + at + " selects a mapping table, which is not supported");
      }
      decoded[component] = true;
      first = first < 0 ? component : first;
    }
    return count == 1 ? first : 0;
  }

  private int indexOf(int id) {
    for (int c = 0; c < componentIds.length; c++) {
      if (componentIds[c] == id) {
        return c;
      }
    }
    return -1;
  }

  private void requireEveryComponent(int at) throws JlsDataException {
    for (int c = 0; c < decoded.length; c++) {
      if (!decoded[c]) {
        throw new JlsDataException("EOI at byte offset " + at + " before component " + componentIds[c]
            + " was coded");
      }
    }
  }

  private int u8(int offset) {
    return data.get(offset) & 0xFF;
  }

  private int u16(int offset) {
    return (u8(offset) << 8) | u8(offset + 1);
  }

  /**
   * Decoded samples interleaved per pixel in the array a {@link Raster} wraps:
   * bytes for 8-bit containers, else shorts holding the sample's bit pattern.
   */
  static final class Samples {
    private final byte[] bytes;
    private final short[] shorts;
    private final int width;
    private final int components;

    private Samples(byte[] bytes, short[] shorts, int width, int components) {
      this.bytes = bytes;
      this.shorts = shorts;
      this.width = width;
      this.components = components;
    }

    /** Room for the frame in the container of {@code target}: bytes when BitsAllocated is 8. */
    static Samples of(JlsHeader frame, PixelDescription target) {
      int count = Math.toIntExact(frame.sampleCount());
      return target.bitsAllocated() == Byte.SIZE
          ? new Samples(new byte[count], null, frame.width(), frame.components())
          : new Samples(null, new short[count], frame.width(), frame.components());
    }

    Raster toRaster(JlsHeader frame, PixelDescription target) {
      return bytes != null
          ? DecodedSamples.toRaster(bytes, frame, target)
          : DecodedSamples.toRaster(shorts, frame, target);
    }

    /** Stores {@code line[1..width]} as component {@code component} of row {@code row}. */
    void storeLine(int row, int component, int[] line) {
      int at = row * width * components + component;
      if (shorts != null) {
        for (int x = 1; x <= width; x++, at += components) {
          shorts[at] = (short) line[x];
        }
      } else {
        for (int x = 1; x <= width; x++, at += components) {
          bytes[at] = (byte) line[x];
        }
      }
    }

    /** Stores a line of interleaved samples, {@code line[components..components * (width + 1) - 1]}. */
    void storeInterleavedLine(int row, int[] line) {
      int at = row * width * components;
      int count = width * components;
      if (shorts != null) {
        for (int i = 0; i < count; i++) {
          shorts[at + i] = (short) line[components + i];
        }
      } else {
        for (int i = 0; i < count; i++) {
          bytes[at + i] = (byte) line[components + i];
        }
      }
    }
  }
}
