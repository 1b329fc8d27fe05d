package org.weasis.progressive.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.weasis.progressive.api.decoder.PixelDescription;

/**
 * A frame codestream read from a file for {@code ./progressive decode}: unwraps a single-part
 * multipart body (a Static DICOMweb {@code .mht}) and reads the image geometry from the J2K SIZ or
 * JPEG-LS SOF55 header, since a lone codestream comes without DICOM metadata.
 */
final class FrameFile {
  private FrameFile() {}

  /** The codestream inside a {@code .mht} body, or the bytes as they are. */
  static byte[] unwrap(byte[] bytes) {
    if (bytes.length < 4 || bytes[0] != '-' || bytes[1] != '-') {
      return bytes;
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int lineEnd = text.indexOf("\r\n");
    int start = text.indexOf("\r\n\r\n");
    if (lineEnd < 0 || start < 0) {
      throw new UsageException("decode: the file starts like a multipart body but has no part header");
    }
    String delimiter = "\r\n" + text.substring(0, lineEnd);
    int end = text.indexOf(delimiter, start + 4);
    return Arrays.copyOfRange(bytes, start + 4, end < 0 ? bytes.length : end);
  }

  /** Rows, columns, samples and precision from the codestream's own header. */
  static PixelDescription describe(byte[] codestream) {
    ByteBuffer b = ByteBuffer.wrap(codestream).order(ByteOrder.BIG_ENDIAN);
    if (codestream.length > 42 && (b.getShort(0) & 0xFFFF) == 0xFF4F && (b.getShort(2) & 0xFFFF) == 0xFF51) {
      return describeJ2k(b);
    }
    if (codestream.length > 4 && (b.getShort(0) & 0xFFFF) == 0xFFD8) {
      return describeJpegLs(b);
    }
    if (codestream.length > 12 && b.getInt(4) == 0x6A502020) {
      int soc = indexOf(codestream, new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51});
      if (soc > 0) {
        return describeJ2k(ByteBuffer.wrap(codestream, soc, codestream.length - soc).slice());
      }
    }
    throw new UsageException("decode: not a J2K/HTJ2K codestream, JP2 file or JPEG-LS stream (first bytes "
        + String.format("%02X %02X", codestream.length > 0 ? codestream[0] : 0, codestream.length > 1 ? codestream[1] : 0) + ")");
  }

  private static PixelDescription describeJ2k(ByteBuffer b) {
    long width = (b.getInt(8) & 0xFFFFFFFFL) - (b.getInt(16) & 0xFFFFFFFFL);
    long height = (b.getInt(12) & 0xFFFFFFFFL) - (b.getInt(20) & 0xFFFFFFFFL);
    int components = b.getShort(40) & 0xFFFF;
    int ssiz = b.get(42) & 0xFF;
    return describe((int) height, (int) width, components, (ssiz & 0x7F) + 1, (ssiz & 0x80) != 0);
  }

  private static PixelDescription describeJpegLs(ByteBuffer b) {
    for (int i = 2; i + 9 < b.limit(); i++) {
      if ((b.get(i) & 0xFF) == 0xFF && (b.get(i + 1) & 0xFF) == 0xF7) {
        int precision = b.get(i + 4) & 0xFF;
        int height = b.getShort(i + 5) & 0xFFFF;
        int width = b.getShort(i + 7) & 0xFFFF;
        int components = b.get(i + 9) & 0xFF;
        return describe(height, width, components, precision, false);
      }
    }
    throw new UsageException("decode: JPEG stream without a JPEG-LS frame header (SOF55)");
  }

  private static PixelDescription describe(int rows, int columns, int samples, int bits, boolean signed) {
    try {
      return new PixelDescription(rows, columns, samples, bits <= 8 ? 8 : 16, bits, signed,
          samples == 3 ? "RGB" : "MONOCHROME2", 0, 1, 0, null, null);
    } catch (IllegalArgumentException e) {
      throw new UsageException("decode: unsupported image in the header: " + e.getMessage());
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
