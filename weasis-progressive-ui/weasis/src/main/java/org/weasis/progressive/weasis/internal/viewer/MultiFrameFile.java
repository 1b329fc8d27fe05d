package org.weasis.progressive.weasis.internal.viewer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;

/**
 * One multi-frame instance as one uncompressed DICOM file that Weasis reads with its stock reader: the
 * instance's header (with its NumberOfFrames and functional groups) written once, then a Pixel Data element
 * of the full size of every frame, in which frame k always sits at the same offset. Each version of frame k
 * overwrites those bytes in place. So Weasis' own {@code DicomMediaIO} makes one element per frame with
 * the frame's own tags (per-frame position, orientation, pixel spacing), as it does for a downloaded
 * multi-frame file, and the elements stay the same objects while their pixels get better. One file per
 * version and frame instead would give Weasis single-frame instances sharing one SOP Instance UID, with the
 * per-frame functional groups to flatten by hand: not what its own loader shows.
 *
 * <p>The file is made at its full size without writing the frames that have no version yet: a sparse file,
 * whose holes read as zeros and cost no disk. Only frames that have a version are shown.
 */
public final class MultiFrameFile {
  /** The largest value an explicit-length element can have (0xFFFFFFFF means undefined length). */
  static final long MAX_PIXEL_DATA = 0xFFFFFFFEL;

  private final Path file;
  private final long pixelOffset;
  private final int frameBytes;
  private final int frames;

  private MultiFrameFile(Path file, long pixelOffset, int frameBytes, int frames) {
    this.file = file;
    this.pixelOffset = pixelOffset;
    this.frameBytes = frameBytes;
    this.frames = frames;
  }

  /** True when {@code bytes} of pixels (all the frames of an instance) fit one Pixel Data element. */
  public static boolean fits(long bytes) {
    return bytes + (bytes & 1) <= MAX_PIXEL_DATA;
  }

  /**
   * Writes {@code header} (made by {@link InstanceFile#header}) with {@code frames} frames of
   * {@code frameBytes} each, as Explicit VR Little Endian. Elements after the pixels (trailing padding,
   * digital signatures, which our pixels would make wrong anyway) are left out: the frames' offsets must not
   * move.
   *
   * @throws IOException when the pixels of all frames do not fit one DICOM element (4 GiB), or on a write error
   */
  public static MultiFrameFile create(Path file, Attributes header, int frames, int frameBytes, int bitsAllocated)
      throws IOException {
    if (frames < 1 || frameBytes < 1) {
      throw new IllegalArgumentException("frames and frame size must be positive, got " + frames + " x " + frameBytes);
    }
    long length = (long) frames * frameBytes;
    long padded = length + (length & 1);
    if (!fits(length)) {
      throw new IOException(frames + " frames of " + frameBytes + " bytes do not fit one Pixel Data element");
    }
    Attributes head = new Attributes(header);
    head.remove(Tag.PixelData);
    for (int tag : head.tags()) {
      if (Integer.compareUnsigned(tag, Tag.PixelData) > 0) {
        head.remove(tag);
      }
    }
    head.setInt(Tag.NumberOfFrames, VR.IS, frames);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      DicomOutputStream out = new DicomOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)),
          UID.ExplicitVRLittleEndian);
      out.writeDataset(head.createFileMetaInformation(UID.ExplicitVRLittleEndian), head);
      out.writeHeader(Tag.PixelData, bitsAllocated > 8 ? VR.OW : VR.OB, (int) padded);
      out.flush(); // not closed: that would close the channel
      long offset = channel.position();
      // The last byte gives the file its full size; the frames before it stay holes until written.
      channel.write(ByteBuffer.allocate(1), offset + padded - 1);
      return new MultiFrameFile(file, offset, frameBytes, frames);
    }
  }

  /**
   * Overwrites frame {@code frameNumber} (1-based) with {@code pixels}, from its position to its limit (one
   * frame's little-endian samples); the position is at the limit afterwards. The caller keeps readers of that
   * frame out meanwhile.
   */
  public void writeFrame(int frameNumber, ByteBuffer pixels) throws IOException {
    if (frameNumber < 1 || frameNumber > frames) {
      throw new IllegalArgumentException("frame " + frameNumber + " is not one of the " + frames + " frames");
    }
    if (pixels.remaining() != frameBytes) {
      throw new IllegalArgumentException("frame " + frameNumber + " has " + pixels.remaining() + " bytes, "
          + frameBytes + " expected");
    }
    long at = pixelOffset + (long) (frameNumber - 1) * frameBytes;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      while (pixels.hasRemaining()) {
        at += channel.write(pixels, at);
      }
    }
  }

  public Path path() {
    return file;
  }

  public int frames() {
    return frames;
  }

  /** Where the first frame's first byte is in the file. */
  long pixelOffset() {
    return pixelOffset;
  }
}
