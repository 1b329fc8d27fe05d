package org.weasis.progressive.weasis.internal.command;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.explorer.pref.node.AuthenticationPersistence;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeQueries;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.weasis.internal.NodeAuthorization;
import org.weasis.progressive.weasis.internal.ProgressiveOpener;
import org.weasis.progressive.weasis.internal.load.DicomWebJson;

/**
 * The gogo command {@code progressive:rs}: {@code dicom:rs} with our engine. The node is the one our
 * NodeStore keeps for that URL (its retrieve configuration and strategy), else a node with the defaults
 * and {@link AdHocConfiguration}; progressive is on either way, since this command asks for it.
 */
@Component(
    service = RsCommand.class,
    property = {"osgi.command.scope=progressive", "osgi.command.function=rs"})
public final class RsCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RsCommand.class);

  @Reference
  private ProgressiveOpener opener;

  @Reference
  private DicomModel dicomModel;

  @Reference
  private NodeQueries queries;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  private volatile NodeStore nodeStore;

  public void rs(String[] argv) throws IOException {
    RsArguments args;
    try {
      args = RsArguments.parse(argv);
    } catch (IllegalArgumentException e) {
      System.out.println(e.getMessage());
      System.out.println(RsArguments.usage());
      return;
    }
    if (args.help()) {
      System.out.println(RsArguments.usage());
      return;
    }
    NodeConfig node = node(args);
    NodeAuthorization authorization = authorization(args.authUid());
    for (Map<String, List<String>> request : args.requests()) {
      if (RsArguments.isOurs(request)) {
        openRequest(node, authorization, request);
      } else {
        passToWeasis(args, request);
      }
    }
  }

  /** The Weasis authentication method {@code --auth-uid} names, as dicom:rs takes it (unknown: none). */
  private static NodeAuthorization authorization(String authUid) {
    if (authUid == null) {
      return NodeAuthorization.none();
    }
    NodeAuthorization authorization = NodeAuthorization.of(AuthenticationPersistence.getAuthMethod(authUid));
    if (!authorization.usesWeasisMethod()) {
      LOG.warn("progressive:rs: Weasis has no authentication method {}: the requests go without one", authUid);
    }
    return authorization;
  }

  private NodeConfig node(RsArguments args) throws IOException {
    NodeStore store = nodeStore;
    return nodeFor(args.url(), args.headers(), store == null ? List.of() : store.list());
  }

  /** The stored node of this URL, else a new one; progressive on, the command's headers added. */
  static NodeConfig nodeFor(String url, Map<String, String> headers, List<NodeConfig> stored) {
    String base = trimSlash(url);
    Optional<NodeConfig> known =
        stored.stream().filter(n -> trimSlash(n.baseUrl()).equals(base)).findFirst();
    NodeConfig node = known.orElseGet(() -> NodeConfig.builder().name(hostOf(base)).baseUrl(base)
        .retrieveConfiguration(null, AdHocConfiguration.sequential()).build()).toBuilder().progressive(true).build();
    return withHeaders(node, headers);
  }

  static NodeConfig withHeaders(NodeConfig node, Map<String, String> headers) {
    if (headers.isEmpty()) {
      return node;
    }
    Authentication auth = node.authentication();
    Authentication merged = auth.type() == Authentication.Type.NONE
        ? Authentication.headers(headers)
        : auth.withHeaders(headers);
    return node.toBuilder().authentication(merged).build();
  }

  private void openRequest(NodeConfig node, NodeAuthorization authorization, Map<String, List<String>> request)
      throws IOException {
    List<String> studies = values(request, RsArguments.STUDY_UID);
    List<String> series = values(request, RsArguments.SERIES_UID);
    if (series.isEmpty()) {
      studies.forEach(study -> opener.open(node, authorization, study, null));
      return;
    }
    for (String seriesUid : series) {
      String study = studies.size() == 1 ? studies.getFirst() : studyOf(node, authorization, seriesUid);
      if (study == null) {
        LOG.error("progressive:rs: {} has no series {}", node.baseUrl(), seriesUid);
      } else {
        opener.open(node, authorization, study, seriesUid);
      }
    }
  }

  /**
   * The study of a series, from QIDO-RS (dicom:rs accepts a series UID alone too); on the command's thread,
   * which may wait for Weasis' login like dicom:rs's query.
   */
  private String studyOf(NodeConfig node, NodeAuthorization authorization, String seriesUid) throws IOException {
    List<Attributes> found = new DicomWebJson(queries, authorization.authorize(node)).seriesAlone(seriesUid);
    return found.isEmpty() ? null : found.getFirst().getString(Tag.StudyInstanceUID);
  }

  /** Patient, accession number and instance requests are Weasis' own: dicom:rs loads them as usual. */
  private void passToWeasis(RsArguments args, Map<String, List<String>> request) throws IOException {
    LOG.info("progressive:rs passes request {} to dicom:rs", request.keySet());
    dicomModel.rs(dicomRsArguments(args, request));
  }

  /** dicom:rs's arguments for a request it loads itself: the URL, the request, the -H headers, the method. */
  static String[] dicomRsArguments(RsArguments args, Map<String, List<String>> request) {
    List<String> argv = new ArrayList<>(List.of("--url", args.url(), "-r", toQuery(request)));
    for (String header : args.rawHeaders()) {
      argv.add("-H");
      argv.add(header);
    }
    if (args.authUid() != null) {
      argv.add("--auth-uid");
      argv.add(args.authUid());
    }
    return argv.toArray(String[]::new);
  }

  static String toQuery(Map<String, List<String>> request) {
    List<String> pairs = new ArrayList<>();
    request.forEach((key, values) -> values.forEach(v -> pairs.add(key + "=" + v)));
    return String.join("&", pairs);
  }

  private static List<String> values(Map<String, List<String>> request, String key) {
    List<String> out = new ArrayList<>();
    for (String v : request.getOrDefault(key, List.of())) {
      if (!v.isBlank()) {
        out.add(v.strip());
      }
    }
    return out;
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String hostOf(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? url : host;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
