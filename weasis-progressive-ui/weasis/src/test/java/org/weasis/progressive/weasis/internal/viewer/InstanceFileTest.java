package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.BulkData;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.decoder.PixelDescription;

class InstanceFileTest {

  /** An instance as WADO-RS metadata gives it: pixel data and an overlay as bulk data URIs. */
  private static Attributes metadata() {
    Attributes a = new Attributes();
    a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
    a.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4");
    a.setString(Tag.StudyInstanceUID, VR.UI, "1.2");
    a.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3");
    a.setDouble(Tag.PixelSpacing, VR.DS, 0.25, 0.25);
    a.setInt(Tag.Rows, VR.US, 4);
    a.setInt(Tag.Columns, VR.US, 4);
    a.setInt(Tag.NumberOfFrames, VR.IS, 1);
    a.setString(Tag.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.4.202");
    a.setValue(Tag.PixelData, VR.OW, new BulkData(null, "instances/1.2.3.4/frames", false));
    a.setValue(Tag.OverlayData, VR.OW, new BulkData(null, "instances/1.2.3.4/bulk/60003000", false));
    return a;
  }

  @Test
  void theHeaderKeepsTheInstancesAttributesDropsBulkDataReferencesAndDescribesOurPixels() {
    Attributes header = InstanceFile.header(metadata(), PixelDescription.grey(4, 4, 12, true));

    assertArrayEquals(new double[] {0.25, 0.25}, header.getDoubles(Tag.PixelSpacing));
    assertFalse(header.contains(Tag.PixelData));
    assertFalse(header.contains(Tag.OverlayData));
    assertFalse(header.contains(Tag.TransferSyntaxUID), "file meta belongs to the file we write");
    assertFalse(header.contains(Tag.NumberOfFrames));
    assertEquals(16, header.getInt(Tag.BitsAllocated, 0));
    assertEquals(12, header.getInt(Tag.BitsStored, 0));
    assertEquals(11, header.getInt(Tag.HighBit, 0));
    assertEquals(1, header.getInt(Tag.PixelRepresentation, 0));
    assertEquals("MONOCHROME2", header.getString(Tag.PhotometricInterpretation));
  }

  @Test
  void aColourImageIsWrittenAsInterleavedRgbWhateverItsStoredColourModel() {
    PixelDescription ybr = new PixelDescription(4, 4, 3, 8, 8, false, "YBR_FULL_422", 1, 1, 0, null, null);

    Attributes header = InstanceFile.header(metadata(), ybr);

    assertEquals("RGB", header.getString(Tag.PhotometricInterpretation));
    assertEquals(0, header.getInt(Tag.PlanarConfiguration, -1));
  }

  @Test
  void theWrittenFileIsExplicitLittleEndianWithOurPixelBytesAndTheHeaderIsLeftWithoutThem(@TempDir Path dir)
      throws Exception {
    Attributes header = InstanceFile.header(metadata(), PixelDescription.grey(2, 2, 16, false));
    byte[] pixels = {1, 2, 3, 4, 5, 6, 7, 8};
    Path file = dir.resolve("v.dcm");

    InstanceFile.write(file, header, pixels, 16);

    assertNull(header.getValue(Tag.PixelData), "the header is reused for the next version");
    try (DicomInputStream in = new DicomInputStream(Files.newInputStream(file))) {
      Attributes fmi = in.readFileMetaInformation();
      Attributes read = in.readDataset();
      assertEquals(UID.ExplicitVRLittleEndian, fmi.getString(Tag.TransferSyntaxUID));
      assertEquals("1.2.3.4", fmi.getString(Tag.MediaStorageSOPInstanceUID));
      assertArrayEquals(pixels, read.getBytes(Tag.PixelData));
      assertEquals(2, read.getInt(Tag.Rows, 0));
    }
  }

  @Test
  void pixelsWrittenFromADirectBufferReadBackAsTheSameFileWouldFromAnArray(@TempDir Path dir) throws Exception {
    Attributes header = InstanceFile.header(metadata(), PixelDescription.grey(2, 2, 16, false));
    byte[] pixels = {1, 2, 3, 4, 5, 6, 7, (byte) 0xF8};
    ByteBuffer direct = ByteBuffer.allocateDirect(16).put(pixels).flip();

    InstanceFile.write(dir.resolve("direct.dcm"), header, direct, 16);
    InstanceFile.write(dir.resolve("array.dcm"), header, pixels, 16);

    assertFalse(direct.hasRemaining());
    assertNull(header.getValue(Tag.PixelData), "the header is reused for the next version");
    assertArrayEquals(Files.readAllBytes(dir.resolve("array.dcm")), Files.readAllBytes(dir.resolve("direct.dcm")));
    try (DicomInputStream in = new DicomInputStream(Files.newInputStream(dir.resolve("direct.dcm")))) {
      in.readFileMetaInformation();
      assertArrayEquals(pixels, in.readDataset().getBytes(Tag.PixelData));
    }
  }

  @Test
  void anOddNumberOfEightBitSamplesIsPaddedToAnEvenLengthAsDcm4cheWouldPadIt(@TempDir Path dir) throws Exception {
    Attributes header = InstanceFile.header(metadata(), PixelDescription.grey(1, 3, 8, false));
    byte[] pixels = {9, 8, 7};

    InstanceFile.write(dir.resolve("buffer.dcm"), header, ByteBuffer.wrap(pixels), 8);
    InstanceFile.write(dir.resolve("array.dcm"), header, pixels, 8);

    assertArrayEquals(Files.readAllBytes(dir.resolve("array.dcm")), Files.readAllBytes(dir.resolve("buffer.dcm")));
  }

  @Test
  void aHeaderWithElementsAfterThePixelsKeepsThemAfterThePixels(@TempDir Path dir) throws Exception {
    Attributes header = InstanceFile.header(metadata(), PixelDescription.grey(1, 2, 16, false));
    header.setBytes(Tag.DataSetTrailingPadding, VR.OB, new byte[] {0, 0});
    byte[] pixels = {1, 2, 3, 4};

    InstanceFile.write(dir.resolve("v.dcm"), header, ByteBuffer.wrap(pixels), 16);

    try (DicomInputStream in = new DicomInputStream(Files.newInputStream(dir.resolve("v.dcm")))) {
      in.readFileMetaInformation();
      Attributes read = in.readDataset();
      assertArrayEquals(pixels, read.getBytes(Tag.PixelData));
      assertArrayEquals(new byte[] {0, 0}, read.getBytes(Tag.DataSetTrailingPadding));
    }
  }
}
