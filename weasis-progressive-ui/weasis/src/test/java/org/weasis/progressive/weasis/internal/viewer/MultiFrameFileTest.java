package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.BulkData;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.img.DicomMetaData;
import org.dcm4che3.io.DicomInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.dicom.codec.DicomImageElement;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.codec.TagD;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.weasis.internal.load.LocalOAuth2;

class MultiFrameFileTest {
  private static final int FRAMES = 3;
  private static final PixelDescription PIXELS = PixelDescription.grey(2, 3, 12, false);
  private static final int FRAME_BYTES = (int) PIXELS.frameBytes();

  /**
   * An enhanced CT instance as WADO-RS metadata gives it: the geometry only in the functional groups (one
   * orientation and pixel spacing for all frames, a position per frame), the pixels as a bulk data reference.
   */
  static Attributes enhancedCtMetadata() {
    Attributes a = new Attributes();
    a.setString(Tag.SOPClassUID, VR.UI, UID.EnhancedCTImageStorage);
    a.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4");
    a.setString(Tag.StudyInstanceUID, VR.UI, "1.2");
    a.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3");
    a.setString(Tag.Modality, VR.CS, "CT");
    a.setString(Tag.PatientID, VR.LO, "P");
    a.setInt(Tag.InstanceNumber, VR.IS, 1);
    a.setInt(Tag.NumberOfFrames, VR.IS, FRAMES);
    a.setInt(Tag.Rows, VR.US, PIXELS.rows());
    a.setInt(Tag.Columns, VR.US, PIXELS.columns());
    a.setInt(Tag.SamplesPerPixel, VR.US, 1);
    a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    Attributes shared = new Attributes();
    shared.newSequence(Tag.PixelMeasuresSequence, 1).add(item(i -> {
      i.setDouble(Tag.PixelSpacing, VR.DS, 0.5, 0.5);
      i.setDouble(Tag.SliceThickness, VR.DS, 2);
    }));
    shared.newSequence(Tag.PlaneOrientationSequence, 1).add(item(i ->
        i.setDouble(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0)));
    // A bulk data reference inside the groups: dcm4che would try to fetch it when writing.
    shared.setValue(Tag.RedPaletteColorLookupTableData, VR.OW, new BulkData(null, "bulk/1", false));
    a.newSequence(Tag.SharedFunctionalGroupsSequence, 1).add(shared);
    Sequence perFrame = a.newSequence(Tag.PerFrameFunctionalGroupsSequence, FRAMES);
    for (int f = 0; f < FRAMES; f++) {
      double z = 10 + 2.5 * f;
      double intercept = intercept(f);
      perFrame.add(item(i -> {
        i.newSequence(Tag.PlanePositionSequence, 1).add(item(p ->
            p.setDouble(Tag.ImagePositionPatient, VR.DS, -100, -100, z)));
        i.newSequence(Tag.PixelValueTransformationSequence, 1).add(item(p -> {
          p.setDouble(Tag.RescaleIntercept, VR.DS, intercept);
          p.setDouble(Tag.RescaleSlope, VR.DS, 1);
        }));
      }));
    }
    a.setValue(Tag.PixelData, VR.OW, new BulkData(null, "instances/1.2.3.4/frames", false));
    return a;
  }

  /** Each frame's own rescale intercept, as a PET or MR instance may have. */
  private static double intercept(int frameIndex) {
    return -1024 + 100 * frameIndex;
  }

  private static Attributes item(java.util.function.Consumer<Attributes> fill) {
    Attributes item = new Attributes();
    fill.accept(item);
    return item;
  }

  private static MultiFrameFile create(Path dir) throws IOException {
    return MultiFrameFile.create(dir, InstanceFile.header(enhancedCtMetadata(), PIXELS), FRAMES, FRAME_BYTES,
        PIXELS.bitsAllocated());
  }

  private static ByteBuffer frame(int value) {
    byte[] bytes = new byte[FRAME_BYTES];
    Arrays.fill(bytes, (byte) value);
    return ByteBuffer.wrap(bytes);
  }

  private static Attributes read(Path file) throws IOException {
    try (DicomInputStream in = new DicomInputStream(Files.newInputStream(file))) {
      Attributes fmi = in.readFileMetaInformation();
      assertEquals(UID.ExplicitVRLittleEndian, fmi.getString(Tag.TransferSyntaxUID));
      return in.readDataset();
    }
  }

  private static byte[] frameOf(byte[] pixelData, int frameNumber) {
    return Arrays.copyOfRange(pixelData, (frameNumber - 1) * FRAME_BYTES, frameNumber * FRAME_BYTES);
  }

