package org.weasis.progressive.weasis.internal.viewer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.BulkData;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;
import org.weasis.progressive.api.decoder.PixelDescription;

/**
 * Writes one image version as an uncompressed DICOM file: the instance's own header (from the
 * WADO-RS metadata) with our decoded pixels. Weasis reads it with its stock reader, so any Weasis shows
 * it, whatever codecs its OpenCV build has.
 */
public final class InstanceFile {
  private InstanceFile() {}

  /**
   * The header to write: the instance metadata without its bulk data references (the pixel data is
   * ours; other bulk data would make the writer fetch URLs) and without file meta elements, with the
   * pixel module of what we decoded.
   */
  public static Attributes header(Attributes metadata, PixelDescription pixels) {
    Attributes header = new Attributes(metadata.size() + 8);
    for (int tag : metadata.tags()) {
      Object value = metadata.getValue(tag);
      if ((tag >>> 16) != 0x0002 && !(value instanceof BulkData) && tag != Tag.PixelData) {
        header.addSelected(metadata, tag);
      }
    }
    dropNestedBulkData(header);
    // One frame per file: Weasis keys the image by SOP and frame (a multi-frame file sets it again).
    header.remove(Tag.NumberOfFrames);
    header.setInt(Tag.Rows, VR.US, pixels.rows());
    header.setInt(Tag.Columns, VR.US, pixels.columns());
    header.setInt(Tag.SamplesPerPixel, VR.US, pixels.samplesPerPixel());
    header.setInt(Tag.BitsAllocated, VR.US, pixels.bitsAllocated());
    header.setInt(Tag.BitsStored, VR.US, pixels.bitsStored());
    header.setInt(Tag.HighBit, VR.US, pixels.bitsStored() - 1);
    header.setInt(Tag.PixelRepresentation, VR.US, pixels.signed() ? 1 : 0);
    if (pixels.samplesPerPixel() == 3) {
      // Our decoders hand back RGB samples interleaved per pixel, whatever the stored colour model.
      header.setString(Tag.PhotometricInterpretation, VR.CS, "RGB");
      header.setInt(Tag.PlanarConfiguration, VR.US, 0);
    } else {
      header.setString(Tag.PhotometricInterpretation, VR.CS, pixels.photometricInterpretation());
      header.remove(Tag.PlanarConfiguration);
    }
    return header;
  }

  /**
   * Removes the bulk data references inside sequences too (an enhanced instance's functional groups may have
   * some): the writer would try to fetch them.
   */
  private static void dropNestedBulkData(Attributes attributes) {
    for (int tag : attributes.tags()) {
      Object value = attributes.getValue(tag);
      if (value instanceof Sequence items) {
        items.forEach(InstanceFile::dropBulkData);
      }
    }
  }

  private static void dropBulkData(Attributes item) {
    for (int tag : item.tags()) {
      if (item.getValue(tag) instanceof BulkData) {
        item.remove(tag);
      }
    }
    dropNestedBulkData(item);
  }

  /**
   * Writes {@code header} and {@code pixels} (little-endian samples, from the buffer's position to its limit) as
   * Explicit VR Little Endian: dcm4che writes the header, the pixels go to the file from the buffer as they are,
   * without a copy on the heap. The buffer's position is at its limit afterwards.
   */
  public static void write(Path file, Attributes header, ByteBuffer pixels, int bitsAllocated) throws IOException {
    int[] tags = header.tags();
    if (tags.length > 0 && Integer.compareUnsigned(tags[tags.length - 1], Tag.PixelData) > 0) {
      // Elements after the pixels (a trailing padding, signatures): dcm4che writes the whole data set.
      byte[] bytes = new byte[pixels.remaining()];
      pixels.get(bytes);
      write(file, header, bytes, bitsAllocated);
      return;
    }
    int length = pixels.remaining();
    int padding = length & 1; // a value's length is even
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      DicomOutputStream out = new DicomOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)),
          UID.ExplicitVRLittleEndian);
      out.writeDataset(header.createFileMetaInformation(UID.ExplicitVRLittleEndian), header);
      out.writeHeader(Tag.PixelData, bitsAllocated > 8 ? VR.OW : VR.OB, length + padding);
      out.flush(); // not closed: that would close the channel before the pixels
      while (pixels.hasRemaining()) {
        channel.write(pixels);
      }
      if (padding == 1) {
        channel.write(ByteBuffer.allocate(1));
      }
    }
  }

  /** Writes {@code header} and {@code pixelBytes} (little-endian samples) as Explicit VR Little Endian. */
  public static void write(Path file, Attributes header, byte[] pixelBytes, int bitsAllocated)
      throws IOException {
    header.setBytes(Tag.PixelData, bitsAllocated > 8 ? VR.OW : VR.OB, pixelBytes);
    try (DicomOutputStream out = new DicomOutputStream(file.toFile())) {
      out.writeDataset(header.createFileMetaInformation(UID.ExplicitVRLittleEndian), header);
    } finally {
      header.remove(Tag.PixelData); // the header is reused for the next version: do not keep pixels
    }
  }
}
