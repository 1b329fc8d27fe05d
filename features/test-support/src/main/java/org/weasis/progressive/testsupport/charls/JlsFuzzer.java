package org.weasis.progressive.testsupport.charls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.testsupport.charls.ffm.CharlsException;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;

/**
 * Decodes seeded mutations of small JPEG-LS codestreams (made by CharLS) with our Java decoder, to show
 * that none escapes as anything but a {@link DecodeException}, with tallies that show how many got past
 * the header pre-check into the scan decoder.
 */
public final class JlsFuzzer {
  /** What became of one input. */
  public enum Outcome {
    DECODED,
    REFUSED_BY_PRECHECK,
    /** Refused by the Java scan decoder: the headers passed, the entropy-coded data did not. */
    REFUSED_BY_DECODER,
    /** Any other exception, or a raster larger than the image: a bug. */
    UNEXPECTED
  }

  /** How an input was made from a seed. */
  public enum Mutation {
    FLIP_BITS,
    FLIP_HEADER_BITS,
    INSERT_BYTES,
    DELETE_BYTES,
    TRUNCATE,
    TRUNCATE_KEEP_EOI,
    WRITE_MARKER,
    WRITE_EXTREME_HEADER_BYTE,
    /** Zeros make long unary codes, so the decoder meets its largest Golomb parameters. */
    ZERO_SPAN,
    SPLICE_SEEDS
  }

  /**
   * A valid codestream and the image it claims to be.
   *
   * @param name for reports
   * @param data the codestream
   * @param target the request's image description
   */
  public record Seed(String name, byte[] data, PixelDescription target) {}

  /**
   * One mutated input.
   *
   * @param seed what it was made from
   * @param mutation how
   * @param data the bytes
   */
  public record Input(Seed seed, Mutation mutation, byte[] data) {}

