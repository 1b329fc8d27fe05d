package org.weasis.progressive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveConfigurationCodec;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.node.NodeQueries;
import org.weasis.progressive.server.SampleSeries;
import org.weasis.progressive.server.StaticDicomWebServer;
import org.weasis.progressive.testsupport.RecordingListener;

/**
 * The core bundle in Felix 7.0.5 + SCR + ConfigAdmin: its services are registered, a series
 * served over HTTP loads through the service with images delivered in quality order, and a host's own
 * JSON read goes through the node queries service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreServicesIT {
  static final String STUDY = "1.2.826.0.1.3680043.8.498.9001";
  static final String SERIES = STUDY + ".1";
  static final int IMAGES = 6;

  @Inject private BundleContext context;
  @Inject private ProgressiveRetrieveService service;
  @Inject private NodeQueries queries;

  /** Runs outside the framework, before it starts: the local server lives in the test JVM. */
  @Configuration
  public Option[] configure() throws IOException {
    StaticDicomWebServer server = LocalServer.start();
    return options(
        FelixOptions.withBundles(),
        systemProperty("progressive.test.url").value(server.baseUrl()));
  }

  @Test
  public void theCoreBundleExportsOnlyItsVersionedApi() {
    Bundle core = bundle("org.weasis.progressive.core");
    assertEquals(Bundle.ACTIVE, core.getState());
    String exports = core.getHeaders().get("Export-Package");
    assertEquals(
        "org.weasis.progressive.api;version=\"3.1.0\";uses:=\"org.weasis.progressive.api.decoder\","
            + "org.weasis.progressive.api.decoder;version=\"1.0.0\","
            + "org.weasis.progressive.api.node;version=\"2.1.0\";uses:=\"org.weasis.progressive.api\"",
        exports);
  }

  @Test
  public void theApiFindsTheCoresJsonCodecThroughTheBundleClassLoader() {
    RetrieveConfiguration interleaved = RetrieveConfiguration.interleaved();
    assertEquals(interleaved, RetrieveConfiguration.fromJson(interleaved.toJson()));
    assertEquals(bundle("org.weasis.progressive.core"),
        FrameworkUtil.getBundle(RetrieveConfigurationCodec.json().getClass()));
  }

  @Test
  public void strategiesAndTheUncompressedDecoderAreRegisteredServices() throws Exception {
    List<String> names = new ArrayList<>();
    for (ServiceReference<SeriesLoadingStrategy> ref : context.getServiceReferences(SeriesLoadingStrategy.class, null)) {
      names.add((String) ref.getProperty(SeriesLoadingStrategy.NAME));
    }
    names.sort(null);
    assertEquals(List.of("interleaved", "nearest", "sequential"), names);
    Collection<ServiceReference<FrameDecoder>> decoders = context.getServiceReferences(FrameDecoder.class,
        "(" + FrameDecoder.TRANSFER_SYNTAX + "=1.2.840.10008.1.2.1)");
    assertEquals(1, decoders.size());
  }

  @Test
  public void loadsASeriesThroughTheServiceWithTheSequentialPresetInQualityOrder() throws Exception {
    String url = System.getProperty("progressive.test.url");
    RetrieveOptions thumbnails = RetrieveOptions.builder()
        .framesPath("/" + SampleSeries.THUMBNAIL_PATH + "/")
        .decodeLevel(2)
        .imageQualityStatus(ImageQualityStatus.SUBRESOLUTION)
        .build();
    RetrieveConfiguration sequential = RetrieveConfiguration.sequential()
        .withRetrieveOptions(Map.of("singleFast", thumbnails));
    RecordingListener listener = new RecordingListener();
    SeriesRequest request = SeriesRequest.of(NodeConfig.of(url), STUDY, SERIES).withStrategy("sequential");
    LoadSummary summary = service.load(request, sequential, listener).completion().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    assertTrue(listener.errors().toString(), listener.errors().isEmpty());
    assertEquals(IMAGES, summary.finalImages());
    for (int i = 0; i < IMAGES; i++) {
      List<ImageEvent> mine = new ArrayList<>();
      for (ImageEvent e : listener.images()) {
        if (e.imageIndex() == i) {
          mine.add(e);
        }
      }
      assertEquals("image " + i + " versions", 2, mine.size());
      assertEquals(ImageQualityStatus.SUBRESOLUTION, mine.get(0).status());
      assertEquals(64, mine.get(0).columns());
      assertEquals("lossySequential", mine.get(0).stageId());
      assertEquals(ImageQualityStatus.FULL_RESOLUTION, mine.get(1).status());
      assertEquals(256, mine.get(1).columns());
      assertEquals("finalSequential", mine.get(1).stageId());
      assertNotNull(mine.get(1).raster());
    }
  }

  /** What a host such as the Weasis binding reads itself, through the node's client: here gzip'd on disk. */
  @Test
  public void theNodeQueriesServiceReadsAStudysSeriesListThroughTheNodesClient() throws Exception {
    String url = System.getProperty("progressive.test.url");
    String json = new String(queries.getJson(NodeConfig.of(url), "/studies/" + STUDY + "/series"),
        StandardCharsets.UTF_8);
    assertTrue(json, json.startsWith("[") && json.contains("\"" + SERIES + "\""));
  }

  private Bundle bundle(String symbolicName) {
    for (Bundle b : context.getBundles()) {
      if (symbolicName.equals(b.getSymbolicName())) {
        return b;
      }
    }
    throw new AssertionError("bundle " + symbolicName + " not installed");
  }

  /** The sample series on a local server, started once per JVM and stopped when it exits. */
  static final class LocalServer {
    private static StaticDicomWebServer server;

    static synchronized StaticDicomWebServer start() throws IOException {
      if (server == null) {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("paxexam.workdir", "target")).getParent(), "series");
        SampleSeries.write(dir, STUDY, SERIES, IMAGES, 256, 256, 12, false);
        server = StaticDicomWebServer.start(dir, "127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-local-dicomweb"));
      }
      return server;
    }
  }
}
