package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.testsupport.charls.ffm.CharlsLibrary;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;
import org.weasis.progressive.testsupport.charls.ffm.NativeDecoder;
import org.weasis.progressive.testsupport.charls.CharlsReference;

/**
 * The one input of {@code ./progressive fuzz --codec charls --count 100000 --seed 7} where the Java
 * decoder and CharLS 2.4.1 gave different samples (input 7842: "FLIP_HEADER_BITS of RGB NONE", sample 127,
 * CharLS 85, Java 130). Two header bits flipped swap the identifiers of components 2 and 3 in SOF55: the
 * frame lists its components as 1, 3, 2, while the three single-component scans (interleave mode NONE)
 * still come with selectors 1, 2, 3.
 *
 * <p>Which decoder is right, from T.87 | ISO/IEC 14495-1, whose frame and scan headers (C.2.2, C.2.3) are
 * those of T.81 | ISO/IEC 10918-1 B.2.2 and B.2.3: Ci "assigns a unique label to the i-th component in
 * the sequence of frame component specification parameters", to be used in the scan headers to identify
 * the components in the scan; Csj "selects which of the Nf image components specified in the frame
 * parameters shall be the j-th component in the scan". A scan with Ns = 1 therefore codes the frame
 * component whose Ci equals its Cs1, wherever the scan stands in the file; nothing in T.87 (4.6, C.2.3,
 * D.2) ties the n-th non-interleaved scan to the n-th component. So the image's second component (Ci = 3)
 * is what the third scan (Cs = 3) codes, and the third component (Ci = 2) is the second scan. The Java
 * decoder does this. CharLS 2.4.1 puts the n-th scan into the n-th component and ignores the selectors:
 * it is wrong on this input, and the fuzzer's comparison leaves such inputs out, saying why.
 */
class ScanComponentSelectorTest {
  private static final String INPUT = "/fuzz/seed7-input7842-sof55-components-1-3-2.jls";
  private static final int SIZE = 64;
  private static final PixelDescription RGB =
      new PixelDescription(SIZE, SIZE, 3, 8, 8, false, "RGB", 0, 1, 0, null, null);
  /** Offsets of the second and third component identifiers in SOF55 (SOI, then FFF7 at byte 2). */
  private static final int SECOND_ID = 15;
  private static final int THIRD_ID = 18;

  private final JpegLsFrameDecoder java = new JpegLsFrameDecoder();
  private final CharlsReference charls = new CharlsReference(CharlsLibrary.bindings().orElseThrow());

  @Test
  void theFuzzInputListsItsComponentsAsOneThreeTwoWhileItsScansNameOneTwoThree() throws IOException {
    byte[] input = read(INPUT);

    assertEquals(List.of(1, 3, 2), List.of((int) input[12], (int) input[SECOND_ID], (int) input[THIRD_ID]));
    assertEquals("the scans code components [1, 2, 3] where SOF55 lists [1, 3, 2]: CharLS 2.4 fills components"
        + " in scan order, not by selector", charls.compare(java, input).detail());
  }

  @Test
  void eachScanIsDecodedIntoTheComponentItsSelectorNamesAsT87C23Says() throws Exception {
    byte[] swapped = read(INPUT);
    byte[] inOrder = inFrameOrder(swapped);

    Raster ordered = decodeInJava(inOrder);
    Raster decoded = decodeInJava(swapped);

    assertEquals(CharlsReference.Agreement.SAME_SAMPLES, charls.compare(java, inOrder).agreement(),
        "with the identifiers in order both decoders agree");
    int[] fromComponent = {0, 2, 1}; // component i of the input is component fromComponent[i] of inOrder
    assertSamples(ordered, fromComponent, decoded, "Java");
  }

  @Test
  void charls241FillsComponentsInScanOrderIgnoringTheSelectors() throws Exception {
    byte[] swapped = read(INPUT);
    Raster ordered = decodeInJava(inFrameOrder(swapped));

    Raster charlsSamples = decodeInCharls(swapped);

    assertSamples(ordered, new int[] {0, 1, 2}, charlsSamples, "CharLS 2.4.1 (if this fails, CharLS now follows"
        + " the selectors: compare such inputs again in CharlsReference)");
  }

  private static void assertSamples(Raster ordered, int[] fromComponent, Raster actual, String who) {
    assertTrue(secondAndThirdDiffer(ordered) > 1000, "the image's components 2 and 3 differ enough to tell"
        + " them apart");
    for (int row = 0; row < SIZE; row++) {
      for (int column = 0; column < SIZE; column++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(ordered.sample(row, column, fromComponent[c], false), actual.sample(row, column, c, false),
              who + ": row " + row + ", column " + column + ", component " + c);
        }
      }
    }
  }

  private static int secondAndThirdDiffer(Raster raster) {
    int differing = 0;
    for (int row = 0; row < SIZE; row++) {
      for (int column = 0; column < SIZE; column++) {
        differing += raster.sample(row, column, 1, false) != raster.sample(row, column, 2, false) ? 1 : 0;
      }
    }
    return differing;
  }

  /** The input with its component identifiers back in the order its scans come in: the seed CharLS wrote. */
  private static byte[] inFrameOrder(byte[] swapped) {
    byte[] data = swapped.clone();
    data[SECOND_ID] = 2;
    data[THIRD_ID] = 3;
    return data;
  }

  private Raster decodeInJava(byte[] data) throws Exception {
    return java.decode(ByteBuffer.wrap(data),
        new DecodeRequest(TransferSyntax.JPEG_LS_LOSSLESS, RGB, 0, true)).raster();
  }

  /** CharLS called natively: it writes one plane per component in interleave mode NONE. */
  private static Raster decodeInCharls(byte[] data) throws Exception {
    try (Arena arena = Arena.ofConfined();
        NativeDecoder decoder = NativeDecoder.create(CharlsLibrary.bindings().orElseThrow())) {
      MemorySegment source = arena.allocate(data.length);
      MemorySegment.copy(data, 0, source, ValueLayout.JAVA_BYTE, 0, data.length);
      decoder.readHeader(source);
      assertEquals(InterleaveMode.NONE, decoder.interleaveMode());
      MemorySegment planes = arena.allocate(decoder.destinationSize());
      decoder.decodeTo(planes);
      byte[] interleaved = new byte[SIZE * SIZE * 3];
      for (int i = 0; i < interleaved.length; i++) {
        interleaved[i] = planes.get(ValueLayout.JAVA_BYTE, (long) (i % 3) * SIZE * SIZE + i / 3);
      }
      return new Raster(SIZE, SIZE, 3, ByteBuffer.wrap(interleaved));
    }
  }

  private static byte[] read(String name) throws IOException {
    try (InputStream in = ScanComponentSelectorTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is missing from the test resources");
      }
      return in.readAllBytes();
    }
  }
}
