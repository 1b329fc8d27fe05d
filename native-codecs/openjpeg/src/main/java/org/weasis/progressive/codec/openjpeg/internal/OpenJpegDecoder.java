package org.weasis.progressive.codec.openjpeg.internal;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.codec.openjpeg.internal.codestream.Codestream;
import org.weasis.progressive.codec.openjpeg.internal.codestream.CodestreamException;
import org.weasis.progressive.codec.openjpeg.internal.codestream.CodestreamInspector;
import org.weasis.progressive.codec.openjpeg.internal.codestream.PrefixTerminator;
import org.weasis.progressive.codec.openjpeg.internal.natives.NativeDecodeException;
import org.weasis.progressive.codec.openjpeg.internal.natives.OpenJpeg;

/**
 * Decodes JPEG 2000 and HTJ2K frames with OpenJPEG, at reduced resolution and from prefixes of
 * resolution-progressive codestreams, after the Java inspector has checked the data against the DICOM
 * attributes so that OpenJPEG only ever sees consistent input.
 *
 * <p>The bytes decide what is complete (EOC after consistent tile-parts), not {@link
 * DecodeRequest#complete()}: a frame cut short is decoded at the finest level it holds.
 * {@code lossless} is true only for a complete codestream coded reversibly (5/3, no quantization), at
 * any level: those pixels equal the lossless decode at that level. A prefix is never called lossless,
 * even when the levels it holds are exact.
 */
public final class OpenJpegDecoder implements FrameDecoder {
  static final List<String> TRANSFER_SYNTAXES =
      List.of(
          TransferSyntax.JPEG_2000_LOSSLESS,
          TransferSyntax.JPEG_2000,
          TransferSyntax.HTJ2K_LOSSLESS,
          TransferSyntax.HTJ2K_LOSSLESS_RPCL,
          TransferSyntax.HTJ2K,
          TransferSyntax.HTJ2K_PRIVATE);

  /** Caps what OpenJPEG allocates (4 bytes a sample) whatever the metadata claims. */
  private static final long MAX_SAMPLES = 1L << 28;

  /**
   * Output samples from which a decode is worth OpenJPEG's worker threads: a 1024² final, not the 512²
   * frames of a stack, which the engine already decodes several at a time, nor a reduced level.
   */
  static final long PARALLEL_FROM_SAMPLES = 1L << 20;

  private final OpenJpeg library;
  private final int threads;
  private final long parallelFrom;

  /** Decodes on the calling thread only. */
  public OpenJpegDecoder(OpenJpeg library) {
    this(library, 1);
  }

  /** {@code threads} OpenJPEG workers per decode (1 = none). */
  public OpenJpegDecoder(OpenJpeg library, int threads) {
    this(library, threads, 0);
  }

