package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.weasis.progressive.codec.charls.internal.ffm.CharlsLibrary;
import org.weasis.progressive.codec.charls.internal.tools.JlsFuzzer;
import org.weasis.progressive.codec.charls.internal.tools.JlsFuzzer.Outcome;

/**
 * Seeded fuzzing in the normal suite: mutated small codestreams either decode or throw DecodeException.
 * A JVM crash fails the build by killing the test fork.
 */
class JlsFuzzTest {
  private static final int INPUTS = 6_000;

  @Test
  void sixThousandMutatedInputsDecodeOrThrowDecodeExceptionAndManyReachCharls() throws Exception {
    CharlsDecoder decoder = new CharlsDecoder(CharlsLibrary.bindings().orElseThrow());
    JlsFuzzer fuzzer = new JlsFuzzer(decoder, JlsFuzzer.smallSeeds(CharlsEncoder.create()));

    JlsFuzzer.Report report = fuzzer.run(INPUTS, 20_260_611);
    System.out.print(report.describe());

    assertEquals(INPUTS, report.inputs());
    assertEquals(0, report.count(Outcome.UNEXPECTED), report.describe());
    assertTrue(report.count(Outcome.REFUSED_BY_CHARLS) > INPUTS / 4, "mutations reach native code");
    assertTrue(report.count(Outcome.REFUSED_BY_PRECHECK) > 0, "the pre-check refuses some");
    assertTrue(report.count(Outcome.DECODED) > 0, "some mutations still decode");
  }
}
