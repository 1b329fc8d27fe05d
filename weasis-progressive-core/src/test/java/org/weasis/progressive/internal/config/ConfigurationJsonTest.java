package org.weasis.progressive.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NearbyFrame;
import org.weasis.progressive.api.RequestType;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;

class ConfigurationJsonTest {

  @Test
  void presetsSurviveAJsonRoundTrip() {
    for (String name : List.of("single", "sequential", "interleaved")) {
      RetrieveConfiguration preset = RetrieveConfiguration.preset(name);
      assertEquals(preset, RetrieveConfiguration.fromJson(preset.toJson()), name);
    }
  }

  @Test
  void interleavedPresetMatchesCornerstoneStageByStage() {
    List<RetrieveStage> s = RetrieveConfiguration.interleaved().stages();
    assertEquals(List.of("initialImages", "quarterThumb", "halfThumb", "quarterFull", "halfFull",
        "threeQuarterFull", "finalFull", "errorRetrieve"), s.stream().map(RetrieveStage::id).toList());
    assertEquals(List.of(0.5, 0.0, -1.0), s.get(0).positions());
    assertEquals(RequestType.THUMBNAIL, s.get(0).requestType());
    assertEquals(5, s.get(0).priority());
    assertEquals(List.of(new NearbyFrame(-1, ImageQualityStatus.ADJACENT_REPLICATE),
        new NearbyFrame(1, ImageQualityStatus.ADJACENT_REPLICATE),
        new NearbyFrame(2, ImageQualityStatus.FAR_REPLICATE)), s.get(1).nearbyFrames());
    assertEquals(List.of(4, 3, 6, "multipleFast"),
        List.of(s.get(1).decimate(), s.get(1).offset(), s.get(1).priority(), s.get(1).retrieveType()));
    assertEquals(List.of(4, 1, 7), List.of(s.get(2).decimate(), s.get(2).offset(), s.get(2).priority()));
    assertEquals(List.of(4, 2, 8, "multipleFinal"),
        List.of(s.get(3).decimate(), s.get(3).offset(), s.get(3).priority(), s.get(3).retrieveType()));
    assertEquals(List.of(4, 0, 9), List.of(s.get(4).decimate(), s.get(4).offset(), s.get(4).priority()));
    assertEquals(List.of(4, 1, 10), List.of(s.get(5).decimate(), s.get(5).offset(), s.get(5).priority()));
    assertEquals(List.of(4, 3, 11), List.of(s.get(6).decimate(), s.get(6).offset(), s.get(6).priority()));
    RetrieveStage retry = s.get(7);
    assertEquals(List.of("default", RequestType.INTERACTION, -5, 1),
        List.of(retry.retrieveType(), retry.requestType(), retry.priority(), retry.decimate()));
    assertTrue(s.get(3).nearbyFrames().isEmpty());
  }

  @Test
  void readsCornerstoneByteRangeConfigurationAsIs() {
    String json = """
        {
          "stages": [
            {"id": "lossySequential", "retrieveType": "singleFast"},
            {"id": "finalSequential", "retrieveType": "singleFinal"}
          ],
          "retrieveOptions": {
            "singleFast": {"rangeIndex": 0, "chunkSize": 65536, "decodeLevel": 3,
                           "imageQualityStatus": 6, "isLossy": true},
            "singleFinal": {"rangeIndex": -1}
          }
        }""";
    RetrieveConfiguration c = RetrieveConfiguration.fromJson(json);
    RetrieveOptions fast = c.optionsFor("singleFast");
    assertEquals(0, fast.rangeIndex());
    assertEquals(65536, fast.chunkSize());
    assertEquals(3, fast.decodeLevel());
    assertEquals(ImageQualityStatus.SUBRESOLUTION, fast.imageQualityStatus());
    assertEquals(-1, c.optionsFor("singleFinal").rangeIndex());
    assertEquals(RetrieveStage.DEFAULT_PRIORITY, c.stages().get(0).priority());
    assertEquals(c, RetrieveConfiguration.fromJson(c.toJson()));
  }

