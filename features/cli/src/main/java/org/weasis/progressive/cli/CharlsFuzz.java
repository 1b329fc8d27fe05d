package org.weasis.progressive.cli;

import org.weasis.progressive.codec.charls.internal.JlsDataException;
import org.weasis.progressive.codec.charls.internal.JpegLsFrameDecoder;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.testsupport.charls.CharlsReference;
import org.weasis.progressive.testsupport.charls.JlsFuzzer;
import org.weasis.progressive.testsupport.charls.ffm.CharlsLibrary;

/**
 * Runs the fuzzer on the Java JPEG-LS decoder for long runs outside the test suite; CharLS makes the seeds
 * and decodes every input the Java decoder decodes, which must come out the same.
 */
public final class CharlsFuzz {
  private CharlsFuzz() {}

  /** Runs the loop and prints the tallies; returns 1 when an input had an unexpected outcome. */
  public static int run(int count, long seed) throws Exception {
    CharlsLibrary.Loaded charls = CharlsLibrary.loaded()
        .orElseThrow(() -> new IllegalStateException(CharlsLibrary.failure()));
    JlsFuzzer fuzzer = new JlsFuzzer(new JpegLsFrameDecoder(), e -> e.getCause() instanceof JlsDataException,
        JlsFuzzer.smallSeeds(new CharlsEncoder(charls.bindings())), new CharlsReference(charls.bindings()));
    long start = System.nanoTime();
    JlsFuzzer.Report report = fuzzer.run(count, seed);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("Java JPEG-LS decoder fuzz (seeds from CharLS %s), seed %d, %d ms%n",
        charls.version(), seed, millis);
    System.out.print(report.describe());
    return report.count(JlsFuzzer.Outcome.UNEXPECTED) > 0 ? 1 : 0;
  }
}
