package org.weasis.progressive.codec.openjpeg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.codec.openjpeg.internal.codestream.Codestream;
import org.weasis.progressive.codec.openjpeg.internal.codestream.CodestreamInspector;
import org.weasis.progressive.codec.openjpeg.internal.natives.OpenJpeg;
import org.weasis.progressive.testsupport.codec.ReferenceTools;
import org.weasis.progressive.testsupport.codec.SyntheticImage;
import org.weasis.progressive.testsupport.FrameDecoderContract;

class OpenJpegDecoderTest extends FrameDecoderContract {
  @TempDir static Path dir;

  private static final OpenJpegDecoder DECODER = new OpenJpegDecoder(library());

  static OpenJpeg library() {
    OpenJpeg.Availability availability = OpenJpeg.load();
    if (!availability.available()) {
      throw new IllegalStateException(availability.problem());
    }
    return availability.library();
  }

  @Override
  protected FrameDecoder decoder() {
    return DECODER;
  }

  @Override
  protected List<Fixture> makeFixtures() throws IOException {
    return OpenJpegFixtures.all(dir);
  }

  private Fixture fixture(String name) throws Exception {
    return fixtures().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void itHandlesTheJpeg2000AndHtj2kTransferSyntaxes() {
    assertEquals(Set.of("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201",
        "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203", "3.2.840.10008.1.2.4.96"),
        DECODER.transferSyntaxes());
    assertTrue(DECODER.supportsReducedResolution());
    assertTrue(DECODER.supportsPartialData());
  }

  @Test
  void reducedDecodesEqualOpjDecompressAtTheSameReduceFactor() throws Exception {
    for (String name : List.of("HTJ2K RPCL 12-bit 515x301", "J2K LRCP 12-bit 515x301", "HTJ2K RPCL 16-bit 257x129")) {
      Fixture f = fixture(name);
      Path input = Files.write(dir.resolve("ref.j2k"), f.data());
      for (int level = 1; level <= 3; level++) {
        Path output = dir.resolve("ref-" + level + ".pgm");
        ReferenceTools.run(List.of(ReferenceTools.find(ReferenceTools.OPJ_DECOMPRESS).toString(),
            "-i", input.toString(), "-o", output.toString(), "-r", String.valueOf(level)));
        int[] reference = readPgm(output);

        DecodedFrame frame = decode(f, f.data(), level, true);

        assertArrayEquals(reference, samples(frame.raster(), false), name + " at level " + level);
      }
    }
  }

  @Test
  void theInspectorsOffsetsAreExactlyWhereOpenJpegCanDecodeEachLevel() throws Exception {
    Fixture f = fixture("HTJ2K RPCL 12-bit 515x301");
    Codestream codestream = CodestreamInspector.inspect(ByteBuffer.wrap(f.data()), f.transferSyntaxUid());
    for (int level = 1; level <= 5; level++) {
      int at = (int) codestream.completeAt(level);
      int[] whole = openJpegAlone(f.data(), level, DecodeRequest.reducedSize(515, level),
          DecodeRequest.reducedSize(301, level), true);

      DecodedFrame exact = decode(f, Arrays.copyOf(f.data(), at), level, false);
      // Straight to OpenJPEG, which decodes whatever it gets when not strict.
      int[] oneByteShort = openJpegAlone(Arrays.copyOf(f.data(), at - 1), level, exact.raster().columns(),
          exact.raster().rows(), false);

      assertArrayEquals(whole, samples(exact.raster(), false), "level " + level + " from " + at + " bytes");
      assertFalse(Arrays.equals(whole, oneByteShort), "level " + level + " is already exact from " + (at - 1) + " bytes");
    }
  }

  @Test
  void reducedDecodesEqualOpenJpegsOwnReduceOfTheWholeCodestream() throws Exception {
    // The decoder hands OpenJPEG only the packets a level needs; OpenJPEG alone reads them all.
    for (Fixture f : fixtures().filter(f -> f.target().bitsAllocated() == 16 && f.target().samplesPerPixel() == 1)
        .toList()) {
      Codestream codestream = CodestreamInspector.inspect(ByteBuffer.wrap(f.data()), f.transferSyntaxUid());
      byte[] bare = Arrays.copyOfRange(f.data(), codestream.start(), codestream.end());
      for (int level = 1; level <= f.levels(); level++) {
        int width = DecodeRequest.reducedSize(f.target().columns(), level);
        int height = DecodeRequest.reducedSize(f.target().rows(), level);

        int[] expected = openJpegAlone(bare, level, width, height, true);

        assertArrayEquals(expected, samples(decode(f, f.data(), level, true).raster(), false), f + " level " + level);
      }
    }
  }

  @Test
  void aStreamMissingItsLast100BytesIsNeverTakenForTheFullImage() throws Exception {
    Fixture f = fixture("HTJ2K RPCL 12-bit 515x301");
    byte[] shortened = Arrays.copyOf(f.data(), f.data().length - 100);

    // OpenJPEG alone, strict mode off, "decodes" it at full size without an error...
    int[] lenient = unsigned((ShortBuffer) library().decode(ByteBuffer.wrap(shortened),
        new OpenJpeg.Request(0, false, 1, 515, 301, 1, false)));
    assertFalse(Arrays.equals(f.source(), lenient), "OpenJPEG's lenient decode differs from the original");

    // ...so the decoder only offers the finest level that is really complete.
    DecodedFrame frame = decode(f, shortened, 0, true);
    assertEquals(1, frame.decodeLevel());
    assertFalse(frame.lossless());
    assertEquals(1, DECODER.decodableLevel(ByteBuffer.wrap(shortened), request(f, 0, true)));
  }

  @Test
  void aStreamWhosePacketsRunPastTheRewrittenEndIsRefused() throws Exception {
    Fixture f = fixture("HTJ2K RPCL 12-bit 515x301");
    byte[] data = f.data();
    // Drop 300 bytes before EOC and shorten Psot to match: the markers agree, the packets do not.
    byte[] cut = new byte[data.length - 300];
    System.arraycopy(data, 0, cut, 0, cut.length - 2);
    cut[cut.length - 2] = (byte) 0xFF;
    cut[cut.length - 1] = (byte) 0xD9;
    Codestream codestream = CodestreamInspector.inspect(ByteBuffer.wrap(data), f.transferSyntaxUid());
    int sot = codestream.tileParts().get(0).start();
    long psot = codestream.tileParts().get(0).end() - sot - 300;
    ByteBuffer.wrap(cut).putInt(sot + 6, (int) psot);

    DecodeException e = assertThrows(DecodeException.class, () -> decode(f, cut, 0, true));
    assertTrue(e.getMessage().contains("runs past the tile data"), e.getMessage());
  }

  @Test
  void aCodestreamLargerThanTheMetadataSaysIsRefusedBeforeOpenJpegSeesIt() throws Exception {
    Fixture f = fixture("HTJ2K RPCL 8-bit 64x64");
    byte[] bigger = f.data().clone();
    ByteBuffer.wrap(bigger).putInt(8, 4096).putInt(24, 4096); // Xsiz and XTsiz: still one tile

    DecodeException e = assertThrows(DecodeException.class, () -> decode(f, bigger, 0, true));
    assertTrue(e.getMessage().contains("4096x64"), e.getMessage());
  }

  @Test
  void aMarkerWithAWrongLengthIsRefused() throws Exception {
    Fixture f = fixture("J2K LRCP 12-bit 515x301");
    byte[] bad = f.data().clone();
    int cod = indexOf(bad, 0xFF52);
    bad[cod + 3] += 3; // Lcod

    DecodeException e = assertThrows(DecodeException.class, () -> decode(f, bad, 0, true));
    assertTrue(e.getMessage().contains("COD"), e.getMessage());
  }

  @Test
  void multiTileFramesDecodeWholeButTheirPrefixesAreNotGuessed() throws Exception {
    Fixture f = fixture("J2K 4 tiles");
    byte[] prefix = Arrays.copyOf(f.data(), f.data().length * 3 / 4);

    assertEquals(-1, DECODER.decodableLevel(ByteBuffer.wrap(prefix), request(f, 0, false)));
    assertThrows(DecodeException.class, () -> decode(f, prefix, 0, false));
    assertArrayEquals(f.source(), samples(decode(f, f.data(), 0, true).raster(), false));
  }

  @Test
  void aJp2FileDecodesLikeTheCodestreamItWraps() throws Exception {
    Fixture file = fixture("JP2 file 12-bit");
    Codestream codestream = CodestreamInspector.inspect(ByteBuffer.wrap(file.data()), file.transferSyntaxUid());

    assertTrue(codestream.jp2());
    assertTrue(codestream.start() > 0);
    assertArrayEquals(file.source(), samples(decode(file, file.data(), 0, true).raster(), false));
  }

  @Test
  void anIrreversibleFrameIsNotCalledLossless() throws Exception {
    Fixture f = fixture("J2K 9/7 lossy");

    DecodedFrame frame = decode(f, f.data(), 0, true);

    assertFalse(frame.lossless());
    assertNotEquals(0, Arrays.mismatch(f.source(), samples(frame.raster(), false)) + 1, "decodes to something");
  }

  @Test
  void aLevelDeeperThanTheStreamHasGivesItsDeepestLevel() throws Exception {
    Fixture f = fixture("HTJ2K RPCL 8-bit 64x64");

    DecodedFrame frame = decode(f, f.data(), 7, true);

    assertEquals(3, frame.decodeLevel());
    assertEquals(8, frame.raster().rows());
  }

  @Test
  void twoOpenJpegThreadsGiveTheSameSamplesAsOne() throws Exception {
    OpenJpegDecoder twoThreads = new OpenJpegDecoder(library(), 2);
    for (String name : List.of("HTJ2K RPCL 12-bit 515x301", "J2K LRCP 12-bit 515x301")) {
      Fixture f = fixture(name);
      DecodedFrame one = decode(f, f.data(), 0, true);
      DecodedFrame two = twoThreads.decode(ByteBuffer.wrap(f.data()), request(f, 0, true));
      assertArrayEquals(samples(one.raster(), false), samples(two.raster(), false), name);
    }
  }

  @Test
  void onCoresALargeFinalUsesEveryCoreAndSmallerDecodesTheCallingThreadOnly() {
    OpenJpegDecoder decoder = OpenJpegDecoder.onCores(library());
    int cores = Math.min(4, Runtime.getRuntime().availableProcessors());

    assertEquals(cores, decoder.threadsFor(3036L * 3036), "a 3036² final");
    assertEquals(cores, decoder.threadsFor(OpenJpegDecoder.PARALLEL_FROM_SAMPLES), "a 1024² final");
    assertEquals(1, decoder.threadsFor(512L * 512), "a 512² stack frame");
    assertEquals(1, decoder.threadsFor(759L * 759), "level 2 of a 3036² image");
    assertEquals(2, new OpenJpegDecoder(library(), 2).threadsFor(64L * 64), "an explicit count: every decode");
  }

  @Test
  void failuresNameTheTransferSyntaxTheSizeAndOpenJpegsReason() throws Exception {
    Fixture f = fixture("J2K LRCP 12-bit 515x301");
    byte[] bad = f.data().clone();
    int sod = indexOf(bad, 0xFF93);
    Arrays.fill(bad, sod + 2, Math.min(bad.length - 2, sod + 400), (byte) 0xFF);

    DecodeException e = assertThrows(DecodeException.class, () -> decode(f, bad, 0, true));

    assertTrue(e.getMessage().startsWith(TransferSyntax.JPEG_2000_LOSSLESS + ": 515x301x1 12-bit frame"), e.getMessage());
  }

  /** OpenJPEG's own decode of {@code data} at {@code level}, with nothing cut or completed. */
  private static int[] openJpegAlone(byte[] data, int level, int width, int height, boolean strict)
      throws Exception {
    return unsigned((ShortBuffer) library().decode(ByteBuffer.wrap(data),
        new OpenJpeg.Request(level, strict, 1, width, height, 1, false)));
  }

  private static int[] unsigned(ShortBuffer samples) {
    int[] out = new int[samples.capacity()];
    for (int i = 0; i < out.length; i++) {
      out[i] = samples.get(i) & 0xFFFF;
    }
    return out;
  }

  private static int indexOf(byte[] data, int marker) {
    for (int i = 0; i + 1 < data.length; i++) {
      if ((data[i] & 0xFF) == marker >> 8 && (data[i + 1] & 0xFF) == (marker & 0xFF)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no marker " + Integer.toHexString(marker));
  }

  /** Samples of a binary PGM written by opj_decompress (16-bit big-endian above maxval 255). */
  static int[] readPgm(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int at = 0;
    int[] header = new int[3];
    int field = -1;
    while (field < 3) {
      while (Character.isWhitespace(bytes[at])) {
        at++;
      }
      if (bytes[at] == '#') {
        while (bytes[at] != '\n') {
          at++;
        }
        continue;
      }
      int start = at;
      while (!Character.isWhitespace(bytes[at])) {
        at++;
      }
      String token = new String(bytes, start, at - start, java.nio.charset.StandardCharsets.US_ASCII);
      if (field >= 0) {
        header[field] = Integer.parseInt(token);
      }
      field++;
    }
    at++;
    int count = header[0] * header[1];
    int[] samples = new int[count];
    ByteBuffer data = ByteBuffer.wrap(bytes, at, bytes.length - at);
    for (int i = 0; i < count; i++) {
      samples[i] = header[2] > 255 ? data.getShort() & 0xFFFF : data.get() & 0xFF;
    }
    return samples;
  }
}
