package org.weasis.progressive.testsupport.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.fixtures.SinglePart;
import org.weasis.progressive.testsupport.codec.FuzzLoop.Seed;

/** Small valid frames covering the coding options the decoder meets, made by the real encoders. */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  public static List<Seed> small(Path dir) throws IOException {
    List<Seed> seeds = new ArrayList<>();
    SyntheticImage grey12 = SyntheticImage.make(64, 64, 1, 12, false, 1);
    SyntheticImage grey8 = SyntheticImage.make(61, 47, 1, 8, false, 2);
    SyntheticImage rgb = SyntheticImage.make(40, 36, 3, 8, false, 3);
    SyntheticImage signed16 = SyntheticImage.make(64, 64, 1, 16, true, 4);
    SyntheticImage grey16 = SyntheticImage.make(48, 64, 1, 16, false, 5);
    String ht = TransferSyntax.HTJ2K_LOSSLESS;
    String j2k = TransferSyntax.JPEG_2000_LOSSLESS;
    seeds.add(seed("ojph RPCL 12-bit", ht, grey12,
        ReferenceTools.ojphCompress(grey12, dir, "-prog_order", "RPCL", "-num_decomps", "4",
            "-block_size", "{16,16}")));
    seeds.add(seed("ojph LRCP 8-bit odd", ht, grey8,
        ReferenceTools.ojphCompress(grey8, dir, "-prog_order", "LRCP", "-num_decomps", "3")));
    seeds.add(seed("ojph RPCL RGB", ht, rgb, ReferenceTools.ojphCompress(rgb, dir, "-prog_order", "RPCL")));
    seeds.add(seed("opj LRCP signed 16-bit", j2k, signed16, ReferenceTools.opjCompress(signed16, dir, "j2k")));
    seeds.add(seed("opj RPCL layers SOP EPH PLT precincts", j2k, grey12,
        ReferenceTools.opjCompress(grey12, dir, "j2k", "-p", "RPCL", "-r", "8,1", "-SOP", "-EPH", "-PLT",
            "-c", "[16,16]", "-b", "16,16")));
    seeds.add(seed("opj JP2", j2k, grey8, ReferenceTools.opjCompress(grey8, dir, "jp2")));
    seeds.add(seed("opj bypass termall 16-bit", j2k, grey16,
        ReferenceTools.opjCompress(grey16, dir, "j2k", "-M", "5", "-p", "RPCL")));
    seeds.add(seed("opj tiles", j2k, grey12,
        ReferenceTools.opjCompress(grey12, dir, "j2k", "-t", "32,32", "-TP", "R")));
    return seeds;
  }

  public static Seed seed(String name, String ts, SyntheticImage image, byte[] data) {
    int allocated = image.bits() <= 8 ? 8 : 16;
    PixelDescription target = new PixelDescription(image.height(), image.width(), image.components(),
        allocated, image.bits(), image.signed(), image.components() == 3 ? "RGB" : "MONOCHROME2", 0, 1, 0,
        null, null);
    return new Seed(name, ts, target, data);
  }

  /** The HTJ2K frames of the Static DICOMweb fixture (512x512, 16 bits allocated, 12 stored). */
  public static List<Seed> fixtureFrames(Path root) throws IOException {
    List<Seed> seeds = new ArrayList<>();
    PixelDescription target = new PixelDescription(512, 512, 1, 16, 12, false, "MONOCHROME2", 0, 1, 0, null, null);
    try (var files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith("/frames/1.mht")).sorted().toList()) {
        seeds.add(new Seed(file.getParent().getParent().getFileName().toString(), TransferSyntax.HTJ2K_LOSSLESS,
            target, SinglePart.parse(Files.readAllBytes(file)).content()));
      }
    }
    return seeds;
  }
}
