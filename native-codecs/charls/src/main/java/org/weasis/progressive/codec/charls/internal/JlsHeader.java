package org.weasis.progressive.codec.charls.internal;

import java.nio.ByteBuffer;
import org.weasis.progressive.api.decoder.DecodeException;

/**
 * The frame and scan parameters of a JPEG-LS codestream (ITU-T T.87), read before anything is decoded, so
 * that malformed segments, unsupported layouts and truncated data are refused cheaply and the pixel buffer
 * can be sized and capped from checked values.
 *
 * @param width columns, 1..65535
 * @param height rows, 1..65535
 * @param bitsPerSample precision, 2..16
 * @param components 1 or 3
 * @param interleave ILV of the first scan
 * @param maxNear the largest NEAR of all scans found (0 = lossless)
 */
record JlsHeader(
    int width, int height, int bitsPerSample, int components, InterleaveMode interleave, int maxNear) {

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int DRI = 0xDD;
  private static final int SOF55 = 0xF7;
  private static final int LSE = 0xF8;
  private static final int COM = 0xFE;
  private static final int PRESET_PARAMETERS = 1;
  private static final int OVERSIZE_DIMENSIONS = 4;
  /** DICOM pads odd fragments with one zero byte; some writers add a few more after EOI. */
  private static final int MAX_TRAILING_PADDING = 4;

  /** Reads the headers of {@code data} (position to limit, left unchanged). */
  static JlsHeader read(ByteBuffer data, String transferSyntax) throws DecodeException {
    return new Reader(data.slice(), transferSyntax, false).read();
  }

  /**
   * Reads the headers up to the first scan's from the first bytes of a frame, or returns null while they
   * are not all in; {@code interleave} and {@code maxNear} are then the first scan's.
   */
  static JlsHeader readPrefix(ByteBuffer data, String transferSyntax) throws DecodeException {
    try {
      return new Reader(data.slice(), transferSyntax, true).readFirstScan();
    } catch (Cut e) {
      return null;
    }
  }

  /** The prefix ends inside the headers: not an error yet. */
  private static final class Cut extends DecodeException {
    private static final long serialVersionUID = 1L;

    Cut(String transferSyntax) {
      super(transferSyntax, "the headers are not all in yet");
    }
  }

  /** Bytes of the frame's samples at one byte each up to 8 bits, else two. */
  long destinationBytes() {
    return sampleCount() * (bitsPerSample > 8 ? 2 : 1);
  }

  /** Samples of the whole frame, all components. */
  long sampleCount() {
    return (long) width * height * components;
  }

  String describe() {
    return width + "x" + height + " (columns x rows), " + components + " component(s), " + bitsPerSample
        + " bits, NEAR " + maxNear;
  }

  /** One pass over the markers; every read is bounds-checked against the data's size first. */
  private static final class Reader {
    private final ByteBuffer data;
    private final int size;
    private final String transferSyntax;
    private int width;
    private int height;
    private int bitsPerSample;
    private int components;
    private InterleaveMode interleave;
    private int maxNear;
    private int scans;
    /** True for a prefix: running past its end means "not yet", not "malformed". */
    private final boolean prefix;

    Reader(ByteBuffer data, String transferSyntax, boolean prefix) {
      this.data = data;
      this.size = data.remaining();
      this.transferSyntax = transferSyntax;
      this.prefix = prefix;
    }

    JlsHeader readFirstScan() throws DecodeException {
      if (size < 4) {
        throw new Cut(transferSyntax);
      }
      if (u8(0) != 0xFF || u8(1) != SOI) {
        throw malformed("no SOI marker (FFD8) at offset 0");
      }
      readSegmentsUntilFirstScan(2);
      return new JlsHeader(width, height, bitsPerSample, components, interleave, maxNear);
    }

    JlsHeader read() throws DecodeException {
      if (size < 4 || u8(0) != 0xFF || u8(1) != SOI) {
        throw malformed("no SOI marker (FFD8) at offset 0");
      }
      int afterFirstScanHeader = readSegmentsUntilFirstScan(2);
      if (interleave == InterleaveMode.NONE && components > 1) {
        readRemainingScanHeaders(afterFirstScanHeader);
      }
      requireEndOfImage();
      return new JlsHeader(width, height, bitsPerSample, components, interleave, maxNear);
    }

    /** Returns the offset just after the first SOS segment, where entropy-coded data starts. */
    private int readSegmentsUntilFirstScan(int offset) throws DecodeException {
      int at = offset;
      while (true) {
        at = skipFillBytes(at);
        int marker = u8(at + 1);
        int end = segmentEnd(at);
        switch (marker) {
          case SOF55 -> readFrameHeader(at);
          case LSE -> readPresetSegment(at);
          case SOS -> {
            if (components == 0) {
              throw malformed("SOS at offset " + at + " comes before the SOF55 frame header");
            }
            readScanHeader(at);
            return end;
          }
          default -> requireSkippable(marker, at);
        }
        at = end;
      }
    }

    /** JPEG allows any number of 0xFF fill bytes before a marker code. */
    private int skipFillBytes(int at) throws DecodeException {
      int i = at;
      if (prefix && i + 2 >= size) {
        throw new Cut(transferSyntax);
      }
      if (i + 1 >= size || u8(i) != 0xFF) {
        throw malformed("expected a marker at offset " + at + ", found " + describeByte(i));
      }
      while (i + 2 < size && u8(i + 1) == 0xFF) {
        i++;
      }
      return i;
    }

    /** The offset after the segment whose marker is at {@code at}, once its length is known to fit. */
    private int segmentEnd(int at) throws DecodeException {
      int marker = u8(at + 1);
      if (marker == EOI || marker == SOI || (marker >= 0xD0 && marker <= 0xD7)) {
        throw malformed(String.format("marker FF%02X at offset %d where a segment was expected", marker, at));
      }
      if (prefix && at + 4 > size) {
        throw new Cut(transferSyntax);
      }
      if (at + 4 > size) {
        throw malformed(String.format("segment FF%02X at offset %d is cut before its length", marker, at));
      }
      int length = u16(at + 2);
      if (prefix && length >= 2 && at + 2L + length > size) {
        throw new Cut(transferSyntax);
      }
      if (length < 2 || at + 2L + length > size) {
        throw malformed(String.format(
            "segment FF%02X at offset %d declares %d bytes but %d remain", marker, at, length, size - at - 2));
      }
      return at + 2 + length;
    }

    private void readFrameHeader(int at) throws DecodeException {
      if (components != 0) {
        throw malformed("second SOF55 frame header at offset " + at);
      }
      int length = u16(at + 2);
      if (length < 8) {
        throw malformed("SOF55 at offset " + at + " is " + length + " bytes long, at least 8 are needed");
      }
      int precision = u8(at + 4);
      int rows = u16(at + 5);
      int columns = u16(at + 7);
      int count = u8(at + 9);
      if (precision < 2 || precision > 16) {
        throw malformed("SOF55 precision " + precision + " is outside 2..16");
      }
      if (rows == 0 || columns == 0) {
        throw malformed("SOF55 declares a " + columns + "x" + rows + " frame (0 rows via DNL is not supported)");
      }
      if (count != 1 && count != 3) {
        throw malformed("SOF55 declares " + count + " components, only 1 or 3 are supported");
      }
      if (length != 8 + 3 * count) {
        throw malformed("SOF55 length " + length + " does not match " + count + " component(s), expected "
            + (8 + 3 * count));
      }
      requireFullSampling(at, count);
      bitsPerSample = precision;
      height = rows;
      width = columns;
      components = count;
    }

    /** JPEG-LS in DICOM has no subsampled components, and the raster has none. */
    private void requireFullSampling(int at, int count) throws DecodeException {
      for (int c = 0; c < count; c++) {
        int sampling = u8(at + 11 + 3 * c);
        if (sampling != 0x11) {
          throw malformed(String.format("SOF55 component %d has sampling factors %02X, only 1x1 is supported",
              c, sampling));
        }
      }
    }

    private void readPresetSegment(int at) throws DecodeException {
      int length = u16(at + 2);
      if (length < 3) {
        throw malformed("LSE at offset " + at + " has no parameter type");
      }
      int type = u8(at + 4);
      if (type == PRESET_PARAMETERS) {
        requirePresetParameters(at, length);
      }
      if (type == OVERSIZE_DIMENSIONS) {
        throw malformed("LSE at offset " + at + " declares dimensions above 65535, which are not supported");
      }
    }

    /** The values are checked against the frame and NEAR when the scan that uses them is decoded. */
    private void requirePresetParameters(int at, int length) throws DecodeException {
      if (length != 13) {
        throw malformed("LSE preset coding parameters at offset " + at + " are " + length + " bytes, not 13");
      }
    }

    private void readScanHeader(int at) throws DecodeException {
      int length = u16(at + 2);
      int count = length >= 3 ? u8(at + 4) : 0;
      if (count < 1 || count > components) {
        throw malformed("SOS at offset " + at + " has " + count + " components, the frame " + components);
      }
      if (length != 6 + 2 * count) {
        throw malformed("SOS length " + length + " at offset " + at + " does not match " + count
            + " component(s), expected " + (6 + 2 * count));
      }
      int parameters = at + 5 + 2 * count;
      int near = u8(parameters);
      InterleaveMode mode = InterleaveMode.ofCode(u8(parameters + 1));
      if (mode == null) {
        throw malformed("SOS at offset " + at + " has interleave mode " + u8(parameters + 1) + ", not 0..2");
      }
      boolean consistent =
          components == 1 || (mode == InterleaveMode.NONE ? count == 1 : count == components);
      if (!consistent) {
        throw malformed("SOS at offset " + at + " has " + count + " component(s) in interleave mode " + mode);
      }
      if (scans > 0 && mode != interleave) {
        throw malformed("SOS at offset " + at + " switches interleave mode from " + interleave + " to " + mode);
      }
      interleave = mode;
      maxNear = Math.max(maxNear, near);
      scans++;
    }

    /**
     * With no interleaving each component has its own scan. Entropy-coded JPEG-LS data never holds 0xFF
     * followed by a byte of 0x80 or more (a zero bit is stuffed), so such a pair is a marker.
     */
    private void readRemainingScanHeaders(int offset) throws DecodeException {
      int i = offset;
      while (i + 1 < size && scans < components) {
        int next = u8(i + 1);
        if (u8(i) != 0xFF || next < 0x80 || next == 0xFF) {
          i++;
          continue;
        }
        if (next == EOI) {
          break;
        }
        if (next >= 0xD0 && next <= 0xD7) {
          i += 2;
          continue;
        }
        int end = segmentEnd(i);
        if (next == SOS) {
          readScanHeader(i);
        } else if (next == LSE) {
          readPresetSegment(i);
        } else {
          requireSkippable(next, i);
        }
        i = end;
      }
      if (scans != components) {
        throw malformed("interleave mode NONE with " + components + " components needs " + components
            + " scans, found " + scans);
      }
    }

    /** Application data, comments and restart intervals do not change the pixels. */
    private void requireSkippable(int marker, int at) throws DecodeException {
      boolean application = marker >= 0xE0 && marker <= 0xEF;
      if (application || marker == COM || marker == DRI) {
        return;
      }
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        throw malformed(String.format("marker FF%02X at offset %d starts a frame of another JPEG process,"
            + " not JPEG-LS (SOF55, FFF7)", marker, at));
      }
      throw malformed(String.format("unexpected marker FF%02X at offset %d", marker, at));
    }

    /**
     * A frame without its EOI was cut short: better refused here than found out while decoding. One byte
     * of any value after EOI at an even length is the pad DICOM adds to an odd codestream: Orthanc 1.10
     * (DCMTK) transcoding to JPEG-LS leaves that byte uninitialised, so it is zero only most of the time.
     */
    private void requireEndOfImage() throws DecodeException {
      if (size % 2 == 0 && size >= 3 && u8(size - 3) == 0xFF && u8(size - 2) == EOI) {
        return;
      }
      int end = size;
      while (end > size - MAX_TRAILING_PADDING && end > 0 && u8(end - 1) == 0x00) {
        end--;
      }
      if (end < 2 || u8(end - 2) != 0xFF || u8(end - 1) != EOI) {
        throw malformed("no EOI marker (FFD9) at the end: the data is truncated or followed by other bytes");
      }
    }

    private int u8(int offset) {
      return data.get(offset) & 0xFF;
    }

    private int u16(int offset) {
      return (u8(offset) << 8) | u8(offset + 1);
    }

    private String describeByte(int offset) {
      return offset < size ? String.format("%02X", u8(offset)) : "the end of the data";
    }

    private DecodeException malformed(String reason) {
      return new DecodeException(transferSyntax, "malformed JPEG-LS data (" + size + " bytes): " + reason);
    }
  }
}
