package org.weasis.progressive.itest.weasis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;
import org.weasis.progressive.testsupport.study.QidoLists;
import org.weasis.progressive.testsupport.study.StudyWriter;
import org.weasis.progressive.server.StaticDicomWebFiles;

/**
 * The same study (same UIDs, same header, same pixels) in a second Static DICOMweb tree, for Weasis' own
 * {@code dicom:rs}: each series as one {@code multipart/related} body of {@code application/dicom} instances in
 * Explicit VR Little Endian ({@code studies/S/series/Y.mht}, what Weasis 4.7.2 asks for with a series-level
 * retrieve), and the QIDO-RS lists. Uncompressed because the SDK's OpenCV stand-in decodes nothing else.
 */
final class UncompressedCopy {
  private UncompressedCopy() {}

  /** Writes the copy of {@code study} under {@code root}; returns the bytes of its series bodies. */
  static long write(Path root, TestStudy study) throws IOException {
    QidoLists.write(root, study.studyUid(), study.series().stream().map(StudyWriter.Written::spec).toList());
    long bytes = 0;
    for (StudyWriter.Written series : study.series()) {
      StudyWriter.Spec spec = series.spec();
      Path body = root.resolve("studies").resolve(spec.studyUid()).resolve("series").resolve(spec.seriesUid() + ".mht");
      List<byte[]> instances = new AbstractList<>() {
        @Override
        public byte[] get(int index) {
          return part10(spec, series.sopInstanceUids().get(index), index, series.pixels().get(index));
        }

        @Override
        public int size() {
          return spec.images();
        }
      };
      bytes += StaticDicomWebFiles.writeParts(body, "application/dicom", instances);
    }
    return bytes;
  }

  /** One instance: the header StudyWriter's metadata gives, and the pixels, uncompressed. */
  static byte[] part10(StudyWriter.Spec spec, String sop, int index, short[] pixels) {
    Attributes dataset = new Attributes();
    dataset.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
    dataset.setString(Tag.SOPInstanceUID, VR.UI, sop);
    dataset.setString(Tag.Modality, VR.CS, "CT");
    dataset.setString(Tag.PatientName, VR.PN, StudyWriter.PATIENT_NAME);
    dataset.setString(Tag.PatientID, VR.LO, StudyWriter.PATIENT_ID);
    dataset.setString(Tag.StudyInstanceUID, VR.UI, spec.studyUid());
    dataset.setString(Tag.SeriesInstanceUID, VR.UI, spec.seriesUid());
    dataset.setInt(Tag.InstanceNumber, VR.IS, index + 1);
    dataset.setDouble(Tag.ImagePositionPatient, VR.DS, -128, -128, index * 2.5);
    dataset.setDouble(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
    dataset.setInt(Tag.SamplesPerPixel, VR.US, 1);
    dataset.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    dataset.setInt(Tag.Rows, VR.US, spec.rows());
    dataset.setInt(Tag.Columns, VR.US, spec.columns());
    dataset.setInt(Tag.BitsAllocated, VR.US, 16);
    dataset.setInt(Tag.BitsStored, VR.US, spec.bitsStored());
    dataset.setInt(Tag.HighBit, VR.US, spec.bitsStored() - 1);
    dataset.setInt(Tag.PixelRepresentation, VR.US, 0);
    dataset.setDouble(Tag.WindowCenter, VR.DS, 40);
    dataset.setDouble(Tag.WindowWidth, VR.DS, 400);
    dataset.setDouble(Tag.RescaleIntercept, VR.DS, -1024);
    dataset.setDouble(Tag.RescaleSlope, VR.DS, 1);
    ByteBuffer le = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    le.asShortBuffer().put(pixels);
    dataset.setBytes(Tag.PixelData, VR.OW, le.array());
    ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.length * 2 + 4096);
    try (DicomOutputStream dicom = new DicomOutputStream(out, UID.ExplicitVRLittleEndian)) {
      dicom.writeDataset(dataset.createFileMetaInformation(UID.ExplicitVRLittleEndian), dataset);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
