package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.DecodeException;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.codec.charls.internal.ffm.InterleaveMode;

/** The Java pre-check on hand-made codestreams: no native code runs in these tests. */
class JlsHeaderTest {
  private static final String TS = TransferSyntax.JPEG_LS_LOSSLESS;

  @Test
  void readsTheFrameAndScanOfAWellFormedStream() throws Exception {
    JlsHeader header = read(new Stream().frame(16, 300, 515, 1).preset(65535, 64).scan(1, 0, 0).end());

    assertEquals(515, header.width());
    assertEquals(300, header.height());
    assertEquals(16, header.bitsPerSample());
    assertEquals(1, header.components());
    assertEquals(InterleaveMode.NONE, header.interleave());
    assertEquals(0, header.maxNear());
    assertEquals(515L * 300 * 2, header.destinationBytes());
  }

  @Test
  void countsEveryScanOfANonInterleavedColourImageAndKeepsTheLargestNear() throws Exception {
    Stream stream = new Stream().frame(8, 4, 4, 3);
    stream.scan(1, 0, 0).scan(1, 3, 0).scan(1, 1, 0);

    JlsHeader header = read(stream.end());

    assertEquals(3, header.maxNear());
  }

  @Test
  void aNonInterleavedColourImageMissingAScanIsRefused() {
    Stream stream = new Stream().frame(8, 4, 4, 3);
    stream.scan(1, 0, 0).scan(1, 0, 0);

    assertRefused(stream.end(), "needs 3 scans, found 2");
  }

  @Test
  void dataThatDoesNotStartWithSoiIsRefused() {
    byte[] data = new Stream().frame(8, 4, 4, 1).scan(1, 0, 0).end();
    data[1] = (byte) 0xD9;

    assertRefused(data, "no SOI");
  }

  @Test
  void aFrameOfAnotherJpegProcessIsRefusedByName() {
    byte[] data = new Stream().segment(0xC3, new byte[] {8, 0, 4, 0, 4, 1, 1, 0x11, 0}).end();

    assertRefused(data, "another JPEG process");
  }

  @Test
  void precisionOutsideTwoToSixteenIsRefused() {
    assertRefused(new Stream().frame(1, 4, 4, 1).scan(1, 0, 0).end(), "precision 1");
    assertRefused(new Stream().frame(17, 4, 4, 1).scan(1, 0, 0).end(), "precision 17");
  }

  @Test
  void zeroRowsOrColumnsAreRefused() {
    assertRefused(new Stream().frame(8, 0, 4, 1).scan(1, 0, 0).end(), "DNL");
    assertRefused(new Stream().frame(8, 4, 0, 1).scan(1, 0, 0).end(), "a 0x4 frame");
  }

  @Test
  void componentCountsOtherThanOneOrThreeAreRefused() {
    assertRefused(new Stream().frame(8, 4, 4, 2).scan(1, 0, 0).end(), "2 components");
    assertRefused(new Stream().frame(8, 4, 4, 4).scan(1, 0, 0).end(), "4 components");
  }

  @Test
  void subsampledComponentsAreRefused() {
    byte[] data = new Stream().frame(8, 4, 4, 3).scan(3, 0, 2).end();
    data[4 + 2 + 6 + 3 + 1] = 0x21;

    assertRefused(data, "sampling factors 21");
  }

  @Test
  void aSegmentLongerThanTheDataIsRefused() {
    byte[] data = new Stream().frame(8, 4, 4, 1).scan(1, 0, 0).end();
    data[4] = 0x7F;

    assertRefused(data, "declares");
  }

  @Test
  void aScanBeforeTheFrameHeaderIsRefused() {
    assertRefused(new Stream().scan(1, 0, 0).frame(8, 4, 4, 1).end(), "before the SOF55");
  }

  @Test
  void anInterleaveModeAboveTwoIsRefused() {
    assertRefused(new Stream().frame(8, 4, 4, 3).scan(3, 0, 3).end(), "interleave mode 3");
  }