  @Test
  void theFileHasEveryFrameAtItsFullSizeFromTheStartWithTheInstancesFunctionalGroups(@TempDir Path dir)
      throws Exception {
    MultiFrameFile file = create(dir);

    Attributes read = read(file.path());
    assertEquals(FRAMES, read.getInt(Tag.NumberOfFrames, 0));
    assertArrayEquals(new byte[FRAMES * FRAME_BYTES], read.getBytes(Tag.PixelData), "no frame written yet");
    Attributes frame3 = read.getNestedDataset(Tag.PerFrameFunctionalGroupsSequence, 2);
    assertArrayEquals(new double[] {-100, -100, 15},
        frame3.getNestedDataset(Tag.PlanePositionSequence).getDoubles(Tag.ImagePositionPatient));
    assertFalse(read.getNestedDataset(Tag.SharedFunctionalGroupsSequence).contains(Tag.RedPaletteColorLookupTableData),
        "bulk data references inside the groups are left out");
    assertEquals(file.pixelOffset() + FRAMES * FRAME_BYTES, Files.size(file.path()));
  }

  @Test
  void eachInstanceGetsANewFileOfItsFullSizeInTheDirectory(@TempDir Path dir) throws Exception {
    MultiFrameFile first = create(dir);
    MultiFrameFile second = create(dir);

    assertNotEquals(first.path(), second.path());
    assertEquals(dir, first.path().getParent());
    assertEquals(Set.of(first.path(), second.path()), entries(dir));
    for (MultiFrameFile file : List.of(first, second)) {
      assertEquals(file.pixelOffset() + FRAMES * FRAME_BYTES, Files.size(file.path()));
    }
  }

  @Test
  void aFileTheDiskCannotTakeWholeIsRefusedNamingItsSizesBeforeAnythingIsWritten(@TempDir Path dir)
      throws Exception {
    Path measured = Files.createDirectory(dir.resolve("measured"));
    long size = Files.size(create(measured).path());
    Path target = Files.createDirectory(dir.resolve("target"));

    IOException e = assertThrows(IOException.class, () -> MultiFrameFile.create(target,
        InstanceFile.header(enhancedCtMetadata(), PIXELS), FRAMES, FRAME_BYTES, PIXELS.bitsAllocated(),
        directory -> size - 1));
    MultiFrameFile fitting = MultiFrameFile.create(target, InstanceFile.header(enhancedCtMetadata(), PIXELS),
        FRAMES, FRAME_BYTES, PIXELS.bitsAllocated(), directory -> size);

    assertEquals("the multi-frame file of 3 frames of 12 bytes needs " + size + " bytes, the disk of " + target
        + " has " + (size - 1) + " usable", e.getMessage());
    assertEquals(Set.of(fitting.path()), entries(target), "only the file that fits was made");
    assertEquals(size, Files.size(fitting.path()));
  }

  @Test
  void moreFramesThanTheEngineListsAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
    IOException e = assertThrows(IOException.class, () -> MultiFrameFile.create(dir,
        InstanceFile.header(enhancedCtMetadata(), PIXELS), MultiFrameFile.MAX_FRAMES + 1, 1, 8));

