package org.weasis.progressive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.fixtures.Fixtures;
import org.weasis.progressive.server.StaticDicomWebServer;
import org.weasis.progressive.testsupport.RecordingListener;

/**
 * The decoder whiteboard as OSGi means it: a host replaces a codec by registering a higher-ranked
 * {@link FrameDecoder} for the same transfer syntax, and the engine and OpenJPEG have designated
 * configurations that any console can describe (Metatype) and change (ConfigAdmin).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DecoderChoiceIT {
  private static final String HTJ2K = "1.2.840.10008.1.2.4.201";
  private static final String ENGINE_PID = "org.weasis.progressive.engine";
  private static final String OPENJPEG_PID = "org.weasis.progressive.codec.openjpeg";
  private static final long DEADLINE_MS = 30_000;

  @Inject private BundleContext context;
  @Inject private ConfigurationAdmin admin;
  @Inject private MetaTypeService metatype;

  @Configuration
  public Option[] configure() throws Exception {
    // The fixture series: three HTJ2K (.201) frames, which the OpenJPEG bundle decodes.
    StaticDicomWebServer server = CodecServicesIT.Servers.serve(Fixtures.staticDicomWebTree());
    return options(
        FelixOptions.withBundles("org.apache.felix.metatype.jar", "weasis-progressive-codec-openjpeg.jar"),
        systemProperty("progressive.fixture.url").value(server.baseUrl()));
  }

  @Test
  public void aHigherRankedDecoderRegisteredByTheHostDecodesTheFramesAndTheCodecTakesOverWhenItGoes()
      throws Exception {
    CountingDecoder host = new CountingDecoder(openJpeg());
    ServiceRegistration<FrameDecoder> registration = register(host, 100);
    try {
      assertEquals(3, load(retrieval()).finalImages());
      assertTrue("the engine decoded with the host's decoder", host.decodes.get() >= 3);
    } finally {
      registration.unregister();
    }
    int decodesBefore = host.decodes.get();

    assertEquals(3, load(retrieval()).finalImages());
    assertEquals("once unregistered, the codec bundle's decoder is used", decodesBefore, host.decodes.get());
  }

  @Test
  public void aLowerRankedDecoderIsNotUsedEvenWhenRegisteredLater() throws Exception {
    CountingDecoder fallback = new CountingDecoder(openJpeg());
    ServiceRegistration<FrameDecoder> registration = register(fallback, -10);
    try {
      assertEquals(3, load(retrieval()).finalImages());
      assertEquals(0, fallback.decodes.get());
    } finally {
      registration.unregister();
    }
  }

  @Test
  public void theEngineThreadCountIsADesignatedConfiguration() throws Exception {
    ObjectClassDefinition ocd = ocd("org.weasis.progressive.core", ENGINE_PID);
    assertEquals("24", attributes(ocd).get("threads").getDefaultValue()[0]);
    load(retrieval());
    assertTrue("by default several workers run a load's requests", liveWorkers() > 1);

    long before = serviceId(ProgressiveRetrieveService.class, null);
    org.osgi.service.cm.Configuration config = admin.getConfiguration(ENGINE_PID, "?");
    long configured = before;
    try {
      config.update(new Hashtable<>(Map.of("threads", 1)));
      configured = awaitOtherService(ProgressiveRetrieveService.class, null, before);
      assertNotEquals(before, configured);

      assertEquals(3, load(retrieval()).finalImages());
      assertEquals("threads = 1: one worker", 1, liveWorkers());
    } finally {
      config.delete();
      // DS re-registers the service asynchronously: the next test must find it back.
      awaitOtherService(ProgressiveRetrieveService.class, null, configured);
    }
  }

  @Test
  public void openJpegThreadsAreADesignatedConfigurationThatReRegistersTheDecoder() throws Exception {
    ObjectClassDefinition ocd = ocd("org.weasis.progressive.codec.openjpeg", OPENJPEG_PID);
    assertEquals("0", attributes(ocd).get("threads").getDefaultValue()[0]);
    String filter = "(" + FrameDecoder.TRANSFER_SYNTAX + "=" + HTJ2K + ")";
    long before = serviceId(FrameDecoder.class, filter);

    org.osgi.service.cm.Configuration config = admin.getConfiguration(OPENJPEG_PID, "?");
    long configured = before;
    try {
      config.update(new Hashtable<>(Map.of("threads", 2)));
      configured = awaitOtherService(FrameDecoder.class, filter, before);

      assertEquals(3, load(retrieval()).finalImages());
    } finally {
      config.delete();
      awaitOtherService(FrameDecoder.class, filter, configured);
    }
  }

  /** Delegates to the codec's decoder and counts full decodes. */
  private static final class CountingDecoder implements FrameDecoder {
    final AtomicInteger decodes = new AtomicInteger();
    private final FrameDecoder codec;

    CountingDecoder(FrameDecoder codec) {
      this.codec = codec;
    }

    @Override
    public Set<String> transferSyntaxes() {
      return Set.of(HTJ2K);
    }

    @Override
    public boolean supportsReducedResolution() {
      return codec.supportsReducedResolution();
    }

    @Override
    public boolean supportsPartialData() {
      return codec.supportsPartialData();
    }

    @Override
    public int decodableLevel(ByteBuffer data, DecodeRequest request) throws DecodeException {
      return codec.decodableLevel(data, request);
    }

    @Override
    public DecodedFrame decode(ByteBuffer data, DecodeRequest request) throws DecodeException {
      decodes.incrementAndGet();
      return codec.decode(data, request);
    }
  }

  private ServiceRegistration<FrameDecoder> register(FrameDecoder decoder, int ranking) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(FrameDecoder.TRANSFER_SYNTAX, HTJ2K);
    properties.put(Constants.SERVICE_RANKING, ranking);
    return context.registerService(FrameDecoder.class, decoder, properties);
  }

  /** The OpenJPEG bundle's decoder, the only one of HTJ2K before a test registers its own. */
  private FrameDecoder openJpeg() throws Exception {
    return awaitService(FrameDecoder.class, "(" + FrameDecoder.TRANSFER_SYNTAX + "=" + HTJ2K + ")");
  }

  /** The service now registered (it changes when DS reactivates the component). */
  private ProgressiveRetrieveService retrieval() throws Exception {
    return awaitService(ProgressiveRetrieveService.class, null);
  }

  /** The one service of {@code type} (and {@code filter}), once it is registered. */
  private <S> S awaitService(Class<S> type, String filter) throws Exception {
    String byId = "(" + Constants.SERVICE_ID + "=" + awaitOtherService(type, filter, -1) + ")";
    String both = filter == null ? byId : "(&" + filter + byId + ")";
    return context.getService(context.getServiceReferences(type, both).iterator().next());
  }

  private LoadSummary load(ProgressiveRetrieveService service) throws Exception {
    RecordingListener listener = new RecordingListener();
    SeriesRequest request = SeriesRequest.of(NodeConfig.of(System.getProperty("progressive.fixture.url")),
        Fixtures.STUDY, Fixtures.SERIES).withStrategy("sequential");
    LoadSummary summary = service.load(request, RetrieveConfiguration.single(), listener).completion()
        .toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertTrue(listener.errors().toString(), listener.errors().isEmpty());
    return summary;
  }

  private static int liveWorkers() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("progressive-worker-"))
        .count();
  }

  private <S> long serviceId(Class<S> type, String filter) throws Exception {
    Collection<ServiceReference<S>> refs = context.getServiceReferences(type, filter);
    assertEquals(type.getSimpleName() + " " + filter, 1, refs.size());
    return (Long) refs.iterator().next().getProperty(Constants.SERVICE_ID);
  }

  /**
   * Waits until there is one service of {@code type} and it is another registration than {@code before}
   * (-1: any); returns its id.
   */
  private <S> long awaitOtherService(Class<S> type, String filter, long before) throws Exception {
    long end = System.currentTimeMillis() + DEADLINE_MS;
    while (System.currentTimeMillis() < end) {
      Collection<ServiceReference<S>> refs = context.getServiceReferences(type, filter);
      if (refs.size() == 1) {
        long id = (Long) refs.iterator().next().getProperty(Constants.SERVICE_ID);
        if (id != before) {
          return id;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(type.getSimpleName() + " was not registered again within " + DEADLINE_MS + " ms");
  }

  private ObjectClassDefinition ocd(String bundle, String pid) {
    for (Bundle b : context.getBundles()) {
      if (bundle.equals(b.getSymbolicName())) {
        ObjectClassDefinition ocd = metatype.getMetaTypeInformation(b).getObjectClassDefinition(pid, null);
        assertTrue("no Metatype description of " + pid, ocd != null);
        return ocd;
      }
    }
    throw new AssertionError("bundle " + bundle + " not installed");
  }

  private static Map<String, AttributeDefinition> attributes(ObjectClassDefinition ocd) {
    Map<String, AttributeDefinition> attributes = new HashMap<>();
    for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
      attributes.put(ad.getID(), ad);
    }
    return attributes;
  }
}
