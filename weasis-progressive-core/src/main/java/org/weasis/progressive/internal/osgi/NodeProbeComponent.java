package org.weasis.progressive.internal.osgi;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveConstants;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.ProbeReport;
import org.weasis.progressive.internal.probe.NodeProber;

/** The "Test node" check as a service, with its timeout configurable from any OSGi console. */
@Component(service = NodeProbe.class, configurationPid = ProgressiveConstants.PROBE_PID)
@Designate(ocd = NodeProbeComponent.Config.class)
public final class NodeProbeComponent implements NodeProbe {
  @ObjectClassDefinition(name = "DICOMweb node probe", description = "Checks what a node can do for progressive loading")
  @interface Config {
    @AttributeDefinition(name = "Timeout (ms)",
        description = "Longest wait for a connection or a byte; a whole answer gets twice this", min = "100")
    long timeoutMs() default 5_000;
  }

  /** Runs request deadlines only; one thread is plenty for probes a user starts by hand. */
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "progressive-probe-timer");
    t.setDaemon(true);
    return t;
  });
  private volatile NodeProber prober;

  @Activate
  @Modified
  void configure(Config config) {
    prober = new NodeProber(Duration.ofMillis(Math.max(100, config.timeoutMs())), timer);
  }

  @Override
  public ProbeReport probe(NodeConfig node, String studyUid, String seriesUid) {
    return prober.probe(node, studyUid, seriesUid);
  }

  @Deactivate
  void deactivate() {
    timer.shutdownNow();
  }
}
