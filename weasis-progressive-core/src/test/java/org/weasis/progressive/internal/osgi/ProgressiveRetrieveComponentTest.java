package org.weasis.progressive.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.internal.engine.ProgressiveEngine;
import org.weasis.progressive.testing.TinySeries;

/** The service closes the connections of nodes no load uses when a stored node is edited or removed. */
class ProgressiveRetrieveComponentTest {
  private static final TinySeries SERIES = new TinySeries(2, 4, 4);

  private FaultServer server;
  private ProgressiveRetrieveComponent component;

  @BeforeEach
  void start() throws Exception {
    server = new FaultServer();
    server.handle((r, x) -> {
      if (r.target().endsWith("/metadata")) {
        x.respond(200, Map.of(), SERIES.metadataJson());
      } else {
        x.respond(200, Map.of("Content-Type", TinySeries.multipartType()),
            SERIES.multipartFrame(SERIES.indexOf(r.target())));
      }
    });
    component = new ProgressiveRetrieveComponent(defaultConfig());
    component.addDecoder(new UncompressedDecoder(), Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    component.deactivate();
    server.close();
  }

  @Test
  void removingOrEditingAStoredNodeClosesTheConnectionsNoLoadUses() throws Exception {
    load();
    assertEquals(1, component.openConnectionPools());

    component.configurationEvent(event(ConfigurationEvent.CM_UPDATED, "some.other.factory"));
    assertEquals(1, component.openConnectionPools(), "another factory's configuration is none of ours");

    component.configurationEvent(event(ConfigurationEvent.CM_DELETED, NodeStoreComponent.FACTORY_PID));
    assertEquals(0, component.openConnectionPools(), "a removed node keeps no connections");

    load();
    component.configurationEvent(event(ConfigurationEvent.CM_UPDATED, NodeStoreComponent.FACTORY_PID));
    assertEquals(0, component.openConnectionPools(), "an edited node's old connections are closed");
  }

  /** The configuration DS gives when none is stored. */
  private static ProgressiveRetrieveComponent.Config defaultConfig() {
    return new ProgressiveRetrieveComponent.Config() {
      @Override
      public int threads() {
        return ProgressiveEngine.DEFAULT_THREADS;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return ProgressiveRetrieveComponent.Config.class;
      }
    };
  }

  private void load() throws Exception {
    LoadSummary summary = component.load(
        SeriesRequest.of(NodeConfig.of(server.baseUrl()), TinySeries.STUDY, TinySeries.SERIES),
        RetrieveConfiguration.single(), new LoadListener() {
          @Override
          public void onImage(ImageEvent event) {}

          @Override
          public void onError(ErrorEvent event) {}
        }).completion().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals(2, summary.finalImages(), summary::toString);
  }

  /** An event as ConfigAdmin sends it; the service reference is not looked at. */
  @SuppressWarnings("unchecked")
  private static ConfigurationEvent event(int type, String factoryPid) {
    ServiceReference<ConfigurationAdmin> admin = (ServiceReference<ConfigurationAdmin>) Proxy.newProxyInstance(
        ServiceReference.class.getClassLoader(), new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> {
          throw new UnsupportedOperationException(method.getName());
        });
    return new ConfigurationEvent(admin, type, factoryPid, factoryPid + ".1");
  }
}
