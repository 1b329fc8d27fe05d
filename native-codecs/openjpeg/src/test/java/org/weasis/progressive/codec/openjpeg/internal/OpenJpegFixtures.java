package org.weasis.progressive.codec.openjpeg.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.testsupport.codec.ReferenceTools;
import org.weasis.progressive.testsupport.codec.SyntheticImage;
import org.weasis.progressive.testsupport.FrameDecoderContract.Fixture;

/**
 * Frames encoded during the test run by ojph_compress (HTJ2K) and opj_compress (JPEG 2000) from
 * synthetic images, covering depths, signedness, odd sizes, progressions and coding options.
 *
 * <p>Signed HTJ2K frames are left out: OpenJPH 0.9 (Debian's) codes negative samples in a way other
 * decoders read differently (OpenJPH issue #102, fixed in later releases), so no reference exists.
 */
final class OpenJpegFixtures {
  private OpenJpegFixtures() {}

  static List<Fixture> all(Path dir) throws IOException {
    List<Fixture> list = new ArrayList<>();
    String ht = TransferSyntax.HTJ2K_LOSSLESS;
    String htRpcl = TransferSyntax.HTJ2K_LOSSLESS_RPCL;
    String j2k = TransferSyntax.JPEG_2000_LOSSLESS;

    SyntheticImage odd12 = SyntheticImage.make(515, 301, 1, 12, false, 11);
    list.add(ojph("HTJ2K RPCL 12-bit 515x301", htRpcl, odd12, dir, 5, "-prog_order", "RPCL"));
    SyntheticImage grey16 = SyntheticImage.make(257, 129, 1, 16, false, 12);
    list.add(ojph("HTJ2K RPCL 16-bit 257x129", ht, grey16, dir, 4, "-prog_order", "RPCL", "-num_decomps", "4"));
    SyntheticImage grey8 = SyntheticImage.make(64, 64, 1, 8, false, 13);
    list.add(ojph("HTJ2K RPCL 8-bit 64x64", htRpcl, grey8, dir, 3, "-prog_order", "RPCL", "-num_decomps", "3"));
    SyntheticImage wide12 = SyntheticImage.make(300, 200, 1, 12, false, 14);
    list.add(ojph("HTJ2K LRCP 12-bit 300x200", ht, wide12, dir, 5, "-prog_order", "LRCP"));
    list.add(ojph("HTJ2K RPCL precincts 32x32 blocks 12-bit", htRpcl, wide12, dir, 5, "-prog_order", "RPCL",
        "-block_size", "{32,32}", "-precincts", "{32,32},{64,64},{128,128}"));
    SyntheticImage rgb = SyntheticImage.make(97, 80, 3, 8, false, 15);
    list.add(ojph("HTJ2K RPCL RGB 8-bit 97x80", htRpcl, rgb, dir, 4, "-prog_order", "RPCL", "-num_decomps", "4"));

    list.add(opj("J2K LRCP 8-bit unsigned", j2k, grey8, dir, 3, "-n", "4"));
    SyntheticImage signed8 = SyntheticImage.make(70, 50, 1, 8, true, 16);
    list.add(opj("J2K LRCP 8-bit signed", j2k, signed8, dir, 5));
    list.add(opj("J2K LRCP 12-bit 515x301", j2k, odd12, dir, 5));
    SyntheticImage signed12 = SyntheticImage.make(131, 77, 1, 12, true, 17);
    list.add(opj("J2K RPCL 12-bit signed", j2k, signed12, dir, 5, "-p", "RPCL"));
    list.add(opj("J2K RLCP 16-bit unsigned", j2k, grey16, dir, 5, "-p", "RLCP"));
    SyntheticImage signed16 = SyntheticImage.make(129, 140, 1, 16, true, 18);
    list.add(opj("J2K 16-bit signed", j2k, signed16, dir, 5, "-p", "RPCL"));
    list.add(opj("J2K RPCL 3 layers SOP EPH precincts", j2k, odd12, dir, 5, "-p", "RPCL", "-r", "40,10,1",
        "-SOP", "-EPH", "-c", "[64,64],[32,32]", "-b", "32,32"));
    list.add(opj("J2K LRCP 3 layers", j2k, wide12, dir, 5, "-r", "40,10,1"));
    list.add(opj("J2K RPCL bypass termall PLT TLM", j2k, grey16, dir, 5, "-p", "RPCL", "-M", "5", "-PLT", "-TLM"));
    list.add(opj("J2K RPCL tile-parts per resolution", j2k, odd12, dir, 5, "-p", "RPCL", "-TP", "R"));
    list.add(opj("J2K PCRL 8-bit precincts", j2k, grey8, dir, 4, "-p", "PCRL", "-n", "5", "-c", "[16,16]"));
    list.add(opj("J2K CPRL RGB", j2k, rgb, dir, 4, "-p", "CPRL", "-n", "5"));
    list.add(opj("J2K 4 tiles", j2k, wide12, dir, 5, "-t", "160,100"));
    list.add(opjFile("JP2 file 12-bit", j2k, odd12, dir, 5, "jp2"));
    list.add(lossy(opj("J2K 9/7 lossy", TransferSyntax.JPEG_2000, wide12, dir, 5, "-I", "-r", "20")));
    return list;
  }

  static Fixture ojph(String name, String ts, SyntheticImage image, Path dir, int levels, String... options)
      throws IOException {
    return fixture(name, ts, image, ReferenceTools.ojphCompress(image, dir, options), levels);
  }

  static Fixture opj(String name, String ts, SyntheticImage image, Path dir, int levels, String... options)
      throws IOException {
    return fixture(name, ts, image, ReferenceTools.opjCompress(image, dir, "j2k", options), levels);
  }

  private static Fixture opjFile(String name, String ts, SyntheticImage image, Path dir, int levels,
      String extension) throws IOException {
    return fixture(name, ts, image, ReferenceTools.opjCompress(image, dir, extension), levels);
  }

  private static Fixture lossy(Fixture f) {
    return new Fixture(f.name(), f.transferSyntaxUid(), f.target(), f.data(), f.source(), false, f.levels());
  }

  static Fixture fixture(String name, String ts, SyntheticImage image, byte[] data, int levels) {
    return new Fixture(name, ts, target(image), data, image.samples(), true, levels);
  }

  static PixelDescription target(SyntheticImage image) {
    return new PixelDescription(image.height(), image.width(), image.components(), image.bits() <= 8 ? 8 : 16,
        image.bits(), image.signed(), image.components() == 3 ? "RGB" : "MONOCHROME2", 0, 1, 0, null, null);
  }
}
