package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.weasis.progressive.api.ImageQualityStatus.ADJACENT_REPLICATE;
import static org.weasis.progressive.api.ImageQualityStatus.FAR_REPLICATE;
import static org.weasis.progressive.api.ImageQualityStatus.FULL_RESOLUTION;
import static org.weasis.progressive.api.ImageQualityStatus.LOSSY;
import static org.weasis.progressive.api.ImageQualityStatus.SUBRESOLUTION;

import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

class GradingTest {
  private static final DecodedFrame LOSSLESS = frame(true);
  private static final DecodedFrame NOT_LOSSLESS = frame(false);

  @Test
  void aDeliveredImageNeverReplacesOneOfStrictlyHigherStatus() {
    assertTrue(Grading.mayReplace(null, FAR_REPLICATE));
    assertTrue(Grading.mayReplace(SUBRESOLUTION, SUBRESOLUTION), "equal replaces");
    assertTrue(Grading.mayReplace(ADJACENT_REPLICATE, LOSSY));
    assertFalse(Grading.mayReplace(FULL_RESOLUTION, LOSSY));
    assertFalse(Grading.mayReplace(SUBRESOLUTION, ADJACENT_REPLICATE));
  }

  @Test
  void completeLosslessFullSizeDataTakesTheStageStatus() {
    assertEquals(FULL_RESOLUTION, Grading.grade(RetrieveOptions.DEFAULT, LOSSLESS, true, 0));
    RetrieveOptions lossyStage = RetrieveOptions.builder().imageQualityStatus(LOSSY).build();
    assertEquals(LOSSY, Grading.grade(lossyStage, LOSSLESS, true, 0));
  }

  @Test
  void partialDataIsNeverFinalEvenIfTheStageSaysFull() {
    assertEquals(SUBRESOLUTION, Grading.grade(RetrieveOptions.DEFAULT, LOSSLESS, false, 2));
    assertEquals(LOSSY, Grading.grade(RetrieveOptions.DEFAULT, LOSSLESS, false, 0));
  }

  @Test
  void reducedOrLossyDecodesAreCappedWhateverTheStageClaims() {
    assertEquals(SUBRESOLUTION, Grading.grade(RetrieveOptions.DEFAULT, LOSSLESS, true, 2));
    assertEquals(LOSSY, Grading.grade(RetrieveOptions.DEFAULT, NOT_LOSSLESS, true, 0));
  }

  @Test
  void completeLossyDataOfASeriesStoredLossyIsFinal() {
    ImageRef stored203 = image(TransferSyntax.HTJ2K);
    assertTrue(Grading.isStoredLossyFinal(stored203, TransferSyntax.HTJ2K, RetrieveOptions.DEFAULT, NOT_LOSSLESS,
        true, 0));
    ImageRef unknown = image(null);
    assertTrue(Grading.isStoredLossyFinal(unknown, TransferSyntax.JPEG_2000, RetrieveOptions.DEFAULT, NOT_LOSSLESS,
        true, 0), "without metadata the answer's syntax tells");
  }

  @Test
  void lossyDataIsNotFinalWhenSomethingBetterMayExist() {
    ImageRef stored203 = image(TransferSyntax.HTJ2K);
    RetrieveOptions alternate = RetrieveOptions.builder().framesPath("/lossy/").build();
    assertFalse(Grading.isStoredLossyFinal(stored203, TransferSyntax.HTJ2K, alternate, NOT_LOSSLESS, true, 0),
        "an alternate path is not the stored image");
    assertFalse(Grading.isStoredLossyFinal(stored203, TransferSyntax.HTJ2K, RetrieveOptions.DEFAULT, NOT_LOSSLESS,
        false, 0), "a prefix");
    assertFalse(Grading.isStoredLossyFinal(stored203, TransferSyntax.HTJ2K, RetrieveOptions.DEFAULT, NOT_LOSSLESS,
        true, 1), "a reduced size");
    ImageRef storedLossless = image(TransferSyntax.HTJ2K_LOSSLESS_RPCL);
    assertFalse(Grading.isStoredLossyFinal(storedLossless, TransferSyntax.JPEG_2000, RetrieveOptions.DEFAULT,
        NOT_LOSSLESS, true, 0), "the server transcoded a lossless original");
    ImageRef near0 = image(TransferSyntax.JPEG_LS_NEAR_LOSSLESS);
    assertFalse(Grading.isStoredLossyFinal(near0, TransferSyntax.JPEG_LS_NEAR_LOSSLESS, RetrieveOptions.DEFAULT,
        LOSSLESS, true, 0), "a .81 frame with NEAR 0 is lossless: FULL_RESOLUTION, not LOSSY");
  }

  @Test
  void effectiveLevelComesFromTheRasterSize() {
    PixelDescription full = PixelDescription.grey(512, 512, 12, false);
    assertEquals(0, Grading.effectiveLevel(full, 512, 512));
    assertEquals(2, Grading.effectiveLevel(full, 128, 128));
    PixelDescription odd = PixelDescription.grey(3036, 3035, 16, false);
    assertEquals(3, Grading.effectiveLevel(odd, 380, 380));
  }

  private static ImageRef image(String transferSyntax) {
    return new ImageRef("1", "1.1", "1.1.1", 1, "http://127.0.0.1:1/frames", transferSyntax, 1,
        PixelDescription.grey(4, 4, 12, false));
  }

  private static DecodedFrame frame(boolean lossless) {
    return new DecodedFrame(new Raster(1, 1, 1, ShortBuffer.allocate(1)), 0, lossless);
  }
}
