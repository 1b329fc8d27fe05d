package org.weasis.progressive.testsupport.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
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

/**
 * Feeds mutated codestreams to a decoder and counts what happened; anything but a frame or a
 * DecodeException is a bug, and a crash of the JVM is the bug it exists to find.
 */
public final class FuzzLoop {
  /** A valid frame to mutate. */
  public record Seed(String name, String transferSyntaxUid, PixelDescription target, byte[] data) {}

  public enum Outcome {
    DECODED_COMPLETE,
    DECODED_PARTIAL,
    NOT_DECODABLE_YET,
    /** Refused before any native call (inspector, metadata checks). */
    REJECTED_IN_JAVA,
    /** Refused by the codec's native library itself, cleanly. */
    REJECTED_BY_LIBRARY,
    BUG
  }

  /** Counts per outcome and the first few bugs, each with the input index that reproduces it. */
  public record Tally(int inputs, Map<Outcome, Integer> counts, List<String> bugs) {
    public int count(Outcome outcome) {
      return counts.getOrDefault(outcome, 0);
    }

    @Override
    public String toString() {
      return inputs + " inputs: " + counts;
    }
  }

  private static final int KEPT_BUGS = 20;

  private FuzzLoop() {}

  /**
   * Decodes {@code count} mutations of the seeds.
   *
   * @param byLibrary tells a refusal of the native library from one in Java (a DecodeException's cause)
   */
  public static Tally run(FrameDecoder decoder, Predicate<DecodeException> byLibrary, List<Seed> seeds, int count,
      long seed) {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    List<String> bugs = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      Seed original = seeds.get(random.nextInt(seeds.size()));
      byte[] mutated = Mutator.mutate(original.data(), random);
      int level = random.nextInt(4);
      boolean complete = random.nextBoolean();
      Outcome outcome;
      try {
        outcome = attempt(decoder, byLibrary, original, mutated, level, complete);
      } catch (Throwable t) {
        outcome = Outcome.BUG;
        if (bugs.size() < KEPT_BUGS) {
          bugs.add("input " + i + " (seed " + seed + ", from " + original.name() + "): " + t);
        }
      }
      counts.merge(outcome, 1, Integer::sum);
    }
    return new Tally(count, counts, bugs);
  }

  private static Outcome attempt(FrameDecoder decoder, Predicate<DecodeException> byLibrary, Seed seed, byte[] data,
      int level, boolean complete) {
    DecodeRequest request = new DecodeRequest(seed.transferSyntaxUid(), seed.target(), level, complete);
    ByteBuffer buffer = ByteBuffer.wrap(data);
    try {
      int decodable = decoder.decodableLevel(buffer, request);
      if (decodable < 0 && !complete) {
        return Outcome.NOT_DECODABLE_YET;
      }
      DecodedFrame frame = decoder.decode(buffer, request);
      if (buffer.position() != 0 || buffer.limit() != data.length) {
        throw new AssertionError("the decoder moved the buffer");
      }
      return frame.decodeLevel() == 0 ? Outcome.DECODED_COMPLETE : Outcome.DECODED_PARTIAL;
    } catch (DecodeException e) {
      return byLibrary.test(e) ? Outcome.REJECTED_BY_LIBRARY : Outcome.REJECTED_IN_JAVA;
    }
  }
}
