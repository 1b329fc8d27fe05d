package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.codec.charls.internal.SourceFrames.Part;
import org.weasis.progressive.fixtures.Fixtures;

/**
 * The JPEG-LS frames and thumbnails a real Static DICOMweb tree serves (mkdicomweb, labelled .81 with
 * NEAR=0) decode to exactly the pixels of the DICOM files they were made from.
 */
class FixtureFramesTest {
  /** What the series metadata says: 512x512, 16 bits allocated, 12 stored, unsigned. */
  private static final PixelDescription CT =
      new PixelDescription(512, 512, 1, 16, 12, false, "MONOCHROME2", 0, 1, -1024, null, null);
  private static final JpegLsFrameDecoder DECODER = new JpegLsFrameDecoder();

  @Test
  void everyFullFrameDecodesToTheSourcePixelsAndIsCalledLosslessDespiteItsNearLosslessLabel() throws Exception {
    List<Path> frames = Fixtures.frameFiles("jls");
    assertEquals(3, frames.size(), "JPEG-LS frames in the fixture tree");

    for (Path frame : frames) {
      Part part = SourceFrames.singlePart(frame);
      short[] source = SourceFrames.sourcePixelsOf(frame);

      DecodedFrame decoded = decode(part);

      assertEquals(TransferSyntax.JPEG_LS_NEAR_LOSSLESS, part.transferSyntax());
      assertEquals(512, decoded.raster().rows());
      assertEquals(512, decoded.raster().columns());
      assertArrayEquals(source, shorts(decoded), frame.toString());
      assertTrue(decoded.lossless(), "NEAR=0 is lossless whatever the label");
      assertEquals(0, decoded.decodeLevel());
    }
  }

  /**
   * mkdicomweb samples corner-aligned: thumbnail pixel i is source pixel floor(i * 511 / 127), so the
   * last thumbnail row and column are the source's last ones. Taking every 4th pixel from 0 instead
   * differs in about 58 % of the pixels (checked on all three thumbnails).
   */
  @Test
  void everyThumbnailIsTheSourceSampledCornerAlignedAtAQuarterAndStandsForLevelTwo() throws Exception {
    List<Path> frames = Fixtures.frameFiles("jlsThumbnail");
    assertEquals(3, frames.size(), "JPEG-LS thumbnails in the fixture tree");

    for (Path frame : frames) {
      short[] source = SourceFrames.sourcePixelsOf(frame);

      DecodedFrame decoded = decode(SourceFrames.singlePart(frame));

      assertEquals(128, decoded.raster().rows());
      assertEquals(128, decoded.raster().columns());
      assertArrayEquals(sampleCornerAligned(source, 512, 128), shorts(decoded), frame.toString());
      assertEquals(2, decoded.decodeLevel());
      assertTrue(decoded.lossless());
    }
  }

  private static DecodedFrame decode(Part part) throws Exception {
    return DECODER.decode(ByteBuffer.wrap(part.content()), new DecodeRequest(part.transferSyntax(), CT, 0, true));
  }

  private static short[] sampleCornerAligned(short[] source, int size, int reduced) {
    short[] out = new short[reduced * reduced];
    for (int r = 0; r < reduced; r++) {
      for (int c = 0; c < reduced; c++) {
        int sr = r * (size - 1) / (reduced - 1);
        int sc = c * (size - 1) / (reduced - 1);
        out[r * reduced + c] = source[sr * size + sc];
      }
    }
    return out;
  }

  private static short[] shorts(DecodedFrame frame) {
    ShortBuffer samples = (ShortBuffer) frame.raster().samples();
    short[] out = new short[samples.capacity()];
    samples.get(0, out);
    return out;
  }
}
