package org.weasis.progressive.cli;

import org.weasis.progressive.testsupport.study.StudyWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.testsupport.charls.ffm.CharlsException;
import org.weasis.progressive.testsupport.codec.ReferenceTools;
import org.weasis.progressive.testsupport.codec.SyntheticImage;

/**
 * Series for the Cornerstone3D configuration tests, written by {@link StudyWriter} and changed where a
 * test needs more: alternate paths Cornerstone's examples use, frames from the real lossy encoders, and
 * InstanceNumbers that disagree with the slice positions.
 */
final class TestStudies {
  static final String STUDY = "1.2.826.0.1.3680043.8.498.1100";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** How a lossy series' frames are made: its transfer syntax and media type. */
  enum LossyCodec {
    /** opj_compress, irreversible 9/7 wavelet at 20:1. */
    JPEG_2000(TransferSyntax.JPEG_2000, "image/jp2"),
    /** ojph_compress, irreversible with a quantization step. */
    HTJ2K(TransferSyntax.HTJ2K, "image/jphc"),
    /** CharLS, NEAR = 3. */
    JPEG_LS_NEAR(TransferSyntax.JPEG_LS_NEAR_LOSSLESS, "image/jls");

    final String transferSyntax;
    final String mediaType;

    LossyCodec(String transferSyntax, String mediaType) {
      this.transferSyntax = transferSyntax;
      this.mediaType = mediaType;
    }
  }

  private TestStudies() {}

  static Path seriesDir(Path root, String seriesUid) {
    return root.resolve("studies").resolve(STUDY).resolve("series").resolve(seriesUid);
  }

  /**
   * A stack with every alternate path of Cornerstone3D's stackProgressive example: StudyWriter's
   * {@code /frames/} (HTJ2K RPCL lossless), {@code /jls/}, {@code /jlsThumbnail/}, plus {@code /lossy/}
   * (HTJ2K .203) and {@code /htj2kThumbnail/} (HTJ2K lossless, 1/4 size).
   */
  static StudyWriter.Written stackWithAlternates(Path root, String seriesUid, int images, int size)
      throws IOException {
    StudyWriter.Spec spec = new StudyWriter.Spec(STUDY, seriesUid, images, size, size, 12);
    StudyWriter.Written written = StudyWriter.write(root, spec);
    Path scratch = Files.createTempDirectory("alternates");
    try {
      for (int i = 0; i < images; i++) {
        short[] image = written.pixels().get(i);
        Path instance = seriesDir(root, seriesUid).resolve("instances").resolve(written.sopInstanceUids().get(i));
        byte[] lossy = StudyWriter.encodeHtj2k(image, size, size, 12, scratch, "-reversible", "false",
            "-qstep", "0.02");
        StudyWriter.writeFrame(instance.resolve("lossy"), "image/jphc", TransferSyntax.HTJ2K, lossy);
        int small = (size + StudyWriter.THUMBNAIL_FACTOR - 1) / StudyWriter.THUMBNAIL_FACTOR;
        byte[] thumb = StudyWriter.encodeHtj2k(StudyWriter.decimate(image, spec, StudyWriter.THUMBNAIL_FACTOR),
            small, small, 12, scratch, "-reversible", "true");
        StudyWriter.writeFrame(instance.resolve("htj2kThumbnail"), "image/jphc",
            TransferSyntax.HTJ2K_LOSSLESS_RPCL, thumb);
      }
    } finally {
      StudyWriter.deleteTree(scratch);
    }
    return written;
  }

  /** A series whose stored frames are lossy, made by the real encoder of {@code codec}. */
  static StudyWriter.Written lossySeries(Path root, String seriesUid, int images, int size, LossyCodec codec)
      throws IOException {
    StudyWriter.Spec spec = new StudyWriter.Spec(STUDY, seriesUid, images, size, size, 12);
    StudyWriter.Written written = StudyWriter.write(root, spec);
    Path scratch = Files.createTempDirectory("lossy");
    try {
      for (int i = 0; i < images; i++) {
        byte[] frame = encodeLossy(written.pixels().get(i), size, codec, scratch);
        Path instance = seriesDir(root, seriesUid).resolve("instances").resolve(written.sopInstanceUids().get(i));
        StudyWriter.writeFrame(instance.resolve("frames"), codec.mediaType, codec.transferSyntax, frame);
      }
    } finally {
      StudyWriter.deleteTree(scratch);
    }
    editMetadata(root, seriesUid, (index, instance) -> setValue(instance, "00083002", "UI",
        MAPPER.getNodeFactory().textNode(codec.transferSyntax)));
    return written;
  }

  private static byte[] encodeLossy(short[] image, int size, LossyCodec codec, Path scratch) throws IOException {
    return switch (codec) {
      case HTJ2K -> StudyWriter.encodeHtj2k(image, size, size, 12, scratch, "-reversible", "false",
          "-qstep", "0.02");
      case JPEG_2000 -> {
        int[] samples = new int[image.length];
        for (int i = 0; i < image.length; i++) {
          samples[i] = image[i] & 0xFFFF;
        }
        SyntheticImage source = new SyntheticImage(size, size, 1, 12, false, samples);
        yield ReferenceTools.opjCompress(source, scratch, "j2k", "-I", "-r", "20");
      }
      case JPEG_LS_NEAR -> {
        try {
          yield CharlsEncoder.create().encode(image, size, size, 12, 1, 3);
        } catch (CharlsException e) {
          throw new IOException("CharLS could not encode: " + e.getMessage(), e);
        }
      }
    };
  }

  /** Gives the instances InstanceNumbers in the order {@code numbers}, leaving their positions alone. */
  static void renumber(Path root, String seriesUid, int[] numbers) throws IOException {
    editMetadata(root, seriesUid, (index, instance) -> setValue(instance, "00200013", "IS",
        MAPPER.getNodeFactory().numberNode(numbers[index])));
  }

  private static void editMetadata(Path root, String seriesUid, BiConsumer<Integer, ObjectNode> edit)
      throws IOException {
    Path file = seriesDir(root, seriesUid).resolve("metadata.gz");
    JsonNode metadata;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      metadata = MAPPER.readTree(in);
    }
    for (int i = 0; i < metadata.size(); i++) {
      edit.accept(i, (ObjectNode) metadata.get(i));
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      MAPPER.writeValue(out, metadata);
    }
  }

  private static void setValue(ObjectNode instance, String tag, String vr, JsonNode value) {
    ObjectNode element = instance.putObject(tag);
    element.put("vr", vr);
    ArrayNode values = element.putArray("Value");
    values.add(value);
  }
}
