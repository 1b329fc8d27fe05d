package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.testsupport.charls.ffm.CharlsLibrary;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;
import org.weasis.progressive.testsupport.charls.CharlsReference;
import org.weasis.progressive.testsupport.charls.CharlsReference.Agreement;
import org.weasis.progressive.testsupport.charls.JlsFuzzer;
import org.weasis.progressive.testsupport.charls.JlsFuzzer.Outcome;
import org.weasis.progressive.testsupport.charls.RestartIntervals;

/**
 * The Java decoder against CharLS on the same bytes: every image CharLS encodes (2 to 16 bits, grey and
 * colour in each interleave mode, several NEAR, restart intervals) and the mutations of them that the
 * Java decoder accepts must decode to the same samples in both. Mutations the Java decoder refuses are not
 * given to CharLS: they are the ones that could abort it. Nor are those whose LSE sets a MAXVAL below
 * 2^P - 1, which CharLS 2.4 ignores (it gives 65535 where MAXVAL is 65534).
 */
class CharlsDifferentialTest {
  private static final CharlsEncoder ENCODER = CharlsEncoder.create();
  private static final CharlsReference CHARLS = new CharlsReference(CharlsLibrary.bindings().orElseThrow());
  private static final JpegLsFrameDecoder DECODER = new JpegLsFrameDecoder();
  private static final int MUTATIONS = 20_000;

  /**
   * A codestream and what it holds.
   *
   * @param name for messages
   * @param data the codestream
   */
  private record Encoded(String name, byte[] data) {}

  @Test
  void everyImageCharlsEncodesDecodesToTheSameSamplesInJava() throws Exception {
    List<Encoded> images = encoderMade();

    for (Encoded image : images) {
      CharlsReference.Comparison comparison = CHARLS.compare(DECODER, image.data());
      assertEquals(Agreement.SAME_SAMPLES, comparison.agreement(), image.name() + ": " + comparison.detail());
    }
    assertTrue(images.size() >= 140, images.size() + " images compared");
  }

  @Test
  void mutationsTheJavaDecoderAcceptsDecodeToTheSameSamplesInCharls() throws Exception {
    List<JlsFuzzer.Seed> seeds = new ArrayList<>(JlsFuzzer.smallSeeds(ENCODER));
    seeds.add(new JlsFuzzer.Seed("16-bit blocks, restart every 9 lines", RestartIntervals.encode(ENCODER,
        TestImage.blocks(70, 64, 64, 1, 16).shorts(), 64, 64, 16, 1, 0, InterleaveMode.NONE, 9),
        PixelDescription.grey(64, 64, 16, false)));
    JlsFuzzer fuzzer = new JlsFuzzer(DECODER, e -> e.getCause() instanceof JlsDataException, seeds, CHARLS);

    JlsFuzzer.Report report = fuzzer.run(MUTATIONS, 14_495);
    System.out.print(report.describe());

    assertEquals(0, report.count(Outcome.UNEXPECTED), report.describe());
    assertEquals(0, report.count(Agreement.DIFFERENT), report.describe());
    assertEquals(0, report.count(Agreement.REFUSED_BY_CHARLS), "CharLS refuses what Java decodes: " + report.describe());
    assertTrue(report.count(Agreement.SAME_SAMPLES) >= 300, report.count(Agreement.SAME_SAMPLES) + " compared");
  }

  /** Gradients with noise and flat blocks, lossless and near-lossless, in every layout CharLS writes. */
  private static List<Encoded> encoderMade() throws Exception {
    List<Encoded> images = new ArrayList<>();
    for (int bits = 2; bits <= 16; bits++) {
      int largestNear = Math.min(255, ((1 << bits) - 1) / 2);
      for (int near : IntStream.of(0, 1, 3, largestNear).filter(n -> n <= largestNear).distinct().toArray()) {
        add(images, TestImage.generate(bits * 100 + near, 45, 23, 1, bits, false), near, InterleaveMode.NONE);
        add(images, TestImage.blocks(bits * 100 + near, 45, 23, 1, bits), near, InterleaveMode.NONE);
      }
      if (bits % 3 == 2 || bits == 16) {
        for (InterleaveMode mode : InterleaveMode.values()) {
          add(images, TestImage.generate(bits, 31, 19, 3, bits, false), 0, mode);
          add(images, TestImage.blocks(bits, 31, 19, 3, bits), Math.min(2, largestNear), mode);
        }
      }
    }
    int[] flat = new int[2 * 40_000];
    flat[12_345] = 4095;
    flat[39_999] = 7;
    flat[70_000] = 1;
    add(images, new TestImage(PixelDescription.grey(2, 40_000, 12, false), flat), 0, InterleaveMode.NONE);
    add(images, TestImage.generate(81, 1, 1, 1, 16, false), 0, InterleaveMode.NONE);
    add(images, TestImage.generate(82, 1, 57, 3, 8, false), 0, InterleaveMode.SAMPLE);
    for (int interval : new int[] {1, 4, 9}) {
      TestImage grey = TestImage.generate(83, 33, 27, 1, 16, false);
      images.add(new Encoded(grey + " restart " + interval, RestartIntervals.encode(ENCODER, grey.shorts(),
          33, 27, 16, 1, 0, InterleaveMode.NONE, interval)));
      for (InterleaveMode mode : InterleaveMode.values()) {
        TestImage colour = TestImage.blocks(84, 33, 27, 3, 8);
        images.add(new Encoded(colour + " " + mode + " restart " + interval, RestartIntervals.encode(ENCODER,
            colour.shorts(), 33, 27, 8, 3, 1, mode, interval)));
      }
    }
    return images;
  }

  private static void add(List<Encoded> images, TestImage image, int near, InterleaveMode mode) throws Exception {
    InterleaveMode used = image.components() == 1 ? InterleaveMode.NONE : mode;
    byte[] data = ENCODER.encode(image.shorts(), image.columns(), image.rows(), image.bitsStored(),
        image.components(), near, used);
    images.add(new Encoded(image + " NEAR " + near + " " + used, data));
  }
}
