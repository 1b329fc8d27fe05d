package org.weasis.progressive.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.e2e.servers.DicomFiles;
import org.weasis.progressive.e2e.servers.NginxServer;
import org.weasis.progressive.e2e.servers.OrthancServer;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.server.SampleSeries;

/**
 * The real engine, once against each real server, to prove the whole path — metadata, frame URLs,
 * multipart, ranges, decoding — works outside our own test servers.
 */
class EngineAgainstRealServersTest {
  private static final Duration LOAD_DEADLINE = Duration.ofSeconds(60);
  private static final int CHUNK = 4096;

  @TempDir
  Path temp;

  private ProgressiveEngine engine;

  @BeforeEach
  void createEngine() {
    engine = new ProgressiveEngine();
    engine.addDecoder(new UncompressedDecoder());
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void theEngineLoadsAnOrthancSeriesAtFullResolutionPixelExact() throws Exception {
    String study = "1.2.826.0.1.3680043.8.498.3001";
    String series = study + ".1";
    List<DicomFiles.Image> images = DicomFiles.series(study, series, 3, 40, 48);
    try (OrthancServer orthanc = OrthancServer.start()) {
      for (DicomFiles.Image image : images) {
        // Both uncompressed syntaxes: Orthanc labels each frame with the one it stored.
        String syntax = image.instanceNumber() == 2
            ? DicomFiles.IMPLICIT_VR_LITTLE_ENDIAN
            : DicomFiles.EXPLICIT_VR_LITTLE_ENDIAN;
        orthanc.store(DicomFiles.write(temp.resolve(image.instanceNumber() + ".dcm"), image, syntax));
      }
      LoadRecording out = load(SeriesRequest.of(NodeConfig.of(orthanc.baseUrl()), study, series),
          RetrieveConfiguration.single());

      assertTrue(out.errors().isEmpty(), out.errors()::toString);
      assertEquals(3, out.summary().finalImages(), out.summary()::toString);
      for (int i = 0; i < images.size(); i++) {
        DicomFiles.Image image = images.get(i);
        ImageEvent last = out.lastOwn(i);
        assertEquals(image.sopInstanceUid(), last.image().sopInstanceUid());
        assertEquals(ImageQualityStatus.FULL_RESOLUTION, last.status());
        assertEquals(40, last.rows());
        assertEquals(48, last.columns());
        assertArrayEquals(image.pixels(), LoadRecording.samples(last), "pixels of " + image.sopInstanceUid());
      }
    }
  }

  @Test
  void theEngineFetchesEachNginxFrameInTwoRangesAndDownloadsNothingTwice() throws Exception {
    SampleSeries series = SampleSeries.write(temp, "1.2.826.0.1.3680043.8.498.4001",
        "1.2.826.0.1.3680043.8.498.4001.1", 3, 64, 48, 12, false);
    try (NginxServer nginx = NginxServer.serveStaticDicomWeb(temp)) {
      LoadRecording out = load(SeriesRequest.of(NodeConfig.of(nginx.baseUrl()), series.studyUid(),
          series.seriesUid()), byteRanges(CHUNK));

      assertEquals(3, out.summary().finalImages(), out.errors()::toString);
      // A raw frame cannot be decoded from its first chunk: that stage may report it, never for good.
      assertTrue(out.errors().stream().noneMatch(ErrorEvent::permanent), out.errors()::toString);
      for (int i = 0; i < series.size(); i++) {
        ImageEvent last = out.lastOwn(i);
        assertEquals(ImageQualityStatus.FULL_RESOLUTION, last.status());
        assertArrayEquals(series.pixels(i), LoadRecording.samples(last), "pixels of image " + i);
      }

      List<NginxServer.Access> log = nginx.awaitAccessLog(1 + 2 * series.size(), Duration.ofSeconds(10));
      assertEquals("/" + series.seriesPath() + "/metadata", log.get(0).target());
      assertEquals(200, log.get(0).status());
      Map<String, List<NginxServer.Access>> byFrame = framesByTarget(log);
      long mhtBytes = 0;
      long received = 0;
      for (String sop : series.sopInstanceUids()) {
        String target = "/" + series.seriesPath() + "/instances/" + sop + "/frames/1";
        long size = Files.size(temp.resolve(target.substring(1) + ".mht"));
        List<NginxServer.Access> requests = byFrame.getOrDefault(target, List.of());
        assertEquals(List.of("bytes=0-" + (CHUNK - 1), "bytes=" + CHUNK + "-"),
            requests.stream().map(NginxServer.Access::range).toList(), target);
        assertEquals(List.of(206, 206), requests.stream().map(NginxServer.Access::status).toList(), target);
        mhtBytes += size;
        received += requests.stream().mapToLong(NginxServer.Access::bytes).sum();
      }
      assertEquals(mhtBytes, received, "frame bytes sent by nginx = the .mht sizes: nothing sent twice");
      assertEquals(1 + 2 * series.size(), log.size(), "no other request: " + log);
    }
  }

  /** Sequential: the first 4 KiB of every frame, then the rest appended by a second range request. */
  private static RetrieveConfiguration byteRanges(int chunk) {
    return RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", RetrieveOptions.builder().rangeIndex(0).chunkSize(chunk).build(),
        "singleFinal", RetrieveOptions.builder().rangeIndex(-1).build()));
  }

  private static Map<String, List<NginxServer.Access>> framesByTarget(List<NginxServer.Access> log) {
    Map<String, List<NginxServer.Access>> frames = new LinkedHashMap<>();
    for (NginxServer.Access access : log) {
      if (access.target().contains("/frames/")) {
        frames.computeIfAbsent(access.target(), t -> new ArrayList<>()).add(access);
      }
    }
    return frames;
  }

  private LoadRecording load(SeriesRequest request, RetrieveConfiguration configuration) throws Exception {
    return LoadRecording.run(engine, request, configuration, LOAD_DEADLINE);
  }
}
