package org.weasis.progressive.internal.osgi;

import java.io.IOException;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveConstants;
import org.weasis.progressive.api.node.NodeQueries;
import org.weasis.progressive.internal.engine.JsonQueries;

/**
 * A host's DICOM JSON reads (queries, metadata) through the node's HTTP settings, as a service. Like the
 * retrieval service, it closes the connections of nodes that were edited or removed.
 */
@Component(service = {NodeQueries.class, ConfigurationListener.class})
public final class NodeQueriesComponent implements NodeQueries, ConfigurationListener {
  private final JsonQueries queries = new JsonQueries();

  @Override
  public byte[] getJson(NodeConfig node, String path) throws IOException {
    return queries.getJson(node, path);
  }

  @Override
  public void configurationEvent(ConfigurationEvent event) {
    if (ProgressiveConstants.NODE_FACTORY_PID.equals(event.getFactoryPid())) {
      queries.closeIdleConnections();
    }
  }

  @Deactivate
  void deactivate() {
    queries.close();
  }
}
