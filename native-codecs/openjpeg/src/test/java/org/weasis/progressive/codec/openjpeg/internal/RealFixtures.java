package org.weasis.progressive.codec.openjpeg.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.weasis.progressive.fixtures.SinglePart;
import org.weasis.progressive.fixtures.Fixtures;

/**
 * The real Static DICOMweb fixture: HTJ2K frames written by the toolkit, and the DICOM files they were
 * made from (see {@link Fixtures}).
 */
public final class RealFixtures {
  public static final Path DICOMWEB = Fixtures.staticDicomWebTree();
  private static final int PIXEL_BYTES = 512 * 512 * 2;

  private RealFixtures() {}

  /** The codestream of frame 1 of instance {@code sopInstanceUid}, without its multipart wrapping. */
  public static byte[] frame(String sopInstanceUid) throws IOException {
    Path file = Fixtures.frameFile(sopInstanceUid, "frames");
    if (!Files.exists(file)) {
      throw new IllegalStateException("fixture missing: " + file);
    }
    return SinglePart.parse(Files.readAllBytes(file)).content();
  }

  /**
   * The 512x512 16-bit samples of a source file (Implicit VR Little Endian, PixelData last): the bytes
   * after the (7FE0,0010) tag and its 4-byte length.
   */
  public static int[] sourcePixels(String file) throws IOException {
    byte[] dicom = Files.readAllBytes(Fixtures.sourceDir().resolve(file));
    int tag = lastIndexOfPixelDataTag(dicom);
    ByteBuffer in = ByteBuffer.wrap(dicom, tag + 4, dicom.length - tag - 4).order(ByteOrder.LITTLE_ENDIAN);
    int length = in.getInt();
    if (length != PIXEL_BYTES) {
      throw new IllegalStateException(file + ": PixelData of " + length + " bytes");
    }
    int[] samples = new int[PIXEL_BYTES / 2];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = in.getShort() & 0xFFFF;
    }
    return samples;
  }

  private static int lastIndexOfPixelDataTag(byte[] dicom) {
    for (int i = dicom.length - 8; i >= 0; i--) {
      if (dicom[i] == (byte) 0xE0 && dicom[i + 1] == 0x7F && dicom[i + 2] == 0x10 && dicom[i + 3] == 0) {
        return i;
      }
    }
    throw new IllegalStateException("no (7FE0,0010)");
  }
}
