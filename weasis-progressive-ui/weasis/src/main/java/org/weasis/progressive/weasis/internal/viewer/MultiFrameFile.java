package org.weasis.progressive.weasis.internal.viewer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
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
 * whose holes read as zeros and cost no disk until written. Only frames that have a version are shown. It is a
 * new file opened with {@link StandardOpenOption#SPARSE}, which Java honours only with
 * {@link StandardOpenOption#CREATE_NEW}: on NTFS a file not marked sparse gets every byte up to its last one
 * allocated and zeroed at once. The sizes come from the metadata only, so the file is made only when its disk
 * can take it whole (its final frames will fill it), and only for as many frames as the engine lists.
 */
public final class MultiFrameFile {
  /** The largest value an explicit-length element can have (0xFFFFFFFF means undefined length). */
  static final long MAX_PIXEL_DATA = 0xFFFFFFFEL;
  /**
   * The most frames an instance's file may have: Weasis' reader makes one element (with its own tag map) per
   * declared frame, so a NumberOfFrames the engine would not list (its limit is the same 100,000 images per
   * series) must not make Weasis allocate that many.
   */
  static final int MAX_FRAMES = 100_000;

  /** How many bytes a directory's disk can still take. */
  @FunctionalInterface
  interface UsableSpace {
    long of(Path directory) throws IOException;
  }

  /** The usable space of the directory's file store, as the JDK reports it. */
  static final UsableSpace FILE_STORE = directory -> Files.getFileStore(directory).getUsableSpace();

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
   * Writes {@code header} (made by {@link InstanceFile#header}) with {@code frames} frames of {@code frameBytes}
   * each, as Explicit VR Little Endian, to a new sparse file in {@code directory}. Elements after the pixels
   * (trailing padding, digital signatures, which our pixels would make wrong anyway) are left out: the frames'
   * offsets must not move.
   *
   * @throws IOException when there are more than {@value #MAX_FRAMES} frames, the pixels of all frames do not
   *     fit one DICOM element (4 GiB), the directory's disk cannot take the whole file (nothing is written then),
   *     or on a write error
   */
  public static MultiFrameFile create(Path directory, Attributes header, int frames, int frameBytes,
      int bitsAllocated) throws IOException {
    return create(directory, header, frames, frameBytes, bitsAllocated, FILE_STORE);
  }

  static MultiFrameFile create(Path directory, Attributes header, int frames, int frameBytes, int bitsAllocated,
      UsableSpace space) throws IOException {
    if (frames < 1 || frameBytes < 1) {
      throw new IllegalArgumentException("frames and frame size must be positive, got " + frames + " x " + frameBytes);
    }
    if (frames > MAX_FRAMES) {
      throw new IOException(frames + " frames are more than the " + MAX_FRAMES + " one instance may have here");
    }
    long length = (long) frames * frameBytes;
    long padded = length + (length & 1);
    if (!fits(length)) {
      throw new IOException(frames + " frames of " + frameBytes + " bytes do not fit one Pixel Data element");
    }
    byte[] head = headBytes(header, frames, bitsAllocated, padded);
    long size = head.length + padded;
    long usable = space.of(directory);
    if (size > usable) {
      throw new IOException("the multi-frame file of " + frames + " frames of " + frameBytes + " bytes needs "
          + size + " bytes, the disk of " + directory + " has " + usable + " usable");
    }
    Path file = directory.resolve(
        "progressive_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".dcm");
    // Not opened inside the try: a name taken already (CREATE_NEW) is someone else's file, not ours to delete.
    FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        StandardOpenOption.SPARSE), ownerOnly(directory));
    try (channel) {
      channel.write(ByteBuffer.wrap(head));
      // The last byte gives the file its full size; the frames before it stay holes until written.
      channel.write(ByteBuffer.allocate(1), size - 1);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new MultiFrameFile(file, head.length, frameBytes, frames);
  }

  /** The file up to the first frame: meta information, the dataset, and the Pixel Data element's header. */
  private static byte[] headBytes(Attributes header, int frames, int bitsAllocated, long padded) throws IOException {
    Attributes head = new Attributes(header);
    head.remove(Tag.PixelData);
    for (int tag : head.tags()) {
      if (Integer.compareUnsigned(tag, Tag.PixelData) > 0) {
        head.remove(tag);
      }
    }
    head.setInt(Tag.NumberOfFrames, VR.IS, frames);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DicomOutputStream out = new DicomOutputStream(bytes, UID.ExplicitVRLittleEndian)) {
      out.writeDataset(head.createFileMetaInformation(UID.ExplicitVRLittleEndian), head);
      out.writeHeader(Tag.PixelData, bitsAllocated > 8 ? VR.OW : VR.OB, (int) padded);
    }
    return bytes.toByteArray();
  }

  /**
   * Read and write for the user only, as {@link Files#createTempFile} makes its files, where the disk has POSIX
   * permissions.
   */
  private static FileAttribute<?>[] ownerOnly(Path directory) {
    if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
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
