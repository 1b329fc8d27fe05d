package org.weasis.progressive.codec.charls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.fixtures.Fixtures;
import org.weasis.progressive.fixtures.SinglePart;

/** Reads the fixture tree's JPEG-LS frames and the samples of the DICOM files they were made from. */
final class SourceFrames {
  static final int SOURCE_FRAME_BYTES = 512 * 512 * 2;

  private SourceFrames() {}

  /**
   * One part of a single-part multipart/related body.
   *
   * @param contentType the part's Content-Type header
   * @param content its bytes
   */
  record Part(String contentType, byte[] content) {
    /** The transfer syntax the Content-Type names, read as the engine reads it. */
    String transferSyntax() {
      String ts = TransferSyntax.fromContentType(contentType);
      if (ts == null) {
        throw new IllegalStateException("no transfer syntax in " + contentType);
      }
      return ts;
    }
  }

  /** The one part of a {@code .mht} frame file. */
  static Part singlePart(Path mht) throws IOException {
    SinglePart part = SinglePart.parse(Files.readAllBytes(mht));
    return new Part(part.header("Content-Type"), part.content());
  }

  /** The samples of the source DICOM file of a frame file of the fixture tree. */
  static short[] sourcePixelsOf(Path frame) throws IOException {
    return sourcePixels(sourceOf(Fixtures.instanceOf(frame)));
  }

  /** The source DICOM file whose SOP Instance UID (0008,0018) is {@code sopInstanceUid}. */
  static Path sourceOf(String sopInstanceUid) throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.sourceDir())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".dcm")).toList()) {
        if (sopInstanceUid.equals(sopInstanceUidOf(Files.readAllBytes(file)))) {
          return file;
        }
      }
    }
    throw new IOException("no source DICOM file has SOP Instance UID " + sopInstanceUid);
  }

  /** (0008,0018) in an Implicit VR Little Endian data set: tag, 4-byte length, value padded with NUL. */
  private static String sopInstanceUidOf(byte[] file) {
    byte[] tag = {0x08, 0x00, 0x18, 0x00};
    int at = indexOf(file, tag, 132);
    if (at < 0) {
      return null;
    }
    int length = ByteBuffer.wrap(file, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return new String(file, at + 8, length, StandardCharsets.US_ASCII).replace("\0", "").trim();
  }

  /** The 512x512 16-bit frame: the value of Pixel Data, the last element of the file. */
  static short[] sourcePixels(Path dicom) throws IOException {
    byte[] file = Files.readAllBytes(dicom);
    int start = file.length - SOURCE_FRAME_BYTES;
    ByteBuffer header = ByteBuffer.wrap(file, start - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
    if (header.getShort() != (short) 0x7FE0 || header.getShort() != 0x0010 || header.getInt() != SOURCE_FRAME_BYTES) {
      throw new IOException(dicom + " does not end with a 512x512x16-bit Pixel Data element");
    }
    short[] pixels = new short[SOURCE_FRAME_BYTES / 2];
    ByteBuffer.wrap(file, start, SOURCE_FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pixels);
    return pixels;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    for (int i = from; i + pattern.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    return -1;
  }
}
