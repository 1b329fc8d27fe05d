package org.weasis.progressive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.api.node.ProbeReport;
import org.weasis.progressive.server.StaticDicomWebServer;
import org.weasis.progressive.testsupport.RecordingListener;

/**
 * Node settings in Felix with ConfigAdmin and Metatype: a node saved through {@link NodeStore} is a
 * factory configuration any console can describe and edit, and an edit made there is what the next load
 * uses.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NodeSettingsIT {
  private static final String FACTORY_PID = "org.weasis.progressive.node";
  /** SampleSeries' quarter-size alternate (SampleSeries.THUMBNAIL_PATH), as a framesPath. */
  private static final String THUMBNAILS = "/thumbnail4/";

  @Inject private BundleContext context;
  @Inject private NodeStore store;
  @Inject private ConfigurationAdmin admin;
  @Inject private MetaTypeService metatype;
  @Inject private NodeProbe probe;
  @Inject private ProgressiveRetrieveService service;

  @org.ops4j.pax.exam.Configuration
  public Option[] configure() throws IOException {
    StaticDicomWebServer server = CoreServicesIT.LocalServer.start();
    return options(
        FelixOptions.withBundles("org.apache.felix.metatype.jar"),
        systemProperty("progressive.test.url").value(server.baseUrl()));
  }

  @Test
  public void aNodeEditedInConfigAdminIsWhatTheNextLoadUses() throws Exception {
    NodeConfig saved = store.save(NodeConfig.builder().name("Local sample").baseUrl(url()).progressive(true)
        .retrieveConfiguration(RetrieveConfiguration.SINGLE, null).build());
    try {
      Configuration stored = configuration(saved.id());
      assertEquals(FACTORY_PID, stored.getFactoryPid());
      assertEquals(url(), stored.getProperties().get("baseUrl"));
      assertEquals(Boolean.TRUE, stored.getProperties().get("progressive"));
      assertEveryImage(load(saved), ImageQualityStatus.FULL_RESOLUTION, 256);

      // What a console does: change one property of the stored configuration.
      // Uncompressed thumbnails carry no size of their own: decodeLevel 2 says they are a quarter wide.
      RetrieveOptions thumbnails = RetrieveOptions.builder()
          .framesPath(THUMBNAILS)
          .decodeLevel(2)
          .imageQualityStatus(ImageQualityStatus.SUBRESOLUTION)
          .build();
      Dictionary<String, Object> properties = stored.getProperties();
      properties.put("preset", RetrieveConfiguration.SEQUENTIAL);
      properties.put("retrieveConfiguration",
          RetrieveConfiguration.sequential().withRetrieveOptions(Map.of("singleFast", thumbnails)).toJson());
      stored.update(properties);

      NodeConfig edited = store.find(saved.id()).orElseThrow();
      assertEquals(THUMBNAILS, edited.retrieveConfiguration().optionsFor("singleFast").framesPath());
      List<ImageEvent> events = load(edited);
      assertEveryImage(events.stream().filter(e -> e.stageId().equals("lossySequential")).toList(),
          ImageQualityStatus.SUBRESOLUTION, 64);
      assertEveryImage(events.stream().filter(e -> e.stageId().equals("finalSequential")).toList(),
          ImageQualityStatus.FULL_RESOLUTION, 256);
    } finally {
      store.remove(saved.id());
    }
    assertTrue(store.find(saved.id()).isEmpty());
  }

  @Test
  public void aConfigurationWithAnUnusableValueIsSkippedWhileTheOthersList() throws Exception {
    NodeConfig good = store.save(NodeConfig.of("Good", url()));
    Configuration bad = admin.createFactoryConfiguration(FACTORY_PID, "?");
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("name", "Bad");
    properties.put("baseUrl", url());
    properties.put("maxConnections", 0);
    bad.update(properties);
    try {
      List<String> ids = store.list().stream().map(NodeConfig::id).toList();
      assertTrue(ids.toString(), ids.contains(good.id()));
      assertFalse(ids.toString(), ids.contains(bad.getPid()));
      assertTrue(store.find(bad.getPid()).isEmpty());
    } finally {
      bad.delete();
      store.remove(good.id());
    }
  }

  @Test
  public void importingAnExportWithoutSecretsKeepsTheStoredToken() throws Exception {
    NodeConfig saved = store.save(NodeConfig.builder().name("Token node").baseUrl(url())
        .authentication(Authentication.bearer("t0ken-in-store")).build());
    try {
      String export = store.exportJson(false);
      assertFalse(export.contains("t0ken-in-store"));
      assertTrue(store.exportJson(true).contains("t0ken-in-store"));
      store.importJson(export);
      NodeConfig back = store.find(saved.id()).orElseThrow();
      assertEquals("t0ken-in-store", back.authentication().secret());
      assertEquals(saved, back);
    } finally {
      store.remove(saved.id());
    }
  }

  @Test
  public void theLimitsAgainstHostileServersSurviveTheStoreAndItsJsonExport() throws Exception {
    NodeConfig saved = store.save(NodeConfig.builder().name("Limited").baseUrl(url())
        .maxLoadBytes(64L * 1024 * 1024)
        .minTransferRate(0).rateWindow(Duration.ofSeconds(45))
        .otherOriginsAllowed(true).build());
    NodeConfig imported = null;
    try {
      Dictionary<String, Object> properties = configuration(saved.id()).getProperties();
      assertEquals(64L * 1024 * 1024, properties.get("maxLoadBytes"));
      assertEquals(0L, properties.get("minTransferRate"));
      assertEquals(45_000L, properties.get("rateWindowMs"));
      assertEquals(Boolean.TRUE, properties.get("otherOriginsAllowed"));
      assertEquals(saved, store.find(saved.id()).orElseThrow());

      // Removed before the import, so that what comes back can only come from the JSON.
      String export = store.exportJson(false);
      store.remove(saved.id());
      store.importJson(export);
      imported = store.list().stream().filter(n -> n.name().equals("Limited")).findFirst().orElseThrow();
      assertEquals(saved, imported.toBuilder().id(saved.id()).build());
    } finally {
      store.remove(saved.id());
      if (imported != null) {
        store.remove(imported.id());
      }
    }
  }

  @Test
  public void aLoadBudgetSetInConfigAdminIsWhatTheNextLoadEnforces() throws Exception {
    NodeConfig saved = store.save(NodeConfig.builder().name("Tight budget").baseUrl(url()).progressive(true)
        .retrieveConfiguration(RetrieveConfiguration.SINGLE, null).build());
    try {
      Configuration stored = configuration(saved.id());
      Dictionary<String, Object> properties = stored.getProperties();
      // As a console or a configuration file writes it: text. Above the series' metadata, which the
      // budget caps too, and under its 128 KiB frames.
      properties.put("maxLoadBytes", "100000");
      stored.update(properties);

      NodeConfig edited = store.find(saved.id()).orElseThrow();
      assertEquals(100000, edited.maxLoadBytes());
      List<ErrorEvent> errors = run(edited).errors();
      assertEquals(errors.toString(), CoreServicesIT.IMAGES, errors.size());
      for (ErrorEvent error : errors) {
        assertTrue(error.reason(), error.reason().contains("over the load's budget of 100000 bytes"));
      }
    } finally {
      store.remove(saved.id());
    }
  }

  @Test
  public void theNodeFactoryIsDescribedWithMetatypeSoAnyConsoleCanEditIt() {
    MetaTypeInformation info = metatype.getMetaTypeInformation(coreBundle());
    assertTrue(Arrays.toString(info.getFactoryPids()), Arrays.asList(info.getFactoryPids()).contains(FACTORY_PID));
    ObjectClassDefinition ocd = info.getObjectClassDefinition(FACTORY_PID, null);
    Map<String, AttributeDefinition> attributes = new HashMap<>();
    for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
      attributes.put(ad.getID(), ad);
    }
    assertEquals(AttributeDefinition.PASSWORD, attributes.get("authSecret").getType());
    assertEquals("false", attributes.get("progressive").getDefaultValue()[0]);
    assertEquals("true", attributes.get("verifyTls").getDefaultValue()[0]);
    assertEquals("interleaved", attributes.get("preset").getDefaultValue()[0]);
    assertEquals(AttributeDefinition.STRING, attributes.get("retrieveConfiguration").getType());
    assertEquals(AttributeDefinition.LONG, attributes.get("maxLoadBytes").getType());
    assertEquals(Long.toString(NodeConfig.DEFAULT_MAX_LOAD_BYTES), attributes.get("maxLoadBytes").getDefaultValue()[0]);
    assertEquals("1024", attributes.get("minTransferRate").getDefaultValue()[0]);
    assertEquals("20000", attributes.get("rateWindowMs").getDefaultValue()[0]);
    assertEquals("false", attributes.get("otherOriginsAllowed").getDefaultValue()[0]);
  }

  @Test
  public void theProbeServiceChecksTheLocalNode() {
    ProbeReport report = probe.probe(NodeConfig.of("Local", url()), CoreServicesIT.STUDY,
        CoreServicesIT.SERIES);
    assertTrue(report.notes().toString(), report.metadataAnswered());
    assertTrue(report.notes().toString(), report.rangeHonoured());
    assertEquals(404, report.jlsThumbnailAlternate().status());
    assertEquals(RetrieveConfiguration.single(), report.proposal());
  }

  private static String url() {
    return System.getProperty("progressive.test.url");
  }

  private Configuration configuration(String pid) throws Exception {
    Configuration[] found = admin.listConfigurations("(service.pid=" + pid + ")");
    assertEquals(1, found == null ? 0 : found.length);
    return found[0];
  }

  private List<ImageEvent> load(NodeConfig node) throws Exception {
    RecordingListener listener = run(node);
    assertTrue(listener.errors().toString(), listener.errors().isEmpty());
    return listener.images();
  }

  /** Loads the sample series with the node's settings to its end. */
  private RecordingListener run(NodeConfig node) throws Exception {
    RecordingListener listener = new RecordingListener();
    SeriesRequest request = SeriesRequest.of(node, CoreServicesIT.STUDY, CoreServicesIT.SERIES)
        .withStrategy(node.strategy());
    service.load(request, node.retrieveConfiguration(), listener).completion().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    return listener;
  }

  private static void assertEveryImage(List<ImageEvent> events, ImageQualityStatus status, int columns) {
    assertEquals(events.toString(), CoreServicesIT.IMAGES, events.size());
    for (ImageEvent e : events) {
      assertEquals(status, e.status());
      assertEquals(columns, e.columns());
    }
  }

  private Bundle coreBundle() {
    for (Bundle b : context.getBundles()) {
      if ("org.weasis.progressive.core".equals(b.getSymbolicName())) {
        return b;
      }
    }
    throw new AssertionError("core bundle not installed");
  }
}