  @Test
  void dataWithoutAnEndMarkerIsRefusedAsTruncated() {
    byte[] data = new Stream().frame(8, 4, 4, 1).scan(1, 0, 0).end();

    assertRefused(Arrays.copyOf(data, data.length - 1), "truncated");
  }

  @Test
  void zeroPaddingAfterTheEndMarkerAndFillBytesBeforeMarkersAreAccepted() throws Exception {
    Stream stream = new Stream();
    stream.bytes.write(0xFF);
    byte[] data = stream.frame(8, 4, 4, 1).scan(1, 0, 0).end();
    byte[] padded = Arrays.copyOf(data, data.length + 1);

    assertEquals(4, read(padded).width());
  }

  @Test
  void applicationAndCommentSegmentsAreSkipped() throws Exception {
    byte[] data = new Stream().segment(0xE8, new byte[] {'S', 'P', 'I', 'F', 'F', 0})
        .segment(0xFE, new byte[] {'h', 'i'}).frame(8, 4, 4, 1).scan(1, 0, 0).end();

    assertEquals(4, read(data).height());
  }

  /**
   * RESET 4352 (0x1100) becomes 0 in CharLS 2's 8-bit run-mode counter: a fuzzed stream with it made
   * CharLS 2.4.1 abort() the JVM (Assertion `k <= 32' in context_run_mode.h).
   */
  @Test
  void resetValuesAbove255AreRefusedBecauseCharls2KeepsThemInEightBits() {
    assertRefused(new Stream().frame(16, 4, 4, 1).preset(65535, 4352).scan(1, 0, 0).end(), "RESET 4352");
    assertRefused(new Stream().frame(16, 4, 4, 1).preset(65535, 256).scan(1, 0, 0).end(), "RESET 256");
  }

  @Test
  void oversizeDimensionSegmentsAreRefused() {
    byte[] data = new Stream().frame(8, 4, 4, 1).segment(0xF8, new byte[] {4, 4, 0, 1, 0, 0, 0, 1, 0, 0})
        .scan(1, 0, 0).end();

    assertRefused(data, "above 65535");
  }

  private static JlsHeader read(byte[] data) throws DecodeException {
    return JlsHeader.read(ByteBuffer.wrap(data), TS);
  }

  private static void assertRefused(byte[] data, String reason) {
    DecodeException e = assertThrows(DecodeException.class, () -> read(data));
    assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should say '" + reason + "'");
    assertEquals(TS, e.transferSyntaxUid());
  }

  /** Builds codestreams segment by segment; scans get two bytes of entropy-coded data. */
  private static final class Stream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Stream() {
      bytes.write(0xFF);
      bytes.write(0xD8);
    }

    Stream frame(int precision, int rows, int columns, int components) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(precision);
      u16(body, rows);
      u16(body, columns);
      body.write(components);
      for (int c = 1; c <= components; c++) {
        body.write(c);
        body.write(0x11);
        body.write(0);
      }
      return segment(0xF7, body.toByteArray());
    }

    Stream preset(int maxValue, int reset) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(1);
      for (int value : new int[] {maxValue, 18, 67, 276, reset}) {
        u16(body, value);
      }
      return segment(0xF8, body.toByteArray());
    }

    Stream scan(int components, int near, int interleave) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(components);
      for (int c = 1; c <= components; c++) {
        body.write(c);
        body.write(0);
      }
      body.write(near);
      body.write(interleave);
      body.write(0);
      segment(0xDA, body.toByteArray());
      bytes.write(0x12);
      bytes.write(0x34);
      return this;
    }

    Stream segment(int marker, byte[] body) {
      bytes.write(0xFF);
      bytes.write(marker);
      u16(bytes, body.length + 2);
      bytes.writeBytes(body);
      return this;
    }

    byte[] end() {
      bytes.write(0xFF);
      bytes.write(0xD9);
      return bytes.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
      out.write(value >> 8);
      out.write(value & 0xFF);
    }
  }
}