  /**
   * The result of a run.
   *
   * @param inputs how many inputs were decoded
   * @param tallies outcome counts per mutation
   * @param comparisons how the decoded inputs compared with CharLS (empty without a reference)
   * @param unexpected the first few unexpected outcomes, described
   */
  public record Report(long inputs, Map<Mutation, Map<Outcome, Long>> tallies,
      Map<CharlsReference.Agreement, Long> comparisons, List<String> unexpected) {
    public long count(Outcome outcome) {
      return tallies.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0L)).sum();
    }

    public long count(CharlsReference.Agreement agreement) {
      return comparisons.getOrDefault(agreement, 0L);
    }

    public String describe() {
      StringBuilder out = new StringBuilder("inputs: " + inputs + "\n");
      for (Outcome outcome : Outcome.values()) {
        out.append(String.format("  %-20s %d%n", outcome, count(outcome)));
      }
      out.append("by mutation (decoded / pre-check / decoder / unexpected):\n");
      tallies.forEach((mutation, counts) -> out.append(String.format("  %-26s %6d %6d %6d %3d%n", mutation,
          counts.getOrDefault(Outcome.DECODED, 0L), counts.getOrDefault(Outcome.REFUSED_BY_PRECHECK, 0L),
          counts.getOrDefault(Outcome.REFUSED_BY_DECODER, 0L), counts.getOrDefault(Outcome.UNEXPECTED, 0L))));
      if (!comparisons.isEmpty()) {
        out.append("decoded inputs compared with CharLS:\n");
        comparisons.forEach((agreement, n) -> out.append(String.format("  %-20s %d%n", agreement, n)));
      }
      unexpected.forEach(u -> out.append("  UNEXPECTED ").append(u).append('\n'));
      return out.toString();
    }
  }

  private static final int HEADER_BYTES = 48;
  private static final int MAX_REPORTED = 20;

  private final FrameDecoder decoder;
  /** Tells a refusal of the scan decoder (the headers passed) from one of the header pre-check. */
  private final Predicate<DecodeException> refusedInScan;
  private final List<Seed> seeds;
  /** Null when decoded inputs are not compared with CharLS. */
  private final CharlsReference reference;

  public JlsFuzzer(FrameDecoder decoder, Predicate<DecodeException> refusedInScan, List<Seed> seeds) {
    this(decoder, refusedInScan, seeds, null);
  }

  /** A fuzzer that also compares every input the decoder decodes with what CharLS makes of it. */
  public JlsFuzzer(FrameDecoder decoder, Predicate<DecodeException> refusedInScan, List<Seed> seeds,
      CharlsReference reference) {
    this.decoder = decoder;
    this.refusedInScan = refusedInScan;
    this.seeds = List.copyOf(seeds);
    this.reference = reference;
  }

  /**
   * 64x64 images of every kind the decoder handles: 2 to 16 bits, signed, colour in each interleave mode,
   * restart intervals.
   */
  public static List<Seed> smallSeeds(CharlsEncoder encoder) throws CharlsException {
    List<Seed> seeds = new ArrayList<>();
    seeds.add(grey(encoder, "8-bit", 8, false, 0));
    seeds.add(grey(encoder, "2-bit", 2, false, 0));
    seeds.add(grey(encoder, "12-bit signed", 12, true, 0));
    seeds.add(grey(encoder, "16-bit", 16, false, 0));
    seeds.add(grey(encoder, "16-bit NEAR 3", 16, false, 3));
    for (InterleaveMode mode : InterleaveMode.values()) {
      seeds.add(colour(encoder, mode));
    }
    seeds.add(new Seed("12-bit, restart every 5 lines",
        RestartIntervals.encode(encoder, pattern(64 * 64, 12, 12), 64, 64, 12, 1, 0, InterleaveMode.NONE, 5),
        PixelDescription.grey(64, 64, 12, false)));
    seeds.add(new Seed("RGB LINE, restart every 7 lines",
        RestartIntervals.encode(encoder, pattern(64 * 64 * 3, 8, 3), 64, 64, 8, 3, 0, InterleaveMode.LINE, 7),
        rgb(64, 64)));
    return seeds;
  }

  private static PixelDescription rgb(int rows, int columns) {
    return new PixelDescription(rows, columns, 3, 8, 8, false, "RGB", 0, 1, 0, null, null);
  }

  private static Seed grey(CharlsEncoder encoder, String name, int bits, boolean signed, int near)
      throws CharlsException {
    short[] samples = pattern(64 * 64, bits, bits);
    byte[] data = encoder.encode(samples, 64, 64, bits, 1, near);
    return new Seed(name, data, PixelDescription.grey(64, 64, bits, signed));
  }

  private static Seed colour(CharlsEncoder encoder, InterleaveMode mode) throws CharlsException {
    short[] wide = pattern(64 * 64 * 3, 8, 3);
    byte[] samples = new byte[wide.length];
    for (int i = 0; i < wide.length; i++) {
      samples[i] = (byte) wide[i];
    }
    byte[] data = encoder.encode(samples, 64, 64, 8, 3, 0, mode);
    return new Seed("RGB " + mode, data, rgb(64, 64));
  }

  /** Gradients with noise: both of JPEG-LS's coding modes (run and regular) appear in the scan. */
  private static short[] pattern(int count, int bits, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int max = (1 << bits) - 1;
    short[] samples = new short[count];
    for (int i = 0; i < count; i++) {
      int value = i % 512 < 128 ? max / 3 : (i * 7 % (max + 1)) + random.nextInt(3);
      samples[i] = (short) Math.min(max, value);
    }
    return samples;
  }

  public Report run(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<Mutation, Map<Outcome, Long>> tallies = new EnumMap<>(Mutation.class);
    Map<CharlsReference.Agreement, Long> comparisons = new EnumMap<>(CharlsReference.Agreement.class);
    List<String> unexpected = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Input input = next(random);
      Outcome outcome = decode(input, unexpected);
      if (outcome == Outcome.DECODED && reference != null) {
        outcome = compare(input, comparisons, unexpected);
      }
      tallies.computeIfAbsent(input.mutation(), m -> new EnumMap<>(Outcome.class)).merge(outcome, 1L, Long::sum);
    }
    return new Report(count, tallies, comparisons, unexpected);
  }

  /** A seed picked at random, mutated at random. */
  public Input next(SplittableRandom random) {
    Seed base = seeds.get(random.nextInt(seeds.size()));
    Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
    return new Input(base, mutation, mutate(base, mutation, random));
  }

  private Outcome decode(Input input, List<String> unexpected) {
    PixelDescription target = input.seed().target();
    try {
      DecodedFrame frame = decoder.decode(ByteBuffer.wrap(input.data()),
          new DecodeRequest(TransferSyntax.JPEG_LS_NEAR_LOSSLESS, target, 0, true));
      if (frame.raster().rows() > target.rows() || frame.raster().columns() > target.columns()) {
        return report(unexpected, input, "raster larger than the image: " + frame.raster().rows() + "x"
            + frame.raster().columns());
      }
      return Outcome.DECODED;
    } catch (DecodeException e) {
      return refusedInScan.test(e) ? Outcome.REFUSED_BY_DECODER : Outcome.REFUSED_BY_PRECHECK;
    } catch (RuntimeException | Error e) {
      return report(unexpected, input, e.toString());
    }
  }

  /** Different samples from CharLS on an input both decode is a bug in one of them. */
  private Outcome compare(Input input, Map<CharlsReference.Agreement, Long> comparisons, List<String> unexpected) {
    CharlsReference.Comparison comparison = reference.compare(decoder, input.data());
    comparisons.merge(comparison.agreement(), 1L, Long::sum);
    if (comparison.agreement() == CharlsReference.Agreement.DIFFERENT) {
      return report(unexpected, input, "CharLS disagrees: " + comparison.detail());
    }
    return Outcome.DECODED;
  }

  private static Outcome report(List<String> unexpected, Input input, String what) {
    if (unexpected.size() < MAX_REPORTED) {
      unexpected.add(input.mutation() + " of " + input.seed().name() + ": " + what);
    }
    return Outcome.UNEXPECTED;
  }

  private byte[] mutate(Seed base, Mutation mutation, SplittableRandom random) {
    byte[] data = base.data();
    return switch (mutation) {
      case FLIP_BITS -> flipBits(data, data.length, 1 + random.nextInt(4), random);
      case FLIP_HEADER_BITS -> flipBits(data, Math.min(HEADER_BYTES, data.length), 1 + random.nextInt(2), random);
      case INSERT_BYTES -> insert(data, random);
      case DELETE_BYTES -> delete(data, random);
      case TRUNCATE -> Arrays.copyOf(data, random.nextInt(data.length));
      case TRUNCATE_KEEP_EOI -> truncateKeepingEnd(data, random);
      case WRITE_MARKER -> writeMarker(data, random);
      case WRITE_EXTREME_HEADER_BYTE -> writeExtreme(data, random);
      case ZERO_SPAN -> zeroSpan(data, random);
      case SPLICE_SEEDS -> splice(data, seeds.get(random.nextInt(seeds.size())).data(), random);
    };
  }

  private static byte[] flipBits(byte[] data, int within, int flips, SplittableRandom random) {
    byte[] out = data.clone();
    for (int i = 0; i < flips; i++) {
      out[random.nextInt(within)] ^= (byte) (1 << random.nextInt(8));
    }
    return out;
  }

  private static byte[] insert(byte[] data, SplittableRandom random) {
    int at = random.nextInt(data.length + 1);
    byte[] extra = new byte[1 + random.nextInt(16)];
    random.nextBytes(extra);
    byte[] out = new byte[data.length + extra.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(data, at, out, at + extra.length, data.length - at);
    return out;
  }

  private static byte[] delete(byte[] data, SplittableRandom random) {
    int at = random.nextInt(data.length);
    int length = Math.min(1 + random.nextInt(16), data.length - at);
    byte[] out = new byte[data.length - length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(data, at + length, out, at, data.length - at - length);
    return out;
  }

  /** A short scan that still ends with EOI gets past the pre-check, so the decoder meets the missing bytes. */
  private static byte[] truncateKeepingEnd(byte[] data, SplittableRandom random) {
    byte[] out = Arrays.copyOf(data, random.nextInt(data.length) + 2);
    out[out.length - 2] = (byte) 0xFF;
    out[out.length - 1] = (byte) 0xD9;
    return out;
  }

  private static byte[] writeMarker(byte[] data, SplittableRandom random) {
    byte[] out = data.clone();
    int at = random.nextInt(data.length - 1);
    out[at] = (byte) 0xFF;
    out[at + 1] = (byte) (0x80 + random.nextInt(0x80));
    return out;
  }

  /** Lengths, sizes, precision, NEAR and ILV are header bytes; their extreme values find edge cases. */
  private static byte[] writeExtreme(byte[] data, SplittableRandom random) {
    byte[] out = data.clone();
    int[] extremes = {0x00, 0x01, 0x02, 0x7F, 0x80, 0xFE, 0xFF};
    out[random.nextInt(Math.min(HEADER_BYTES, data.length))] = (byte) extremes[random.nextInt(extremes.length)];
    return out;
  }

  private static byte[] zeroSpan(byte[] data, SplittableRandom random) {
    byte[] out = data.clone();
    int at = random.nextInt(data.length);
    Arrays.fill(out, at, Math.min(data.length, at + 1 + random.nextInt(48)), (byte) 0);
    return out;
  }

  /** The headers of one seed on the scan of another: plausible headers, wrong data. */
  private static byte[] splice(byte[] data, byte[] other, SplittableRandom random) {
    int cut = random.nextInt(Math.min(HEADER_BYTES, data.length));
    int from = random.nextInt(Math.min(HEADER_BYTES, other.length));
    byte[] out = new byte[cut + other.length - from];
    System.arraycopy(data, 0, out, 0, cut);
    System.arraycopy(other, from, out, cut, other.length - from);
    return out;
  }
}
