package org.weasis.progressive.itest.weasis;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.server.StaticDicomWebFiles;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.testsupport.charls.ffm.CharlsException;
import org.weasis.progressive.testsupport.study.QidoLists;
import org.weasis.progressive.testsupport.study.StudyWriter;

/**
 * A study of one series holding one enhanced CT instance of {@code frames} frames, in the Static DICOMweb
 * layout: each frame HTJ2K RPCL lossless ({@code frames/K}) with JPEG-LS full and thumbnail alternates, as
 * {@link StudyWriter} writes single-frame images; the geometry only in the functional groups (one orientation
 * and pixel spacing shared, a position per frame, not in frame order along z). The pixels of frame K are
 * {@link StudyWriter#synthesize} of image K-1 of {@link #spec()}. Also writes the same instance uncompressed as
 * one Part 10 file, for what Weasis' own reader makes of it.
 */
record MultiFrameStudy(Path root, StudyWriter.Spec spec, String sopInstanceUid) {
  static final double[] ORIENTATION = {1, 0, 0, 0, 1, 0};
  static final double[] SPACING = {0.5, 0.5};

  static MultiFrameStudy write(Path root, String studyUid, int frames, int size) throws IOException {
    StudyWriter.Spec spec = new StudyWriter.Spec(studyUid, studyUid + ".1", frames, size, size, 12);
    MultiFrameStudy study = new MultiFrameStudy(root, spec, StudyWriter.sopInstanceUid(spec, 0));
    Path series = root.resolve("studies").resolve(studyUid).resolve("series").resolve(spec.seriesUid());
    Path instance = series.resolve("instances").resolve(study.sopInstanceUid());
    CharlsEncoder jls = CharlsEncoder.create();
    Path scratch = Files.createTempDirectory("multi-frame-study");
    try {
      for (int k = 1; k <= frames; k++) {
        short[] pixels = study.framePixels(k);
        writeFrame(instance.resolve("frames"), k, "image/jphc", TransferSyntax.HTJ2K_LOSSLESS_RPCL,
            StudyWriter.encodeHtj2k(pixels, spec, scratch));
        int thumb = (size + StudyWriter.THUMBNAIL_FACTOR - 1) / StudyWriter.THUMBNAIL_FACTOR;
        try {
          writeFrame(instance.resolve("jls"), k, "image/jls", TransferSyntax.JPEG_LS_LOSSLESS,
              jls.encode(pixels, size, size, spec.bitsStored(), 1, 0));
          writeFrame(instance.resolve("jlsThumbnail"), k, "image/jls", TransferSyntax.JPEG_LS_LOSSLESS,
              jls.encode(StudyWriter.decimate(pixels, spec, StudyWriter.THUMBNAIL_FACTOR), thumb, thumb,
                  spec.bitsStored(), 1, 0));
        } catch (CharlsException e) {
          throw new IOException("CharLS could not encode frame " + k + ": " + e.getMessage(), e);
        }
      }
    } finally {
      Trees.delete(scratch);
    }
    StaticDicomWebFiles.writeGzip(series.resolve("metadata.gz"),
        ("[" + study.metadataJson() + "]").getBytes(StandardCharsets.UTF_8));
    // The QIDO lists count one instance in the series.
    QidoLists.write(root, studyUid, List.of(new StudyWriter.Spec(studyUid, spec.seriesUid(), 1, size, size, 12)));
    return study;
  }

  int frames() {
    return spec.images();
  }

  String seriesUid() {
    return spec.seriesUid();
  }

  /** The source samples of frame {@code k} (from 1). */
  short[] framePixels(int k) {
    return StudyWriter.synthesize(spec, k - 1);
  }

  /** ImagePositionPatient of frame {@code k} (from 1): frames go down along z in frame order. */
  static double[] position(int k) {
    return new double[] {-128, -128, 100 - 2.5 * (k - 1)};
  }

