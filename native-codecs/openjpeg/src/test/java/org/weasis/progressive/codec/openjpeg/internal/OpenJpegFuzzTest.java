package org.weasis.progressive.codec.openjpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.codec.openjpeg.internal.natives.NativeDecodeException;
import org.weasis.progressive.testsupport.codec.FuzzLoop;
import org.weasis.progressive.testsupport.codec.FuzzLoop.Outcome;
import org.weasis.progressive.testsupport.codec.FuzzSeeds;

/** The normal suite's share of fuzzing; OpenJpegFuzz runs the same loop for as long as wanted. */
class OpenJpegFuzzTest {
  private static final int INPUTS = 5_000;

  @Test
  void fiveThousandMutatedFramesEitherDecodeOrThrowTheTypedException(@TempDir Path dir) throws Exception {
    List<FuzzLoop.Seed> seeds = new ArrayList<>(FuzzSeeds.small(dir));
    seeds.addAll(FuzzSeeds.fixtureFrames(RealFixtures.DICOMWEB));

    FuzzLoop.Tally tally = FuzzLoop.run(new OpenJpegDecoder(OpenJpegDecoderTest.library()),
        e -> e.getCause() instanceof NativeDecodeException, seeds, INPUTS, 20_240_601L);
    System.out.println("OpenJPEG fuzz (normal suite): " + tally);

    assertEquals(INPUTS, tally.inputs());
    assertEquals(0, tally.count(Outcome.BUG), () -> String.join("\n", tally.bugs()));
    assertTrue(tally.count(Outcome.REJECTED_BY_LIBRARY) > 0, "some inputs reach OpenJPEG and fail there");
    assertTrue(tally.count(Outcome.DECODED_COMPLETE) + tally.count(Outcome.DECODED_PARTIAL) > INPUTS / 20,
        "mutations that keep the structure still decode");
  }
}
