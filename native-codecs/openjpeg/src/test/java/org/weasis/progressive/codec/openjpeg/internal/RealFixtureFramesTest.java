package org.weasis.progressive.codec.openjpeg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.codec.openjpeg.internal.codestream.Codestream;
import org.weasis.progressive.codec.openjpeg.internal.codestream.CodestreamInspector;
import org.weasis.progressive.codec.openjpeg.internal.natives.OpenJpeg;
import org.weasis.progressive.testsupport.codec.ReferenceTools;
import org.weasis.progressive.testsupport.FrameDecoderContract;

/** The HTJ2K frames the Static DICOMweb toolkit wrote, against the DICOM files they came from. */
class RealFixtureFramesTest {
  private static final String UID = "1.2.826.0.1.3680043.8.498.1001.1.";
  private static final PixelDescription CT =
      new PixelDescription(512, 512, 1, 16, 12, false, "MONOCHROME2", 0, 1, 0, null, null);
  private static final OpenJpegDecoder DECODER = new OpenJpegDecoder(OpenJpegDecoderTest.library());

  private static DecodedFrame decode(byte[] data, int level, boolean complete) throws DecodeException {
    return DECODER.decode(ByteBuffer.wrap(data),
        new DecodeRequest(TransferSyntax.HTJ2K_LOSSLESS, CT, level, complete));
  }

  @ParameterizedTest
  @CsvSource({"1, ct1.dcm", "2, ct2.dcm", "3, ct3.dcm"})
  void eachFrameDecodesBitExactToThePixelDataOfItsSourceFile(String instance, String source) throws Exception {
    DecodedFrame frame = decode(RealFixtures.frame(UID + instance), 0, true);

    assertEquals(0, frame.decodeLevel());
    assertTrue(frame.lossless());
    assertArrayEquals(RealFixtures.sourcePixels(source), FrameDecoderContract.samples(frame.raster(), false));
  }

  @Test
  void theInspectorFindsTheSizesMeasuredWithOpenJpegsPartialDecode() throws Exception {
    byte[] frame = RealFixtures.frame(UID + "1");
    Codestream c = CodestreamInspector.inspect(ByteBuffer.wrap(frame), TransferSyntax.HTJ2K_LOSSLESS);

    // Measured with opj_decompress -allow-partial: 128x128 needs ~11.8 KB, 256x256 ~40.7 KB.
    assertEquals(11_791, c.completeAt(2));
    assertEquals(40_658, c.completeAt(1));
    assertEquals(2, DECODER.decodableLevel(ByteBuffer.wrap(frame, 0, 11_791), request(0)));
    assertEquals(3, DECODER.decodableLevel(ByteBuffer.wrap(frame, 0, 11_790), request(0)));
  }

  @Test
  void eachLevelFromItsPrefixEqualsThatLevelOfTheWholeFrame() throws Exception {
    for (int instance = 1; instance <= 3; instance++) {
      byte[] frame = RealFixtures.frame(UID + instance);
      Codestream c = CodestreamInspector.inspect(ByteBuffer.wrap(frame), TransferSyntax.HTJ2K_LOSSLESS);
      for (int level = 1; level <= 5; level++) {
        byte[] prefix = Arrays.copyOf(frame, (int) c.completeAt(level));

        DecodedFrame partial = decode(prefix, 0, false);

        assertEquals(level, partial.decodeLevel());
        assertFalse(partial.lossless());
        int side = DecodeRequest.reducedSize(512, level);
        ShortBuffer whole = (ShortBuffer) OpenJpegDecoderTest.library().decode(ByteBuffer.wrap(frame),
            new OpenJpeg.Request(level, true, 1, side, side, 1, false));
        assertEquals(whole, partial.raster().samples(), "instance " + instance + " level " + level);
      }
    }
  }

  @Test
  void a64KibPrefixGivesTheHalfSizeImage() throws Exception {
    byte[] frame = RealFixtures.frame(UID + "2");

    DecodedFrame partial = decode(Arrays.copyOf(frame, 65536), 0, false);

    assertEquals(1, partial.decodeLevel());
    assertEquals(256, partial.raster().rows());
  }

  @Test
  void aCodeBlockThatMakesOpjDecompressAbortIsRefusedInJava(@TempDir Path dir) throws Exception {
    byte[] bad = RealFixtures.frame(UID + "1");
    bad[635] = (byte) 0xFF; // a MEL segment starting with 0xFF 0x9A: OpenJPEG 2.5.0 asserts
    bad[636] = (byte) 0x9A;
    Path file = Files.write(dir.resolve("mel.j2c"), bad);
    Process p = new ProcessBuilder(ReferenceTools.find(ReferenceTools.OPJ_DECOMPRESS).toString(), "-i",
        file.toString(), "-o", file + ".pgm").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertEquals(134, p.waitFor(), "opj_decompress aborts (SIGABRT) on this input");

    DecodeException e = assertThrows(DecodeException.class, () -> decode(bad, 0, true));

    assertTrue(e.getMessage().contains("MEL"), e.getMessage()); // and this JVM is still alive
  }

  private static DecodeRequest request(int level) {
    return new DecodeRequest(TransferSyntax.HTJ2K_LOSSLESS, CT, level, false);
  }
}
