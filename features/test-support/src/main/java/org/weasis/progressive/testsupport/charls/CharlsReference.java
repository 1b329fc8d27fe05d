package org.weasis.progressive.testsupport.charls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.testsupport.charls.ffm.CharlsBindings;
import org.weasis.progressive.testsupport.charls.ffm.CharlsException;
import org.weasis.progressive.testsupport.charls.ffm.FrameInfo;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;
import org.weasis.progressive.testsupport.charls.ffm.NativeDecoder;

/**
 * CharLS called natively with no Java check in front, as the reference the Java decoder is compared with.
 * Only give it data the Java decoder accepted: such data has every code value in range, which is what
 * keeps CharLS 2.4.1 from aborting the JVM. Three kinds of input are not compared: a RESET above 255, the
 * other known way to abort CharLS 2; a MAXVAL below 2^P - 1, which CharLS 2.4 does not honour (it
 * derives RANGE and LIMIT from P and clamps by bit mask; T.87 derives them from MAXVAL); and
 * single-component scans that code the frame's components in another order than SOF55 lists them: CharLS
 * 2.4 puts the n-th scan into the n-th component, where T.87 C.2.3 (T.81 B.2.3) puts each scan into the
 * component its selector Cs names (found by {@code ./progressive fuzz --codec charls --seed 7}; the input
 * is kept in the tests with the reasoning).
 */
public final class CharlsReference {
  /** How CharLS and the Java decoder compare on one input. */
  public enum Agreement {
    SAME_SAMPLES,
    /** CharLS returned an error code where the Java decoder decoded. */
    REFUSED_BY_CHARLS,
    /**
     * An LSE sets RESET above 255 (CharLS 2 could abort) or MAXVAL below 2^P - 1 (CharLS 2.4 ignores it), or
     * the scans code the components out of the frame's order (CharLS 2.4 ignores the selectors).
     */
    NOT_COMPARED,
    DIFFERENT
  }

  /**
   * The outcome of a comparison.
   *
   * @param agreement how they compare
   * @param detail what differs, or CharLS's error; empty otherwise
   */
  public record Comparison(Agreement agreement, String detail) {}

  private static final int SOF55 = 0xF7;
  private static final int LSE = 0xF8;
  private static final int SOS = 0xDA;
  private static final int PRESET_PARAMETERS = 1;
  private static final int LARGEST_RESET_CHARLS_2_KEEPS = 255;

  private final CharlsBindings charls;

  public CharlsReference(CharlsBindings charls) {
    this.charls = Objects.requireNonNull(charls, "charls");
  }

  /**
   * Decodes {@code data} with CharLS and with {@code decoder}, the latter at the frame's own size and
   * precision (BitsStored = BitsAllocated, unsigned), and compares every sample.
   */
  public Comparison compare(FrameDecoder decoder, byte[] data) {
    String notComparable = presetsCharlsMishandles(data);
    if (notComparable == null) {
      notComparable = scanOrderCharlsIgnores(data);
    }
    if (notComparable != null) {
      return new Comparison(Agreement.NOT_COMPARED, notComparable);
    }
    Decoded reference;
    try {
      reference = decode(data);
    } catch (CharlsException e) {
      return new Comparison(Agreement.REFUSED_BY_CHARLS, e.getMessage());
    }
    FrameInfo frame = reference.frame();
    int allocated = frame.bitsPerSample() > Byte.SIZE ? Short.SIZE : Byte.SIZE;
    PixelDescription raw = new PixelDescription(frame.height(), frame.width(), frame.components(), allocated,
        allocated, false, frame.components() == 1 ? "MONOCHROME2" : "RGB", 0, 1, 0, null, null);
    Raster raster;
    try {
      raster = decoder.decode(ByteBuffer.wrap(data),
          new DecodeRequest(TransferSyntax.JPEG_LS_NEAR_LOSSLESS, raw, 0, true)).raster();
    } catch (DecodeException e) {
      return new Comparison(Agreement.DIFFERENT, "CharLS decodes " + frame + ", the Java decoder refuses: "
          + e.getMessage());
    }
    return compare(reference, raster);
  }

  private static Comparison compare(Decoded reference, Raster raster) {
    FrameInfo frame = reference.frame();
    if (raster.rows() != frame.height() || raster.columns() != frame.width()
        || raster.samplesPerPixel() != frame.components()) {
      return new Comparison(Agreement.DIFFERENT, "CharLS decodes " + frame + ", the Java decoder "
          + raster.columns() + "x" + raster.rows() + "x" + raster.samplesPerPixel());
    }
    int components = frame.components();
    for (int i = 0; i < reference.samples().length; i++) {
      int pixel = i / components;
      int ours = raster.sample(pixel / frame.width(), pixel % frame.width(), i % components, false);
      if (ours != reference.samples()[i]) {
        return new Comparison(Agreement.DIFFERENT, String.format("sample %d (row %d, column %d, component %d):"
            + " CharLS %d, Java %d", i, pixel / frame.width(), pixel % frame.width(), i % components,
            reference.samples()[i], ours));
      }
    }
    return new Comparison(Agreement.SAME_SAMPLES, "");
  }

