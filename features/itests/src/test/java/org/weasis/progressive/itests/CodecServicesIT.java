package org.weasis.progressive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.fixtures.Fixtures;
import org.weasis.progressive.fixtures.SinglePart;
import org.weasis.progressive.server.StaticDicomWebServer;
import org.weasis.progressive.testsupport.RecordingListener;
import org.weasis.progressive.testsupport.study.StudyWriter;

/**
 * The native codec bundles in Felix: their FrameDecoder services load the embedded libraries through
 * FFM, decode an HTJ2K prefix and a JPEG-LS frame, and drive the byte-range case and an interleaved
 * stack through the retrieval service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CodecServicesIT {
  private static final String FIXTURE_STUDY = "1.2.826.0.1.3680043.8.498.1001";
  private static final String FIXTURE_SERIES = FIXTURE_STUDY + ".1";
  private static final String STACK_STUDY = "1.2.826.0.1.3680043.8.498.9101";
  private static final String STACK_SERIES = STACK_STUDY + ".1";
  private static final int STACK_IMAGES = 16;

  @Inject private BundleContext context;
  @Inject private ProgressiveRetrieveService service;

  @Configuration
  public Option[] configure() throws IOException {
    Path fixtures = Fixtures.dir();
    StaticDicomWebServer fixtureServer = Servers.serve(Fixtures.staticDicomWebTree());
    Path stack = Files.createTempDirectory(Path.of("target"), "stack");
    StudyWriter.write(stack, new StudyWriter.Spec(STACK_STUDY, STACK_SERIES, STACK_IMAGES, 256, 256, 12));
    StaticDicomWebServer stackServer = Servers.serve(stack);
    return options(
        FelixOptions.withBundles("weasis-progressive-codec-openjpeg.jar", "weasis-progressive-codec-charls.jar"),
        systemProperty("progressive.fixtures").value(fixtures.toString()),
        systemProperty("progressive.fixture.url").value(fixtureServer.baseUrl()),
        systemProperty("progressive.stack.url").value(stackServer.baseUrl()));
  }

  @Test
  public void decodesAnHtj2kPrefixAtTheLevelItHoldsThroughTheRegisteredService() throws Exception {
    FrameDecoder decoder = decoderFor("1.2.840.10008.1.2.4.201");
    byte[] codestream = SinglePart.parse(frame("frames")).content();
    PixelDescription target = new PixelDescription(512, 512, 1, 16, 12, false, "MONOCHROME2", 0, 1, -1024, null, null);
    ByteBuffer prefix = ByteBuffer.wrap(codestream, 0, 45_000).slice();
    DecodeRequest partial = new DecodeRequest("1.2.840.10008.1.2.4.201", target, 0, false);
    int level = decoder.decodableLevel(prefix, partial);
    assertEquals("45 kB of this RPCL stream complete the 256x256 level", 1, level);
    DecodedFrame decoded = decoder.decode(prefix, new DecodeRequest("1.2.840.10008.1.2.4.201", target, level, false));
    assertEquals(256, decoded.raster().columns());
    DecodedFrame full = decoder.decode(ByteBuffer.wrap(codestream),
        new DecodeRequest("1.2.840.10008.1.2.4.201", target, 0, true));
    assertEquals(512, full.raster().columns());
    assertTrue(full.lossless());
  }

  @Test
  public void decodesAJpegLsFrameThroughTheRegisteredService() throws Exception {
    FrameDecoder decoder = decoderFor("1.2.840.10008.1.2.4.80");
    byte[] jls = SinglePart.parse(frame("jls")).content();
    PixelDescription target = new PixelDescription(512, 512, 1, 16, 12, false, "MONOCHROME2", 0, 1, -1024, null, null);
    DecodedFrame decoded = decoder.decode(ByteBuffer.wrap(jls),
        new DecodeRequest("1.2.840.10008.1.2.4.81", target, 0, true));
    assertEquals(512, decoded.raster().rows());
    assertTrue("NEAR=0 is lossless whatever the label", decoded.lossless());
  }

  @Test
  public void runsTheByteRangeCaseInsideFelix() throws Exception {
    RetrieveConfiguration config = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", RetrieveOptions.builder().rangeIndex(0).chunkSize(65536).build(),
        "singleFinal", RetrieveOptions.builder().rangeIndex(-1).build()));
    Result r = load(System.getProperty("progressive.fixture.url"), FIXTURE_STUDY, FIXTURE_SERIES, config, "sequential");
    assertEquals(3, r.summary.finalImages());
    for (int i = 0; i < 3; i++) {
      List<ImageEvent> mine = r.of(i);
      assertEquals(2, mine.size());
      assertEquals(ImageQualityStatus.SUBRESOLUTION, mine.get(0).status());
      assertEquals(256, mine.get(0).columns());
      assertEquals(ImageQualityStatus.FULL_RESOLUTION, mine.get(1).status());
    }
  }

  @Test
  public void runsTheInterleavedPresetOverAStackInsideFelix() throws Exception {
    RetrieveConfiguration config = RetrieveConfiguration.interleaved().withRetrieveOptions(Map.of(
        "multipleFast", RetrieveOptions.builder().rangeIndex(0).chunkSize(8192).build(),
        "multipleFinal", RetrieveOptions.builder().rangeIndex(-1).build()));
    Result r = load(System.getProperty("progressive.stack.url"), STACK_STUDY, STACK_SERIES, config, "interleaved");
    assertEquals(STACK_IMAGES, r.summary.finalImages());
    assertTrue("replicates fill neighbours", r.events.stream().anyMatch(ImageEvent::isReplicate));
    List<Integer> initial = RetrieveConfiguration.interleaved().stages().get(0).imageIndices(STACK_IMAGES);
    for (int i = 1; i < STACK_IMAGES; i += 2) {
      if (initial.contains(i)) {
        continue; // initialImages fetch whole frames first
      }
      List<ImageEvent> own = r.of(i).stream().filter(e -> !e.isReplicate()).toList();
      assertEquals("image " + i, ImageQualityStatus.SUBRESOLUTION, own.get(0).status());
      assertEquals(ImageQualityStatus.FULL_RESOLUTION, own.get(own.size() - 1).status());
    }
  }

  private record Result(LoadSummary summary, List<ImageEvent> events) {
    List<ImageEvent> of(int index) {
      return events.stream().filter(e -> e.imageIndex() == index).toList();
    }
  }

  private Result load(String url, String study, String series, RetrieveConfiguration config, String strategy)
      throws Exception {
    RecordingListener listener = new RecordingListener();
    SeriesRequest request = SeriesRequest.of(NodeConfig.of(url), study, series).withStrategy(strategy);
    LoadSummary summary = service.load(request, config, listener).completion().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    assertTrue(listener.errors().toString(), listener.errors().stream().allMatch(e -> !e.permanent()));
    return new Result(summary, listener.images());
  }

  private FrameDecoder decoderFor(String ts) throws Exception {
    Collection<ServiceReference<FrameDecoder>> refs =
        context.getServiceReferences(FrameDecoder.class, "(" + FrameDecoder.TRANSFER_SYNTAX + "=" + ts + ")");
    assertEquals("decoder services for " + ts, 1, refs.size());
    return context.getService(refs.iterator().next());
  }

  private static byte[] frame(String path) throws IOException {
    Path instances = Path.of(System.getProperty("progressive.fixtures"), "static-dicomweb-mkdicomweb", "studies",
        FIXTURE_STUDY, "series", FIXTURE_SERIES, "instances", FIXTURE_SERIES + ".1");
    return Files.readAllBytes(instances.resolve(path).resolve("1.mht"));
  }

  /** Local servers started in the test JVM before the framework, stopped when it exits. */
  static final class Servers {
    static StaticDicomWebServer serve(Path root) throws IOException {
      StaticDicomWebServer server = StaticDicomWebServer.start(root, "127.0.0.1", 0);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-local-dicomweb"));
      return server;
    }
  }
}
