package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.TransferSyntax;

/** The Java pre-check on hand-made codestreams: no native code runs in these tests. */
class JlsHeaderTest {
  private static final String TS = TransferSyntax.JPEG_LS_LOSSLESS;

  @Test
  void readsTheFrameAndScanOfAWellFormedStream() throws Exception {
    JlsHeader header = read(new JlsStream().frame(16, 300, 515, 1).preset(65535, 64).scan(1, 0, 0).end());

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
    JlsStream stream = new JlsStream().frame(8, 4, 4, 3);
    stream.scan(1, 0, 0).scan(1, 3, 0).scan(1, 1, 0);

    JlsHeader header = read(stream.end());

    assertEquals(3, header.maxNear());
  }

  @Test
  void aNonInterleavedColourImageMissingAScanIsRefused() {
    JlsStream stream = new JlsStream().frame(8, 4, 4, 3);
    stream.scan(1, 0, 0).scan(1, 0, 0);

    assertRefused(stream.end(), "needs 3 scans, found 2");
  }

  @Test
  void dataThatDoesNotStartWithSoiIsRefused() {
    byte[] data = new JlsStream().frame(8, 4, 4, 1).scan(1, 0, 0).end();
    data[1] = (byte) 0xD9;

    assertRefused(data, "no SOI");
  }

  @Test
  void aFrameOfAnotherJpegProcessIsRefusedByName() {
    byte[] data = new JlsStream().segment(0xC3, new byte[] {8, 0, 4, 0, 4, 1, 1, 0x11, 0}).end();

    assertRefused(data, "another JPEG process");
  }

  @Test
  void precisionOutsideTwoToSixteenIsRefused() {
    assertRefused(new JlsStream().frame(1, 4, 4, 1).scan(1, 0, 0).end(), "precision 1");
    assertRefused(new JlsStream().frame(17, 4, 4, 1).scan(1, 0, 0).end(), "precision 17");
  }

  @Test
  void zeroRowsOrColumnsAreRefused() {
    assertRefused(new JlsStream().frame(8, 0, 4, 1).scan(1, 0, 0).end(), "DNL");
    assertRefused(new JlsStream().frame(8, 4, 0, 1).scan(1, 0, 0).end(), "a 0x4 frame");
  }

  @Test
  void componentCountsOtherThanOneOrThreeAreRefused() {
    assertRefused(new JlsStream().frame(8, 4, 4, 2).scan(1, 0, 0).end(), "2 components");
    assertRefused(new JlsStream().frame(8, 4, 4, 4).scan(1, 0, 0).end(), "4 components");
  }

  @Test
  void subsampledComponentsAreRefused() {
    byte[] data = new JlsStream().frame(8, 4, 4, 3).scan(3, 0, 2).end();
    data[4 + 2 + 6 + 3 + 1] = 0x21;

    assertRefused(data, "sampling factors 21");
  }

  @Test
  void aSegmentLongerThanTheDataIsRefused() {
    byte[] data = new JlsStream().frame(8, 4, 4, 1).scan(1, 0, 0).end();
    data[4] = 0x7F;

    assertRefused(data, "declares");
  }

  @Test
  void aScanBeforeTheFrameHeaderIsRefused() {
    assertRefused(new JlsStream().scan(1, 0, 0).frame(8, 4, 4, 1).end(), "before the SOF55");
  }

  @Test
  void anInterleaveModeAboveTwoIsRefused() {
    assertRefused(new JlsStream().frame(8, 4, 4, 3).scan(3, 0, 3).end(), "interleave mode 3");
  }

  @Test
  void dataWithoutAnEndMarkerIsRefusedAsTruncated() {
    byte[] data = new JlsStream().frame(8, 4, 4, 1).scan(1, 0, 0).end();

    assertRefused(Arrays.copyOf(data, data.length - 1), "truncated");
  }

  @Test
  void zeroPaddingAfterTheEndMarkerAndFillBytesBeforeMarkersAreAccepted() throws Exception {
    byte[] data = new JlsStream().raw(0xFF).frame(8, 4, 4, 1).scan(1, 0, 0).end();
    byte[] padded = Arrays.copyOf(data, data.length + 1);

    assertEquals(4, read(padded).width());
  }

  @Test
  void oneNonZeroPadByteMakingAnOddStreamEvenIsAcceptedAsDicomFragmentPadding() throws Exception {
    byte[] data = oddLengthStream();
    byte[] padded = Arrays.copyOf(data, data.length + 1);
    padded[data.length] = (byte) 0xC0; // what Orthanc 1.10 sent in 6 of 60 answers

    assertEquals(4, read(padded).width());
  }

  @Test
  void nonZeroBytesAfterTheEndMarkerBeyondOnePadByteAreRefused() {
    byte[] data = oddLengthStream();
    byte[] oddPad = Arrays.copyOf(data, data.length + 2);
    oddPad[data.length] = 0x5A;
    byte[] twoBytes = Arrays.copyOf(data, data.length + 3);
    twoBytes[data.length] = 0x5A;
    twoBytes[data.length + 1] = 0x5A;

    assertRefused(oddPad, "followed by other bytes");
    assertRefused(twoBytes, "followed by other bytes");
  }

  @Test
  void applicationAndCommentSegmentsAreSkipped() throws Exception {
    byte[] data = new JlsStream().segment(0xE8, new byte[] {'S', 'P', 'I', 'F', 'F', 0})
        .segment(0xFE, new byte[] {'h', 'i'}).frame(8, 4, 4, 1).scan(1, 0, 0).end();

    assertEquals(4, read(data).height());
  }

  /**
   * RESET above 255 is valid for deeper samples (T.87 C.2.4.1.1) and the Java decoder keeps it in an int;
   * only CharLS 2, which keeps it in 8 bits, had to be shielded from it here.
   */
  @Test
  void resetValuesAbove255PassTheHeaderCheck() throws Exception {
    assertEquals(4, read(new JlsStream().frame(16, 4, 4, 1).preset(65535, 4352).scan(1, 0, 0).end()).width());
  }

  @Test
  void oversizeDimensionSegmentsAreRefused() {
    byte[] data = new JlsStream().frame(8, 4, 4, 1).segment(0xF8, new byte[] {4, 4, 0, 1, 0, 0, 0, 1, 0, 0})
        .scan(1, 0, 0).end();

    assertRefused(data, "above 65535");
  }

  /** A 4×4 stream of odd length: with one fill byte before its frame marker when it needs one. */
  private static byte[] oddLengthStream() {
    byte[] plain = new JlsStream().frame(8, 4, 4, 1).scan(1, 0, 0).end();
    return plain.length % 2 == 1 ? plain : new JlsStream().raw(0xFF).frame(8, 4, 4, 1).scan(1, 0, 0).end();
  }

  private static JlsHeader read(byte[] data) throws DecodeException {
    return JlsHeader.read(ByteBuffer.wrap(data), TS);
  }

  private static void assertRefused(byte[] data, String reason) {
    DecodeException e = assertThrows(DecodeException.class, () -> read(data));
    assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should say '" + reason + "'");
    assertEquals(TS, e.transferSyntaxUid());
  }
}
