package org.weasis.progressive.weasis.internal.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.weasis.internal.pref.NodeKey;
import org.weasis.progressive.weasis.internal.pref.ProgressiveNode;
import org.weasis.progressive.weasis.internal.pref.WeasisNodeList;
import org.weasis.progressive.weasis.internal.pref.WeasisNodeStore;

/**
 * The gogo command {@code progressive:enable --url URL}: turns progressive loading on for Weasis' DICOMweb
 * node(s) of that URL, as the node's checkbox on the preferences page does, so that a set-up script (the
 * demo) can do it and the user sees it on the page. A node never configured before gets the retrieve
 * configuration {@code progressive:rs} uses for an unknown URL ({@link AdHocConfiguration}); one configured
 * before keeps its own.
 */
@Component(
    service = EnableCommand.class,
    property = {"osgi.command.scope=progressive", "osgi.command.function=enable"})
public final class EnableCommand {
  private static final Logger LOG = LoggerFactory.getLogger(EnableCommand.class);
  static final String USAGE = "progressive:enable --url URL   (the URL of a DICOMweb node of Weasis' node list)";

  @Reference
  private NodeStore nodeStore;

  public void enable(String[] argv) throws IOException {
    String url = url(argv);
    if (url == null) {
      System.out.println(USAGE);
      return;
    }
    List<NodeConfig> enabled = enable(new WeasisNodeStore(WeasisNodeList::load, nodeStore), url);
    if (enabled.isEmpty()) {
      LOG.warn("progressive:enable: Weasis has no DICOMweb node with URL {}", url);
    }
    for (NodeConfig node : enabled) {
      LOG.info("Progressive loading on for the Weasis node \"{}\" ({})", node.name(), node.baseUrl());
    }
  }

  /** Turns progressive on for each node of {@code store} with this URL; returns them as stored. */
  static List<NodeConfig> enable(WeasisNodeStore store, String url) throws IOException {
    String wanted = trimSlash(url.strip());
    List<NodeConfig> saved = new ArrayList<>();
    for (ProgressiveNode node : store.nodes()) {
      if (NodeKey.of(node.weasis()).baseUrl().equals(wanted)) {
        NodeConfig config = node.config();
        if (config.id() == null) { // never stored: the settings progressive:rs would use for this URL
          config = config.toBuilder().retrieveConfiguration(null, AdHocConfiguration.sequential()).build();
        }
        saved.add(store.save(config.toBuilder().progressive(true).build()));
      }
    }
    return saved;
  }

  /** {@code --url URL} or the URL alone. */
  static String url(String[] argv) {
    if (argv.length == 2 && ("--url".equals(argv[0]) || "-u".equals(argv[0]))) {
      return argv[1];
    }
    return argv.length == 1 && !argv[0].startsWith("-") ? argv[0] : null;
  }

  private static String trimSlash(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}
