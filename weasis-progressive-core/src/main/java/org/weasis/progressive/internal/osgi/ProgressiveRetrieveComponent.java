package org.weasis.progressive.internal.osgi;

import java.util.Map;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.ProgressiveConstants;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.internal.engine.ProgressiveEngine;

/**
 * The retrieval service in OSGi: the engine, fed with every {@link FrameDecoder} and
 * {@link SeriesLoadingStrategy} service as codec bundles come and go. For each transfer syntax the
 * decoder of highest service ranking is used. A configuration change restarts the engine (DS
 * reactivates the component), cancelling the loads in progress. It listens to ConfigAdmin so that when a
 * stored node is edited or removed, the connections no load uses any more are closed.
 */
@Component(service = {ProgressiveRetrieveService.class, ConfigurationListener.class},
    configurationPid = ProgressiveConstants.ENGINE_PID)
@Designate(ocd = ProgressiveRetrieveComponent.Config.class)
public final class ProgressiveRetrieveComponent implements ProgressiveRetrieveService, ConfigurationListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressiveRetrieveComponent.class);
  private static final int MAX_THREADS = 256;

  @ObjectClassDefinition(name = "Progressive retrieval engine",
      description = "Threads shared by every progressive load of this application")
  @interface Config {
    @AttributeDefinition(name = "Worker threads",
        description = "Most requests running at once, all nodes together (1-256)", min = "1", max = "256")
    int threads() default ProgressiveEngine.DEFAULT_THREADS;
  }

  private final ProgressiveEngine engine;

  /** Constructor injection: the engine exists, with its configuration, before any service is bound. */
  @Activate
  public ProgressiveRetrieveComponent(Config config) {
    engine = new ProgressiveEngine(threads(config));
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      updated = "updatedDecoder")
  void addDecoder(FrameDecoder decoder, Map<String, Object> properties) {
    engine.addDecoder(decoder, properties);
  }

  /** A changed ranking or transfer syntax list takes effect for the next frame. */
  void updatedDecoder(FrameDecoder decoder, Map<String, Object> properties) {
    engine.removeDecoder(decoder);
    engine.addDecoder(decoder, properties);
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
    boolean nodeChanged = ProgressiveConstants.NODE_FACTORY_PID.equals(event.getFactoryPid())
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

  private static int threads(Config config) {
    int threads = config.threads();
    if (threads < 1 || threads > MAX_THREADS) {
      LOG.warn("{}: threads = {} is not in 1..{}; using {}", ProgressiveConstants.ENGINE_PID, threads,
          MAX_THREADS, ProgressiveEngine.DEFAULT_THREADS);
      return ProgressiveEngine.DEFAULT_THREADS;
    }
    return threads;
  }
}
