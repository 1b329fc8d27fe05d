package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.PixelDescription;

class FallbackTest {
  private static final Set<String> OURS =
      Set.of(TransferSyntax.HTJ2K_LOSSLESS_RPCL, TransferSyntax.JPEG_LS_LOSSLESS, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

  private static ImageRef frame(String sop, int frame, String ts) {
    return new ImageRef("1.2", "1.2.3", sop, frame, "http://127.0.0.1/frames", ts, 1,
        PixelDescription.grey(512, 512, 12, false));
  }

  @Test
  void aSeriesInSyntaxesOurDecodersTakeLoadsThroughOurEngine() {
    assertNull(Fallback.reason(
        List.of(frame("1", 1, TransferSyntax.HTJ2K_LOSSLESS_RPCL), frame("2", 1, TransferSyntax.JPEG_LS_LOSSLESS)), OURS));
  }

  @Test
  void aFrameWhoseSyntaxTheMetadataDoesNotGiveIsLeftToTheEngine() {
    assertNull(Fallback.reason(List.of(frame("1", 1, null)), OURS));
  }

  @Test
  void oneInstanceInASyntaxNoDecoderTakesSendsTheWholeSeriesToWeasisNamingTheSyntax() {
    String jpegBaseline = "1.2.840.10008.1.2.4.50";

    assertEquals("no decoder for transfer syntax " + jpegBaseline, Fallback.reason(
        List.of(frame("1", 1, TransferSyntax.HTJ2K_LOSSLESS_RPCL), frame("2", 1, jpegBaseline)), OURS));
  }

  @Test
  void aMultiFrameInstanceInASyntaxWeDecodeLoadsThroughOurEngine() {
    assertNull(Fallback.reason(
        List.of(frame("7", 1, TransferSyntax.JPEG_LS_LOSSLESS), frame("7", 2, TransferSyntax.JPEG_LS_LOSSLESS)), OURS));
  }

  @Test
  void aMultiFrameInstanceWhoseFramesUncompressedPassFourGibibytesSendsTheSeriesToWeasisNamingIt() {
    // 512x512 16-bit frames of 512 KiB: 8191 fit one Pixel Data element (at most 2^32 - 2 bytes), 8192 do not.
    List<ImageRef> frames = new ArrayList<>();
    for (int f = 1; f <= 8192; f++) {
      frames.add(frame("7", f, TransferSyntax.HTJ2K_LOSSLESS_RPCL));
    }

    String reason = Fallback.reason(frames, OURS);

    assertEquals("multi-frame instance 7 is 4294967296 bytes uncompressed, more than one uncompressed file holds",
        reason);
    assertNull(Fallback.reason(frames.subList(0, 8191), OURS));
  }

  @Test
  void aSeriesWithoutImagesGoesToWeasis() {
    assertEquals("no image frames in the series metadata", Fallback.reason(List.of(), OURS));
  }
}
