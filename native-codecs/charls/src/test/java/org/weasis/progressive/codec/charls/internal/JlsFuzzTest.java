package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.testsupport.charls.JlsFuzzer;
import org.weasis.progressive.testsupport.charls.JlsFuzzer.Outcome;

/**
 * Seeded fuzzing of the Java decoder in the normal suite: mutated small codestreams either decode or throw
 * DecodeException, never another exception, an endless loop or a raster larger than the image.
 */
class JlsFuzzTest {
  private static final int INPUTS = 6_000;

  @Test
  void sixThousandMutatedInputsDecodeOrThrowDecodeExceptionAndManyReachTheScanDecoder() throws Exception {
    JpegLsFrameDecoder decoder = new JpegLsFrameDecoder();
    JlsFuzzer fuzzer = new JlsFuzzer(decoder, e -> e.getCause() instanceof JlsDataException,
        JlsFuzzer.smallSeeds(CharlsEncoder.create()));

    JlsFuzzer.Report report = fuzzer.run(INPUTS, 20_260_611);
    System.out.print(report.describe());

    assertEquals(INPUTS, report.inputs());
    assertEquals(0, report.count(Outcome.UNEXPECTED), report.describe());
    assertTrue(report.count(Outcome.REFUSED_BY_DECODER) > INPUTS / 4, "mutations get past the header pre-check");
    assertTrue(report.count(Outcome.REFUSED_BY_PRECHECK) > 0, "the pre-check refuses some");
    assertTrue(report.count(Outcome.DECODED) > 0, "some mutations still decode");
  }
}