  /** The position as the probe prints it. */
  static String printed(double[] position) {
    List<String> values = new ArrayList<>();
    for (double v : position) {
      values.add(String.format(Locale.ROOT, "%.3f", v));
    }
    return String.join("\\", values);
  }

  private static void writeFrame(Path dir, int k, String mediaType, String ts, byte[] payload) throws IOException {
    StaticDicomWebFiles.writeFrame(dir.resolve(k + ".mht"), mediaType + ";transfer-syntax=" + ts, payload);
  }

  /** The instance's WADO-RS metadata (DICOM JSON), the pixels as a bulk data reference. */
  private String metadataJson() {
    StringBuilder perFrame = new StringBuilder();
    for (int k = 1; k <= frames(); k++) {
      perFrame.append(k > 1 ? "," : "").append('{')
          .append(sequence(Tag.PlanePositionSequence, element(Tag.ImagePositionPatient, "DS", position(k))))
          .append('}');
    }
    String shared = "{" + sequence(Tag.PixelMeasuresSequence,
        element(Tag.PixelSpacing, "DS", SPACING) + "," + element(Tag.SliceThickness, "DS", 2.5))
        + "," + sequence(Tag.PlaneOrientationSequence, element(Tag.ImageOrientationPatient, "DS", ORIENTATION))
        + "," + sequence(Tag.PixelValueTransformationSequence,
            element(Tag.RescaleIntercept, "DS", -1024) + "," + element(Tag.RescaleSlope, "DS", 1)
            + "," + text(Tag.RescaleType, "LO", "HU"))
        + "," + sequence(Tag.FrameVOILUTSequence,
            element(Tag.WindowCenter, "DS", 40) + "," + element(Tag.WindowWidth, "DS", 400))
        + "}";
    return "{" + String.join(",",
        text(Tag.SOPClassUID, "UI", UID.EnhancedCTImageStorage),
        text(Tag.SOPInstanceUID, "UI", sopInstanceUid),
        text(Tag.Modality, "CS", "CT"),
        key(Tag.PatientName) + "{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"" + StudyWriter.PATIENT_NAME + "\"}]}",
        text(Tag.PatientID, "LO", StudyWriter.PATIENT_ID),
        text(Tag.StudyInstanceUID, "UI", spec.studyUid()),
        text(Tag.SeriesInstanceUID, "UI", spec.seriesUid()),
        element(Tag.InstanceNumber, "IS", 1),
        element(Tag.NumberOfFrames, "IS", frames()),
        element(Tag.SamplesPerPixel, "US", 1),
        text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2"),
        element(Tag.Rows, "US", spec.rows()),
        element(Tag.Columns, "US", spec.columns()),
        element(Tag.BitsAllocated, "US", 16),
        element(Tag.BitsStored, "US", spec.bitsStored()),
        element(Tag.HighBit, "US", spec.bitsStored() - 1),
        element(Tag.PixelRepresentation, "US", 0),
        text(Tag.AvailableTransferSyntaxUID, "UI", TransferSyntax.HTJ2K_LOSSLESS_RPCL),
        key(Tag.SharedFunctionalGroupsSequence) + "{\"vr\":\"SQ\",\"Value\":[" + shared + "]}",
        key(Tag.PerFrameFunctionalGroupsSequence) + "{\"vr\":\"SQ\",\"Value\":[" + perFrame + "]}",
        key(Tag.PixelData) + "{\"vr\":\"OW\",\"BulkDataURI\":\"instances/" + sopInstanceUid + "/frames\"}") + "}";
  }

  private static String key(int tag) {
    return String.format("\"%08X\":", tag);
  }

  private static String text(int tag, String vr, String value) {
    return key(tag) + "{\"vr\":\"" + vr + "\",\"Value\":[\"" + value + "\"]}";
  }