  private OpenJpegDecoder(OpenJpeg library, int threads, long parallelFrom) {
    this.library = Objects.requireNonNull(library, "library");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be 1 or more, got " + threads);
    }
    this.threads = threads;
    this.parallelFrom = parallelFrom;
  }

  /**
   * Decodes a large image (a final at full resolution) on every core, so that its decode, which can only
   * start after its last byte, ends sooner; smaller decodes run on the calling thread.
   */
  public static OpenJpegDecoder onCores(OpenJpeg library) {
    return new OpenJpegDecoder(library, Math.min(4, Runtime.getRuntime().availableProcessors()),
        PARALLEL_FROM_SAMPLES);
  }

  /** OpenJPEG threads for a decode of this many output samples. */
  int threadsFor(long samples) {
    return samples >= parallelFrom ? threads : 1;
  }

  @Override
  public Set<String> transferSyntaxes() {
    return new LinkedHashSet<>(TRANSFER_SYNTAXES);
  }

  @Override
  public boolean supportsReducedResolution() {
    return true;
  }

  @Override
  public boolean supportsPartialData() {
    return true;
  }

  @Override
  public int decodableLevel(ByteBuffer data, DecodeRequest request) throws DecodeException {
    requireSupported(request);
    requireSane(request, data);
    Codestream codestream;
    try {
      codestream = CodestreamInspector.inspect(data, request.transferSyntaxUid(), expected(request));
    } catch (CodestreamException e) {
      if (e.truncated()) {
        return -1;
      }
      throw failure(request, data, e.reason(), e);
    }
    requireCheckable(codestream, request, data);
    return codestream.decodableLevel(data.remaining());
  }

  @Override
  public DecodedFrame decode(ByteBuffer data, DecodeRequest request) throws DecodeException {
    requireSupported(request);
    requireSane(request, data);
    Codestream codestream = inspect(data, request);
    requireCheckable(codestream, request, data);
    int level = levelToDecode(codestream, request, data);
    int width = reduced(codestream.size().x1(), codestream.size().x0(), level);
    int height = reduced(codestream.size().y1(), codestream.size().y0(), level);
    PixelDescription target = request.target();
    Buffer samples;
    try {
      int workers = threadsFor((long) width * height * target.samplesPerPixel());
      samples = library.decode(codestreamFor(data, codestream, level), new OpenJpeg.Request(
          level, true, workers, width, height, target.samplesPerPixel(), target.bitsAllocated() == 8));
    } catch (NativeDecodeException e) {
      throw failure(request, data, "OpenJPEG " + library.version() + ": " + e.getMessage(), e);
    }
    Raster raster = new Raster(height, width, target.samplesPerPixel(), samples);
    return new DecodedFrame(raster, level, codestream.complete() && codestream.reversible());
  }

  /**
   * The packets through the last one {@code level} needs, completed into a valid codestream, when
   * they are located: a prefix then decodes strictly, and a reduced decode of a whole frame reads only
   * what it needs (3 % of a 3036x3036 HTJ2K frame for level 3). Else the whole codestream.
   */
  private static ByteBuffer codestreamFor(ByteBuffer data, Codestream codestream, int level) {
    long cut = codestream.completeAt(level);
    if (codestream.complete() && (level == 0 || cut < 0)) {
      return data.slice(data.position() + codestream.start(), codestream.end() - codestream.start());
    }
    return ByteBuffer.wrap(PrefixTerminator.terminate(data, codestream, cut));
  }

  /** The requested level, or the finest one a prefix holds if coarser; never past the stream's levels. */
  private static int levelToDecode(Codestream codestream, DecodeRequest request, ByteBuffer data)
      throws DecodeException {
    int deepest = codestream.minLevels();
    if (codestream.complete()) {
      return Math.min(request.decodeLevel(), deepest);
    }
    int available = codestream.decodableLevel(data.remaining());
    if (available < 0) {
      String why = codestream.unpredictableReason() != null
          ? "its packets cannot be located (" + codestream.unpredictableReason() + ")"
          : "even level " + deepest + " needs more than these bytes";
      throw failure(request, data, "the prefix holds no complete resolution level: " + why, null);
    }
    return Math.min(Math.max(request.decodeLevel(), available), deepest);
  }

  private static Codestream inspect(ByteBuffer data, DecodeRequest request) throws DecodeException {
    try {
      return CodestreamInspector.inspect(data, request.transferSyntaxUid(), expected(request));
    } catch (CodestreamException e) {
      throw failure(request, data, e.reason(), e);
    }
  }

  private static CodestreamInspector.Expected expected(DecodeRequest request) {
    PixelDescription t = request.target();
    return new CodestreamInspector.Expected(t.columns(), t.rows(), t.samplesPerPixel(), t.bitsAllocated());
  }

  private static void requireSane(DecodeRequest request, ByteBuffer data) throws DecodeException {
    PixelDescription t = request.target();
    if ((long) t.rows() * t.columns() * t.samplesPerPixel() > MAX_SAMPLES) {
      throw failure(request, data, "more than " + MAX_SAMPLES + " samples", null);
    }
  }

  /** HT code-blocks reach OpenJPEG only once the inspector has checked them. */
  private static void requireCheckable(Codestream codestream, DecodeRequest request, ByteBuffer data)
      throws DecodeException {
    if (codestream.htUncheckedReason() != null) {
      throw failure(request, data, "its HT code-blocks cannot be checked before decoding ("
          + codestream.htUncheckedReason() + "), and OpenJPEG 2.5.0 may abort the process on a corrupt"
          + " one", null);
    }
  }

  private static void requireSupported(DecodeRequest request) throws DecodeException {
    if (!TRANSFER_SYNTAXES.contains(request.transferSyntaxUid())) {
      throw new DecodeException(request.transferSyntaxUid(),
          "not a JPEG 2000 or HTJ2K transfer syntax; this decoder handles " + TRANSFER_SYNTAXES);
    }
  }

  /** Size of one side at {@code level} as OpenJPEG computes it: ceil(x1/2^l) - ceil(x0/2^l). */
  private static int reduced(long end, long start, int level) {
    return (int) (Math.ceilDiv(end, 1L << level) - Math.ceilDiv(start, 1L << level));
  }

  private static DecodeException failure(
      DecodeRequest request, ByteBuffer data, String reason, Throwable cause) {
    PixelDescription t = request.target();
    return new DecodeException(request.transferSyntaxUid(),
        t.columns() + "x" + t.rows() + "x" + t.samplesPerPixel() + " " + t.bitsStored() + "-bit frame, "
            + data.remaining() + " bytes: " + reason, cause);
  }
}