  @Test
  void readsCornerstoneStreamingAndAlternatePathConfigurations() {
    String json = """
        {"stages": [{"id": "initialImages", "retrieveType": "single"}],
         "retrieveOptions": {
           "single": {"streaming": true, "urlArguments": "quality=lossless"},
           "singleFast": {"framesPath": "/jlsThumbnail/", "imageQualityStatus": "SUBRESOLUTION"},
           "singleFinal": {"framesPath": "/jls/", "imageQualityStatus": "full-resolution"}
         }}""";
    RetrieveConfiguration c = RetrieveConfiguration.fromJson(json);
    assertTrue(c.optionsFor("single").isStreaming());
    assertEquals("quality=lossless", c.optionsFor("single").urlArguments());
    assertEquals("/jlsThumbnail/", c.optionsFor("singleFast").framesPath());
    assertEquals(ImageQualityStatus.SUBRESOLUTION, c.optionsFor("singleFast").imageQualityStatus());
    assertEquals(ImageQualityStatus.FULL_RESOLUTION, c.optionsFor("singleFinal").imageQualityStatus());
    assertEquals(c, RetrieveConfiguration.fromJson(c.toJson()));
  }

  @Test
  void writesQualityStatusAsCornerstoneNumbers() {
    RetrieveConfiguration c = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", RetrieveOptions.builder()
            .framesPath("/jlsThumbnail/")
            .imageQualityStatus(ImageQualityStatus.SUBRESOLUTION)
            .build()));
    assertTrue(c.toJson().contains("\"imageQualityStatus\" : 6"), c.toJson());
  }

  @Test
  void perTransferSyntaxOptionsOverrideOnlyWhatTheySet() {
    String json = """
        {"stages": [{"id": "s", "retrieveType": "singleFast"}],
         "retrieveOptions": {"singleFast": {"rangeIndex": 0, "decodeLevel": 2,
           "transferSyntaxes": {
             "1.2.840.10008.1.2.4.80": {"framesPath": "/jlsThumbnail/", "rangeIndex": null}
           }}}}""";
    RetrieveConfiguration c = RetrieveConfiguration.fromJson(json);
    RetrieveOptions htj2k = c.optionsFor("singleFast").forTransferSyntax("1.2.840.10008.1.2.4.201");
    RetrieveOptions jls = c.optionsFor("singleFast").forTransferSyntax("1.2.840.10008.1.2.4.80");
    assertEquals(0, htj2k.rangeIndex());
    assertNull(htj2k.framesPath());
    assertEquals("/jlsThumbnail/", jls.framesPath());
    assertEquals(2, jls.decodeLevel());
    assertEquals(c, RetrieveConfiguration.fromJson(c.toJson()));
  }

  @Test
  void missingRetrieveTypeFallsBackToDefaultThenToNothingSet() {
    RetrieveConfiguration c = RetrieveConfiguration.fromJson("""
        {"stages": [{"id": "a"}], "retrieveOptions": {"default": {"streaming": true}}}""");
    assertTrue(c.optionsFor("singleFast").isStreaming());
    assertEquals(RetrieveOptions.DEFAULT, RetrieveConfiguration.single().optionsFor("single"));
  }

  @Test
  void aConfigurationWithoutStagesLoadsLikeACornerstoneStack() {
    // stackProgressive's "JLS Thumbnail": no stages, so its one stage asks for "single", which falls back
    // to "default".
    RetrieveConfiguration c = RetrieveConfiguration.fromJson("""
        {"retrieveOptions": {"default": {"framesPath": "/jlsThumbnail/"}}}""");
    assertEquals(RetrieveConfiguration.single().stages(), c.stages());
    assertEquals("/jlsThumbnail/", c.optionsFor(c.stages().getFirst().retrieveType()).framesPath());
    assertEquals(RetrieveConfiguration.single(), RetrieveConfiguration.fromJson("{}"));
    assertEquals(c, RetrieveConfiguration.fromJson(c.toJson()));
  }

  @Test
  void initialChunkSizeAndStatusAreTheOtherNamesOfChunkSizeAndImageQualityStatus() {
    RetrieveConfiguration c = RetrieveConfiguration.fromJson("""
        {"retrieveOptions": {
          "single": {"rangeIndex": 0, "initialChunkSize": 131072, "status": "LOSSY"},
          "both": {"chunkSize": 4096, "initialChunkSize": 4096, "status": 7, "imageQualityStatus": "LOSSY"},
          "stream": {"streaming": true, "minChunkSize": 65536}}}""");
    assertEquals(131072, c.optionsFor("single").chunkSize());
    assertEquals(ImageQualityStatus.LOSSY, c.optionsFor("single").imageQualityStatus());
    assertEquals(4096, c.optionsFor("both").chunkSize());
    assertTrue(c.optionsFor("stream").isStreaming(), "minChunkSize is accepted and ignored");
    assertEquals(c, RetrieveConfiguration.fromJson(c.toJson()));
    assertError("retrieveOptions.a.initialChunkSize = 8192: differs from chunkSize = 4096", """
        {"retrieveOptions": {"a": {"chunkSize": 4096, "initialChunkSize": 8192}}}""");
    assertError("retrieveOptions.a.status = ", """
        {"retrieveOptions": {"a": {"imageQualityStatus": 8, "status": 6}}}""");
  }

  @Test
  void aRangeRequestIsNotStreamedAsInCornerstone() {
    RetrieveOptions both = RetrieveConfiguration.fromJson("""
        {"retrieveOptions": {"default": {"streaming": true, "rangeIndex": 0}}}""").optionsFor("single");
    assertTrue(both.isRange());
    assertFalse(both.isStreaming());
  }

  @Test
  void framesPathMayCarryAQueryAsCornerstonesJpipExampleDoes() {
    RetrieveConfiguration c = RetrieveConfiguration.fromJson("""
        {"retrieveOptions": {"default": {"imageQualityStatus": 6, "framesPath": "/jpip?target=",
                                         "urlArguments": "fsiz=128,128"}}}""");
    assertEquals("/jpip?target=", c.optionsFor("single").framesPath());
  }

  @Test
  void aNearbyFrameWithoutStatusIsTheLowestPlaceholder() {
    RetrieveConfiguration c = RetrieveConfiguration.fromJson("""
        {"stages": [{"id": "a", "nearbyFrames": [{"offset": 1}]}]}""");
    assertEquals(List.of(new NearbyFrame(1, ImageQualityStatus.FAR_REPLICATE)), c.stages().getFirst().nearbyFrames());
  }

  @Test
  void cornerstonesComputeQueueIsThePrefetchQueue() {
    RetrieveConfiguration c = RetrieveConfiguration.fromJson("""
        {"stages": [{"id": "a", "requestType": "compute"}]}""");
    assertEquals(RequestType.PREFETCH, c.stages().getFirst().requestType());
  }

  @Test
  void aKeyCornerstoneDoesNotHaveIsStillAnErrorNamingIt() {
    assertError("retrieveOptions.default.initialChunk = 1: unknown key", """
        {"retrieveOptions": {"default": {"initialChunk": 1}}}""");
    assertError("stages[0].decodeLevel = 1: unknown key", """
        {"stages": [{"id": "a", "decodeLevel": 1}]}""");
    assertError("create = \"x\": unknown key", """
        {"create": "x"}""");
  }

  @Test
  void errorsNameTheKeyAndTheValue() {
    assertError("stages[1].decimate = 0", """
        {"stages": [{"id": "a"}, {"id": "b", "decimate": 0}]}""");
    assertError("retrieveOptions.fast.imageQualityStatus = 5", """
        {"stages": [{"id": "a"}], "retrieveOptions": {"fast": {"imageQualityStatus": 5}}}""");
    assertError("retrieveOptions.fast.imageQualityStatus = \"BLURRY\"", """
        {"stages": [{"id": "a"}], "retrieveOptions": {"fast": {"imageQualityStatus": "BLURRY"}}}""");
    assertError("retrieveOptions.fast.rangIndex = 0: unknown key", """
        {"stages": [{"id": "a"}], "retrieveOptions": {"fast": {"rangIndex": 0}}}""");
    assertError("stages[0].requestType = \"urgent\"", """
        {"stages": [{"id": "a", "requestType": "urgent"}]}""");
    assertError("retrieveOptions.fast.framesPath = \"jls\"", """
        {"stages": [{"id": "a"}], "retrieveOptions": {"fast": {"framesPath": "jls"}}}""");
    assertError("stages[0].positions[1] = \"x\"", """
        {"stages": [{"id": "a", "positions": [0, "x"]}]}""");
    assertError("stages[1].id = \"a\"", """
        {"stages": [{"id": "a"}, {"id": "a"}]}""");
    assertError("stages = []", """
        {"stages": []}""");
    assertError("json = \"{not json\"", "{not json");
  }

  private static void assertError(String expectedStart, String json) {
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> RetrieveConfiguration.fromJson(json));
    assertTrue(e.getMessage().startsWith(expectedStart), () -> "message was: " + e.getMessage());
  }
}
