package org.weasis.progressive.codec.charls.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;

/**
 * Runs DCMTK's {@code dcmcjpls} (its own JPEG-LS implementation, derived from CharLS 1.x and built
 * separately) on a DICOM data set written here, and takes the JPEG-LS frame out of its encapsulated
 * Pixel Data: data made by another encoder, to prove that we read what others write.
 */
final class Dcmtk {
  private static final String TOOL = "dcmcjpls";

  private Dcmtk() {}

  static boolean available() {
    try {
      Process process = new ProcessBuilder(TOOL, "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The JPEG-LS codestream dcmcjpls makes of {@code image}, with more of its options (+t1 5, +rs 100...). */
  static byte[] encode(TestImage image, int near, InterleaveMode mode, Path dir, String... options)
      throws IOException, InterruptedException {
    Path in = Files.createTempFile(dir, "raw", ".dcm");
    Path out = Files.createTempFile(dir, "jls", ".dcm");
    Files.write(in, implicitLittleEndianDataSet(image));
    List<String> command = new ArrayList<>(List.of(TOOL, "-f", "-ti", "+un"));
    if (near > 0) {
      command.addAll(List.of("+en", "+md", Integer.toString(near)));
    }
    command.addAll(List.of(options));
    command.add(switch (mode) {
      case NONE -> "+in";
      case LINE -> "+il";
      case SAMPLE -> "+is";
    });
    command.addAll(List.of(in.toString(), out.toString()));
    run(command);
    return firstFrame(Files.readAllBytes(out));
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  /** The smallest data set dcmcjpls accepts: SOP identity, the image pixel module and the pixels. */
  static byte[] implicitLittleEndianDataSet(TestImage image) {
    ByteBuffer buffer = ByteBuffer.allocate(1024 + image.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
    text(buffer, 0x0008, 0x0016, "1.2.840.10008.5.1.4.1.1.7", (byte) 0);
    text(buffer, 0x0008, 0x0018, "1.2.826.0.1.3680043.8.498.42", (byte) 0);
    unsigned(buffer, 0x0028, 0x0002, image.components());
    text(buffer, 0x0028, 0x0004, image.pixels().photometricInterpretation(), (byte) ' ');
    if (image.components() > 1) {
      unsigned(buffer, 0x0028, 0x0006, 0);
    }
    unsigned(buffer, 0x0028, 0x0010, image.rows());
    unsigned(buffer, 0x0028, 0x0011, image.columns());
    unsigned(buffer, 0x0028, 0x0100, image.pixels().bitsAllocated());
    unsigned(buffer, 0x0028, 0x0101, image.bitsStored());
    unsigned(buffer, 0x0028, 0x0102, image.bitsStored() - 1);
    unsigned(buffer, 0x0028, 0x0103, image.pixels().signed() ? 1 : 0);
    byte[] pixels = pixelBytes(image);
    tag(buffer, 0x7FE0, 0x0010, pixels.length + (pixels.length & 1));
    buffer.put(pixels);
    if ((pixels.length & 1) == 1) {
      buffer.put((byte) 0);
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private static byte[] pixelBytes(TestImage image) {
    if (image.pixels().bitsAllocated() == 8) {
      return image.bytes();
    }
    ByteBuffer pixels = ByteBuffer.allocate(image.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
    pixels.asShortBuffer().put(image.shorts());
    return pixels.array();
  }

  private static void tag(ByteBuffer buffer, int group, int element, int length) {
    buffer.putShort((short) group).putShort((short) element).putInt(length);
  }

  private static void unsigned(ByteBuffer buffer, int group, int element, int value) {
    tag(buffer, group, element, 2);
    buffer.putShort((short) value);
  }

  private static void text(ByteBuffer buffer, int group, int element, String value, byte pad) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    tag(buffer, group, element, bytes.length + (bytes.length & 1));
    buffer.put(bytes);
    if ((bytes.length & 1) == 1) {
      buffer.put(pad);
    }
  }

  /**
   * The fragments of the first frame in an Explicit VR Little Endian file with encapsulated Pixel Data:
   * (7FE0,0010) OB of undefined length, a Basic Offset Table item, fragment items, a sequence delimiter.
   */
  static byte[] firstFrame(byte[] file) throws IOException {
    byte[] pixelData = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -1, -1, -1, -1};
    int at = lastIndexOf(file, pixelData);
    if (at < 0) {
      throw new IOException("no encapsulated Pixel Data in the output of " + TOOL);
    }
    ByteBuffer items = ByteBuffer.wrap(file, at + pixelData.length, file.length - at - pixelData.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    boolean offsetTable = true;
    while (items.remaining() >= 8) {
      int group = items.getShort() & 0xFFFF;
      int element = items.getShort() & 0xFFFF;
      int length = items.getInt();
      if (group != 0xFFFE || element != 0xE000) {
        break;
      }
      if (!offsetTable) {
        frame.write(file, items.position(), length);
      }
      offsetTable = false;
      items.position(items.position() + length);
    }
    return frame.toByteArray();
  }

  private static int lastIndexOf(byte[] data, byte[] pattern) {
    for (int i = data.length - pattern.length; i >= 0; i--) {
      if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    return -1;
  }
}
