package org.weasis.progressive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;

/** Each row of the bench loads exactly what its name and legend claim. */
class BenchCaseTest {
  private static final Map<String, BenchCase> CASES = java.util.stream.Stream
      .concat(BenchCase.singleImage().stream(), BenchCase.stacks().stream())
      .collect(Collectors.toMap(BenchCase::name, Function.identity()));

  @Test
  void theReferenceComesFirstSoEveryOtherFinalCanBeComparedWithIt() {
    assertEquals(BenchCase.REFERENCE, BenchCase.singleImage().get(0).name());
    assertEquals(List.of("jls-full", "jls-reduced", "htj2k-stream", "htj2k-range", "htj2k-full"),
        BenchCase.singleImage().stream().map(BenchCase::name).toList());
  }

  @Test
  void jlsFullIsOneStageFromTheJlsPath() {
    BenchCase c = CASES.get("jls-full");
    assertEquals(List.of("initialImages"), stageIds(c));
    assertEquals("/jls/", optionsOf(c, 0).framesPath());
    assertEquals(2, c.roundTrips());
    assertFalse(c.progressive());
  }

  @Test
  void jlsReducedShowsTheSubresolutionThumbnailThenTheJlsFrame() {
    BenchCase c = CASES.get("jls-reduced");
    assertEquals(List.of("lossySequential", "finalSequential"), stageIds(c));
    assertEquals("/jlsThumbnail/", optionsOf(c, 0).framesPath());
    assertEquals(ImageQualityStatus.SUBRESOLUTION, optionsOf(c, 0).imageQualityStatus());
    assertEquals("/jls/", optionsOf(c, 1).framesPath());
    assertEquals(List.of(BenchCase.JLS_THUMBNAIL, BenchCase.JLS), List.of(c.firstFrames(), c.finalFrames()));
    assertEquals(3, c.roundTrips());
  }

  @Test
  void htj2kStreamIsOneStreamingRequestForTheWholeFrame() {
    RetrieveOptions o = optionsOf(CASES.get("htj2k-stream"), 0);
    assertTrue(o.isStreaming());
    assertFalse(o.isRange());
    assertNull(o.framesPath());
    assertEquals(2, CASES.get("htj2k-stream").roundTrips());
  }

  @Test
  void htj2kRangeFetchesTheFirst64KiBThenTheRest() {
    BenchCase c = CASES.get("htj2k-range");
    assertEquals(List.of(0, 65536), List.of(optionsOf(c, 0).rangeIndex(), optionsOf(c, 0).chunkSizeOrDefault()));
    assertEquals(-1, optionsOf(c, 1).rangeIndex());
    assertEquals(3, c.roundTrips());
  }

  @Test
  void htj2kFullFetchesTheWholeFrameWithNoProgression() {
    RetrieveOptions o = optionsOf(CASES.get("htj2k-full"), 0);
    assertEquals(RetrieveOptions.DEFAULT, o);
    assertFalse(CASES.get("htj2k-full").progressive());
  }

  @Test
  void theOneImageIsLoadedSequentiallyAndStacksInterleaved() {
    BenchCase.singleImage().forEach(c -> assertEquals("sequential", c.strategy(), c.name()));
    BenchCase.stacks().forEach(c -> assertEquals("interleaved", c.strategy(), c.name()));
  }

  @Test
  void stacksUseTheInterleavedPresetStages() {
    List<String> preset = RetrieveConfiguration.interleaved().stages().stream().map(RetrieveStage::id).toList();
    BenchCase.stacks().forEach(c -> assertEquals(preset, stageIds(c), c.name()));
  }

  @Test
  void stackHtj2kTakesAChunkFirstThenTheRestAndWholeFramesByDefault() {
    RetrieveConfiguration config = CASES.get("stack-htj2k").configuration();
    assertEquals(0, config.optionsFor("multipleFast").rangeIndex());
    assertEquals(BenchCase.STACK_CHUNK, config.optionsFor("multipleFast").chunkSize());
    assertEquals(-1, config.optionsFor("multipleFinal").rangeIndex());
    assertEquals(RetrieveOptions.DEFAULT, config.optionsFor("default"));
  }

  @Test
  void stackJlsTakesThumbnailsFirstAndJlsFramesOtherwise() {
    RetrieveConfiguration config = CASES.get("stack-jls").configuration();
    assertEquals("/jlsThumbnail/", config.optionsFor("multipleFast").framesPath());
    assertEquals(ImageQualityStatus.SUBRESOLUTION, config.optionsFor("multipleFast").imageQualityStatus());
    assertEquals("/jls/", config.optionsFor("multipleFinal").framesPath());
    assertEquals("/jls/", config.optionsFor("default").framesPath());
  }

  private static List<String> stageIds(BenchCase c) {
    return c.configuration().stages().stream().map(RetrieveStage::id).toList();
  }

  private static RetrieveOptions optionsOf(BenchCase c, int stage) {
    return c.configuration().optionsFor(c.configuration().stages().get(stage).retrieveType());
  }
}
