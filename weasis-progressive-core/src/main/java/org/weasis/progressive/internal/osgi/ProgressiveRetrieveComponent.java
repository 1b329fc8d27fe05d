package org.weasis.progressive.internal.osgi;

import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.weasis.progressive.api.FrameDecoder;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.engine.ProgressiveEngine;

/**
 * The retrieval service in OSGi: the engine, fed with every {@link FrameDecoder} and
 * {@link SeriesLoadingStrategy} service as codec bundles come and go. It listens to ConfigAdmin so that
 * when a stored node is edited or removed, the connections no load uses any more are closed.
 */
@Component(service = {ProgressiveRetrieveService.class, ConfigurationListener.class})
public final class ProgressiveRetrieveComponent implements ProgressiveRetrieveService, ConfigurationListener {
  private final ProgressiveEngine engine = new ProgressiveEngine();

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addDecoder(FrameDecoder decoder) {
    engine.addDecoder(decoder);
  }

  void removeDecoder(FrameDecoder decoder) {
    engine.removeDecoder(decoder);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addStrategy(SeriesLoadingStrategy strategy) {
    engine.addStrategy(strategy);
  }

  void removeStrategy(SeriesLoadingStrategy strategy) {
    engine.removeStrategy(strategy);
  }

  @Override
  public LoadHandle load(SeriesRequest request, RetrieveConfiguration configuration, LoadListener listener) {
    return engine.load(request, configuration, listener);
  }

  @Override
  public void configurationEvent(ConfigurationEvent event) {
    boolean nodeChanged = NodeStoreComponent.FACTORY_PID.equals(event.getFactoryPid())
        && (event.getType() == ConfigurationEvent.CM_UPDATED || event.getType() == ConfigurationEvent.CM_DELETED);
    if (nodeChanged) {
      engine.closeIdleConnections();
    }
  }

  /** Connection pools open, one per node in use: for tests. */
  int openConnectionPools() {
    return engine.openConnectionPools();
  }

  @Deactivate
  void deactivate() {
    engine.close();
  }
}
