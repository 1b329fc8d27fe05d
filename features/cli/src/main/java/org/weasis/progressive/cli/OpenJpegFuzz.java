package org.weasis.progressive.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.weasis.progressive.codec.openjpeg.internal.OpenJpegDecoder;
import org.weasis.progressive.codec.openjpeg.internal.natives.NativeDecodeException;
import org.weasis.progressive.codec.openjpeg.internal.natives.OpenJpeg;
import org.weasis.progressive.testsupport.codec.FuzzLoop;
import org.weasis.progressive.testsupport.codec.FuzzSeeds;

/**
 * Fuzzes the OpenJPEG decoder in this JVM ({@code ./progressive fuzz}). Prints the outcome tallies; returns 1
 * on any outcome other than a frame or a DecodeException (a JVM crash ends it earlier, which is the point).
 */
public final class OpenJpegFuzz {
  private OpenJpegFuzz() {}

  /** Runs the loop and prints the tallies; returns 0, 1 when a bug was seen, 2 without the library. */
  public static int run(int count, long seed, Path staticDicomWebDir) throws Exception {
    OpenJpeg.Availability availability = OpenJpeg.load();
    if (!availability.available()) {
      System.err.println(availability.problem());
      return 2;
    }
    Path dir = Files.createTempDirectory("openjpeg-fuzz");
    List<FuzzLoop.Seed> seeds = new ArrayList<>(FuzzSeeds.small(dir));
    if (staticDicomWebDir != null) {
      seeds.addAll(FuzzSeeds.fixtureFrames(staticDicomWebDir));
    }
    long start = System.nanoTime();
    FuzzLoop.Tally tally = FuzzLoop.run(new OpenJpegDecoder(availability.library()),
        e -> e.getCause() instanceof NativeDecodeException, seeds, count, seed);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("OpenJPEG %s fuzz: %d inputs from %d seeds in %.1f s (seed %d)%n",
        availability.library().version(), tally.inputs(), seeds.size(), seconds, seed);
    for (FuzzLoop.Outcome outcome : FuzzLoop.Outcome.values()) {
      System.out.printf("  %-18s %d%n", outcome, tally.count(outcome));
    }
    tally.bugs().forEach(b -> System.out.println("  BUG " + b));
    return tally.count(FuzzLoop.Outcome.BUG) == 0 ? 0 : 1;
  }
}
