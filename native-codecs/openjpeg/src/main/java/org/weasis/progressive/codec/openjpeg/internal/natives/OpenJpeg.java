package org.weasis.progressive.codec.openjpeg.internal.natives;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decodes J2K codestreams with libopenjp2 through FFM: one native codec, stream and arena per call,
 * all freed before it returns, so any number of threads may decode at once.
 */
@SuppressWarnings("restricted") // native access is this package's purpose
public final class OpenJpeg {
  /** The struct layouts in {@link OpenJp2} are those of this series. */
  static final String SUPPORTED_SERIES = "2.5.";

  private static final Object LOCK = new Object();
  private static volatile Availability cached;

  private final OpenJp2 lib;
  private final String version;
  private final String source;

  private OpenJpeg(OpenJp2 lib, String version, String source) {
    this.lib = lib;
    this.version = version;
    this.source = source;
  }

  /** The library, or why it cannot be used; looked up once per class loader. */
  public record Availability(OpenJpeg library, String problem) {
    public boolean available() {
      return library != null;
    }
  }

  /** Finds and checks libopenjp2 once; never throws. */
  public static Availability load() {
    Availability a = cached;
    if (a == null) {
      synchronized (LOCK) {
        a = cached;
        if (a == null) {
          a = locate();
          cached = a;
        }
      }
    }
    return a;
  }

  private static Availability locate() {
    OpenJpeg[] found = new OpenJpeg[1];
    LibraryLocator.Located located = LibraryLocator.locate(lookup -> {
      try {
        found[0] = bind(lookup);
        return null;
      } catch (IllegalStateException e) {
        return e.getMessage();
      }
    });
    if (located.lookup() == null) {
      return unavailable(located.failures());
    }
    return new Availability(
        new OpenJpeg(found[0].lib, found[0].version, located.source()), null);
  }

  /** Why no library could be used, and what to install. */
  static Availability unavailable(java.util.List<String> failures) {
    return new Availability(null, "libopenjp2 2.5 not usable (" + String.join("; ", failures)
        + "); install the Debian package libopenjp2-7 (apt-get install libopenjp2-7)");
  }

  private static OpenJpeg bind(SymbolLookup lookup) {
    OpenJp2 lib = OpenJp2.bind(lookup);
    String version;
    try {
      MemorySegment text = (MemorySegment) lib.opj_version.invokeExact();
      version = text.reinterpret(64).getString(0);
    } catch (Throwable t) {
      throw new IllegalStateException("opj_version failed: " + t);
    }
    if (!version.startsWith(SUPPORTED_SERIES)) {
      throw new IllegalStateException("version " + version + " found, struct layouts known for "
          + SUPPORTED_SERIES + "x only");
    }
    return new OpenJpeg(lib, version, null);
  }

  /** What opj_version() said. */
  public String version() {
    return version;
  }

  /** Where the library was found, for the log. */
  public String source() {
    return source;
  }

  public boolean threadSupport() {
    try {
      return (int) lib.opj_has_thread_support.invokeExact() != 0;
    } catch (Throwable t) {
      return false;
    }
  }

  /**
   * What to decode.
   *
   * @param level resolution levels to drop (opj_set_decoded_resolution_factor)
   * @param strict true to make truncated data an error (for complete codestreams)
   * @param threads OpenJPEG worker threads; 1 decodes on the calling thread only
   * @param width expected width at {@code level}
   * @param height expected height at {@code level}
   * @param components expected components
   * @param eightBit true to get bytes, else shorts
   */
  public record Request(
      int level, boolean strict, int threads, int width, int height, int components, boolean eightBit) {}

  /**
   * Decodes the J2K codestream between {@code codestream}'s position and limit (left unchanged).
   *
   * @return the samples, interleaved: a ByteBuffer or a ShortBuffer
   */
  public Buffer decode(ByteBuffer codestream, Request request) throws NativeDecodeException {
    Objects.requireNonNull(codestream, "codestream");
    MessageLog log = new MessageLog();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment copy = arena.allocate(Math.max(1, codestream.remaining()), 16);
      MemorySegment.copy(MemorySegment.ofBuffer(codestream), 0, copy, 0, codestream.remaining());
      copy = copy.asSlice(0, codestream.remaining());
      try (MemoryStream stream = new MemoryStream(lib, arena, copy);
          Codec codec = new Codec(lib, arena, log)) {
        codec.strict(request.strict());
        if (request.threads() > 1) {
          codec.threads(request.threads());
        }
        try (Image image = codec.readHeader(stream, arena)) {
          codec.reduce(request.level());
          codec.decode(stream, image);
          if (request.strict()) {
            codec.end(stream);
          }
          return image.samples(request.width(), request.height(), request.components(), request.eightBit(),
              request.threads());
        }
      }
    }
  }
}