  private static String element(int tag, String vr, double... values) {
    List<String> numbers = new ArrayList<>();
    for (double v : values) {
      numbers.add(v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
    }
    return key(tag) + "{\"vr\":\"" + vr + "\",\"Value\":[" + String.join(",", numbers) + "]}";
  }

  private static String sequence(int tag, String itemContent) {
    return key(tag) + "{\"vr\":\"SQ\",\"Value\":[{" + itemContent + "}]}";
  }

  /**
   * Writes the instance uncompressed as a Part 10 file (Explicit VR Little Endian): the header the metadata
   * gives, with every frame's source pixels.
   */
  Path writePart10(Path file) throws IOException {
    Attributes a = new Attributes();
    a.setString(Tag.SOPClassUID, VR.UI, UID.EnhancedCTImageStorage);
    a.setString(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
    a.setString(Tag.Modality, VR.CS, "CT");
    a.setString(Tag.PatientName, VR.PN, StudyWriter.PATIENT_NAME);
    a.setString(Tag.PatientID, VR.LO, StudyWriter.PATIENT_ID);
    a.setString(Tag.StudyInstanceUID, VR.UI, spec.studyUid());
    a.setString(Tag.SeriesInstanceUID, VR.UI, spec.seriesUid());
    a.setInt(Tag.InstanceNumber, VR.IS, 1);
    a.setInt(Tag.NumberOfFrames, VR.IS, frames());
    a.setInt(Tag.SamplesPerPixel, VR.US, 1);
    a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    a.setInt(Tag.Rows, VR.US, spec.rows());
    a.setInt(Tag.Columns, VR.US, spec.columns());
    a.setInt(Tag.BitsAllocated, VR.US, 16);
    a.setInt(Tag.BitsStored, VR.US, spec.bitsStored());
    a.setInt(Tag.HighBit, VR.US, spec.bitsStored() - 1);
    a.setInt(Tag.PixelRepresentation, VR.US, 0);
    Attributes shared = new Attributes();
    shared.newSequence(Tag.PixelMeasuresSequence, 1).add(item(Tag.PixelSpacing, SPACING, Tag.SliceThickness, 2.5));
    shared.newSequence(Tag.PlaneOrientationSequence, 1).add(item(Tag.ImageOrientationPatient, ORIENTATION));
    Attributes transformation = item(Tag.RescaleIntercept, new double[] {-1024}, Tag.RescaleSlope, 1);
    transformation.setString(Tag.RescaleType, VR.LO, "HU");
    shared.newSequence(Tag.PixelValueTransformationSequence, 1).add(transformation);
    shared.newSequence(Tag.FrameVOILUTSequence, 1).add(item(Tag.WindowCenter, new double[] {40}, Tag.WindowWidth, 400));
    a.newSequence(Tag.SharedFunctionalGroupsSequence, 1).add(shared);
    Sequence perFrame = a.newSequence(Tag.PerFrameFunctionalGroupsSequence, frames());
    for (int k = 1; k <= frames(); k++) {
      Attributes groups = new Attributes();
      groups.newSequence(Tag.PlanePositionSequence, 1).add(item(Tag.ImagePositionPatient, position(k)));
      perFrame.add(groups);
    }
    ByteBuffer le = ByteBuffer.allocate(frames() * spec.rows() * spec.columns() * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 1; k <= frames(); k++) {
      for (short s : framePixels(k)) {
        le.putShort(s);
      }
    }
    a.setBytes(Tag.PixelData, VR.OW, le.array());
    try (OutputStream out = Files.newOutputStream(file);
        DicomOutputStream dicom = new DicomOutputStream(out, UID.ExplicitVRLittleEndian)) {
      dicom.writeDataset(a.createFileMetaInformation(UID.ExplicitVRLittleEndian), a);
    }
    return file;
  }

  private static Attributes item(int tag, double[] values) {
    Attributes item = new Attributes();
    item.setDouble(tag, VR.DS, values);
    return item;
  }

  private static Attributes item(int tag, double[] values, int second, double value) {
    Attributes item = item(tag, values);
    item.setDouble(second, VR.DS, value);
    return item;
  }
}