  /**
   * Why CharLS 2.4.1 cannot be compared on {@code data}, or null. CharLS 2's run-mode contexts count to
   * RESET in 8 bits: a larger RESET never resets them, and the counter that wraps to 0 makes Debian's
   * assert-enabled build abort (fixed in CharLS 3). Looks at every FFF7 and FFF8 pair, which entropy-coded
   * data cannot hold, so the check needs no parsing.
   */
  static String presetsCharlsMishandles(byte[] data) {
    int largest = (1 << Math.max(0, markerSegmentByte(data, SOF55, 4))) - 1;
    for (int i = 0; i + 14 < data.length; i++) {
      if (data[i] != (byte) 0xFF || (data[i + 1] & 0xFF) != LSE || data[i + 4] != PRESET_PARAMETERS) {
        continue;
      }
      int maxVal = u16(data, i + 5);
      int reset = u16(data, i + 13);
      if (reset > LARGEST_RESET_CHARLS_2_KEEPS) {
        return "an LSE sets RESET " + reset + ", which CharLS 2 could abort on";
      }
      if (maxVal != 0 && maxVal != largest) {
        return "an LSE sets MAXVAL " + maxVal + " where 2^P - 1 is " + largest + ", which CharLS 2.4 ignores";
      }
    }
    return null;
  }

  /**
   * Why CharLS 2.4.1 would put a scan in the wrong component, or null: single-component scans whose
   * selectors do not follow the order of SOF55's component identifiers. Like the preset check it looks at
   * marker pairs (FFF7, FFDA), which entropy-coded data cannot hold.
   */
  static String scanOrderCharlsIgnores(byte[] data) {
    List<Integer> frameOrder = new ArrayList<>();
    List<Integer> scanOrder = new ArrayList<>();
    for (int i = 0; i + 5 < data.length; i++) {
      if (data[i] != (byte) 0xFF) {
        continue;
      }
      int marker = data[i + 1] & 0xFF;
      if (marker == SOF55 && frameOrder.isEmpty() && i + 9 < data.length) {
        int components = data[i + 9] & 0xFF;
        for (int c = 0; c < components && i + 10 + 3 * c < data.length; c++) {
          frameOrder.add(data[i + 10 + 3 * c] & 0xFF);
        }
      } else if (marker == SOS && (data[i + 4] & 0xFF) == 1) {
        scanOrder.add(data[i + 5] & 0xFF);
      }
    }
    if (scanOrder.size() < 2 || frameOrder.size() != scanOrder.size() || frameOrder.equals(scanOrder)) {
      return null;
    }
    return "the scans code components " + scanOrder + " where SOF55 lists " + frameOrder
        + ": CharLS 2.4 fills components in scan order, not by selector";
  }

  /** Byte {@code offset} of the first segment FF{@code marker}, or -1. */
  private static int markerSegmentByte(byte[] data, int marker, int offset) {
    for (int i = 0; i + offset < data.length; i++) {
      if (data[i] == (byte) 0xFF && (data[i + 1] & 0xFF) == marker) {
        return data[i + offset] & 0xFF;
      }
    }
    return -1;
  }

  private static int u16(byte[] data, int at) {
    return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
  }

  /**
   * What CharLS decoded.
   *
   * @param frame the frame CharLS read
   * @param samples unsigned samples interleaved per pixel
   */
  private record Decoded(FrameInfo frame, int[] samples) {}

  private Decoded decode(byte[] data) throws CharlsException {
    try (Arena arena = Arena.ofConfined();
        NativeDecoder decoder = NativeDecoder.create(charls)) {
      MemorySegment source = arena.allocate(Math.max(1, data.length));
      MemorySegment.copy(data, 0, source, ValueLayout.JAVA_BYTE, 0, data.length);
      decoder.readHeader(source.asSlice(0, data.length));
      FrameInfo frame = decoder.frameInfo();
      InterleaveMode mode = decoder.interleaveMode();
      MemorySegment pixels = arena.allocate(Math.max(1, decoder.destinationSize()), Short.BYTES);
      decoder.decodeTo(pixels);
      return new Decoded(frame, interleaved(pixels, frame, mode));
    }
  }

  /** CharLS writes planes for interleave mode NONE, pixels otherwise; 2 bytes (native order) above 8 bits. */
  private static int[] interleaved(MemorySegment pixels, FrameInfo frame, InterleaveMode mode) {
    int count = Math.toIntExact(frame.sampleCount());
    int components = frame.components();
    int perPlane = count / components;
    boolean planar = mode == InterleaveMode.NONE && components > 1;
    boolean wide = frame.bytesPerSample() == Short.BYTES;
    int[] samples = new int[count];
    for (int i = 0; i < count; i++) {
      long at = planar ? (long) (i % components) * perPlane + i / components : i;
      samples[i] = wide
          ? pixels.getAtIndex(ValueLayout.JAVA_SHORT, at) & 0xFFFF
          : pixels.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }
    return samples;
  }
}
