package org.weasis.progressive.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.standalone.Codecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./progressive decode}: one frame file (or its first bytes) to a PGM/PPM image. */
@Command(name = "decode", sortOptions = false, description = {
    "decode one frame file (or its first bytes) to a PGM image", "",
    "Decodes one frame file, or only its first BYTES at the finest resolution level they hold completely, to a"
        + " 16-bit PGM (8-bit for 8-bit data; PPM for colour) and says which level it used. Signed samples are"
        + " written as their two's-complement bit pattern."})
final class DecodeCommand implements Callable<Integer> {
  @Option(names = "--ts", required = true, paramLabel = "UID", description = {
      "transfer syntax of the data, e.g. 1.2.840.10008.1.2.4.201 (HTJ2K), 1.2.840.10008.1.2.4.80 (JPEG-LS),"
          + " 1.2.840.10008.1.2.4.90 (JPEG 2000)"})
  private String ts;

  @Option(names = "--level", paramLabel = "N", defaultValue = "0",
      description = "decode at 1/2^N per axis (default 0 = full size)")
  private int level;

  @Option(names = "--prefix", paramLabel = "BYTES", defaultValue = "-1", showDefaultValue = Help.Visibility.NEVER,
      description = "decode only the first BYTES of the codestream, at the finest level they hold completely"
          + " (or --level if coarser); the level used is printed")
  private int prefix;

  @Parameters(index = "0", paramLabel = "IN",
      description = "a codestream, a JP2 file, a JPEG-LS stream, or a single-part .mht body")
  private Path in;

  @Parameters(index = "1", paramLabel = "OUT.pgm", description = "the image to write")
  private Path pnm;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  private boolean help;

  private final PrintStream out;
  private final PrintStream err;

  DecodeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    if (level < 0 || level > 32) {
      throw new UsageException("decode: --level must be 0..32, got " + level);
    }
    try {
      byte[] codestream = FrameFile.unwrap(Files.readAllBytes(in));
      boolean complete = prefix < 0 || prefix >= codestream.length;
      if (!complete) {
        if (prefix == 0) {
          throw new UsageException("decode: --prefix must be at least 1 byte");
        }
        codestream = Arrays.copyOf(codestream, prefix);
      }
      PixelDescription target;
      try {
        target = FrameFile.describe(codestream);
      } catch (UsageException e) {
        err.println(e.getMessage()); // the file is wrong, not the command line
        return 1;
      }
      FrameDecoder decoder = decoderFor(ts);
      ByteBuffer data = ByteBuffer.wrap(codestream);
      int decodeLevel = level;
      if (!complete) {
        int possible = decoder.decodableLevel(data, new DecodeRequest(ts, target, level, false));
        if (possible < 0) {
          err.println("decode: the first " + prefix + " bytes hold no complete resolution level");
          return 1;
        }
        decodeLevel = Math.max(level, possible);
      }
      DecodedFrame frame = decoder.decode(data, new DecodeRequest(ts, target, decodeLevel, complete));
      writePnm(pnm, frame.raster(), target);
      out.printf("%s: %dx%d (level %d of %dx%d), %s, %d bytes read%n", pnm, frame.raster().columns(),
          frame.raster().rows(), frame.decodeLevel(), target.columns(), target.rows(),
          frame.lossless() ? "lossless" : "not lossless", codestream.length);
      return 0;
    } catch (DecodeException e) {
      err.println("decode: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("decode: " + e.getMessage());
      return 1;
    }
  }

  private FrameDecoder decoderFor(String ts) {
    for (FrameDecoder d : Codecs.available(err)) {
      if (d.transferSyntaxes().contains(ts)) {
        return d;
      }
    }
    throw new UsageException("decode: no decoder for transfer syntax " + ts
        + " (JPEG 2000/HTJ2K: 1.2.840.10008.1.2.4.90, .91, .201, .202, .203; JPEG-LS: .80, .81)");
  }

  static void writePnm(Path file, Raster raster, PixelDescription description) throws IOException {
    boolean wide = raster.samples() instanceof ShortBuffer;
    boolean colour = raster.samplesPerPixel() == 3;
    int max = wide ? 65535 : 255;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(((colour ? "P6" : "P5") + "\n" + raster.columns() + " " + raster.rows() + "\n" + max + "\n")
        .getBytes(StandardCharsets.US_ASCII));
    Buffer samples = raster.samples();
    int count = samples.capacity();
    for (int i = 0; i < count; i++) {
      if (wide) {
        int v = ((ShortBuffer) samples).get(i) & 0xFFFF;
        bytes.write(v >> 8);
        bytes.write(v & 0xFF);
      } else {
        bytes.write(((ByteBuffer) samples).get(i));
      }
    }
    Files.write(file, bytes.toByteArray());
  }
}