    assertEquals("100001 frames are more than the 100000 one instance may have here", e.getMessage());
    assertEquals(Set.of(), entries(dir));
  }

  private static Set<Path> entries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.collect(Collectors.toSet());
    }
  }

  @Test
  void eachVersionOfAFrameOverwritesThatFrameOnlyInPlace(@TempDir Path dir) throws Exception {
    MultiFrameFile file = create(dir);

    file.writeFrame(2, frame(7));
    file.writeFrame(1, frame(5));
    ByteBuffer better = frame(9);
    file.writeFrame(2, better);

    assertFalse(better.hasRemaining());
    byte[] pixels = read(file.path()).getBytes(Tag.PixelData);
    assertArrayEquals(frame(5).array(), frameOf(pixels, 1));
    assertArrayEquals(frame(9).array(), frameOf(pixels, 2));
    assertArrayEquals(new byte[FRAME_BYTES], frameOf(pixels, 3), "a frame without a version stays empty");
    assertEquals(file.pixelOffset() + FRAMES * FRAME_BYTES, Files.size(file.path()), "the file never grows");
  }

  @Test
  void aFrameOfAnotherSizeOrNumberIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    MultiFrameFile file = create(dir);

    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> file.writeFrame(1, ByteBuffer.allocate(FRAME_BYTES - 2)));
    IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
        () -> file.writeFrame(FRAMES + 1, frame(1)));

    assertTrue(size.getMessage().contains("frame 1 has " + (FRAME_BYTES - 2) + " bytes"), size.getMessage());
    assertTrue(number.getMessage().contains("frame 4 is not one of the 3 frames"), number.getMessage());
  }

  @Test
  void framesWhosePixelsTogetherPassFourGibibytesAreRefusedBeforeAnythingIsWritten(@TempDir Path dir)
      throws Exception {
    IOException e = assertThrows(IOException.class, () -> MultiFrameFile.create(dir,
        InstanceFile.header(enhancedCtMetadata(), PIXELS), 5000, 1 << 20, 16));

    assertTrue(e.getMessage().contains("5000 frames of 1048576 bytes"), e.getMessage());
    assertEquals(Set.of(), entries(dir));
  }

  @Test
  void weasisReaderMakesOneImagePerFrameEachWithItsOwnPositionFromTheFunctionalGroups(@TempDir Path dir)
      throws Exception {
    LocalOAuth2.WeasisUiCore.register(); // the reader asks Weasis' UI core for a preference
    MultiFrameFile file = create(dir);
    file.writeFrame(3, frame(3));

    DicomMediaIO reader = new DicomMediaIO(file.path());
    assertTrue(reader.isReadableDicom());
    DicomImageElement[] images = reader.getMediaElement();

    assertEquals(FRAMES, images.length);
    for (int f = 0; f < FRAMES; f++) {
      assertEquals(f, images[f].getKey(), "Weasis keys a frame's image by its index");
      assertArrayEquals(new double[] {-100, -100, 10 + 2.5 * f},
          TagD.getTagValue(images[f], Tag.ImagePositionPatient, double[].class), "position of frame " + (f + 1));
      assertArrayEquals(new double[] {0.5, 0.5}, TagD.getTagValue(images[f], Tag.PixelSpacing, double[].class),
          "pixel spacing of frame " + (f + 1));
    }
  }

  @Test
  void weasisAloneLosesEachFramesRescaleFromTheFunctionalGroupsWhenItDropsTheReadersHeader(@TempDir Path dir)
      throws Exception {
    LocalOAuth2.WeasisUiCore.register();
    DicomMediaIO reader = new DicomMediaIO(create(dir).path());
    assertEquals(FRAMES, reader.getMediaElement().length);
    assertEquals(intercept(2), interceptOf(reader, 2), "as Weasis read the file");

    reader.close(); // what Weasis does when a frame's pixels leave its image cache

    assertTrue(reader.getDicomMetaData().getImageDescriptor().getModalityLutForFrame(2).getRescaleIntercept()
        .isEmpty(), "the header read again has no per-frame rescale");
  }

  @Test
  void ourReaderGivesEachFrameItsRescaleFromTheFunctionalGroupsInEveryHeaderWeasisReadsAgain(@TempDir Path dir)
      throws Exception {
    LocalOAuth2.WeasisUiCore.register();
    MultiFrameFile file = create(dir);
    file.writeFrame(3, frame(3));
    DicomMediaIO reader = new MultiFrameReader(file.path());
    DicomImageElement[] images = reader.getMediaElement();
    assertEquals(FRAMES, images.length);
    DicomMetaData first = reader.getDicomMetaData();

    reader.close(); // what Weasis does when a frame's pixels leave its image cache
    decode(reader, images[2]); // a decode after it reads the header again, as Weasis' own decode does
    DicomMetaData second = reader.getDicomMetaData();
    reader.close();

    assertNotSame(first, second, "the header was read again");
    for (int f = 0; f < FRAMES; f++) {
      assertEquals(intercept(f), interceptOf(reader, f), "rescale intercept of frame " + (f + 1));
      assertEquals(intercept(f), second.getImageDescriptor().getModalityLutForFrame(f).getRescaleIntercept()
          .orElseThrow(), "rescale intercept of frame " + (f + 1) + " after the decode");
    }
  }

  /**
   * Weasis' decode of a frame: it caches the header it reads before it decodes the pixels, which need OpenCV's
   * native library (not loaded in unit tests, where the decode then fails after the header is cached).
   */
  private static void decode(DicomMediaIO reader, DicomImageElement image) {
    try {
      reader.getImageFragment(image, (Integer) image.getKey(), true);
    } catch (Exception | LinkageError e) {
      // the pixels are not what this test looks at
    }
  }

  private static double interceptOf(DicomMediaIO reader, int frameIndex) {
    return reader.getDicomMetaData().getImageDescriptor().getModalityLutForFrame(frameIndex).getRescaleIntercept()
        .orElseThrow();
  }
}
