package org.weasis.progressive.weasis.internal.load;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.json.JSONReader;
import org.weasis.dicom.explorer.rs.RsQueryResult;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeQueries;

/**
 * The binding's own DICOMweb reads — QIDO-RS for a study and its series, the series metadata — as dcm4che
 * datasets. The requests go through the core's {@link NodeQueries}, so the node's settings hold for them as
 * for its frames: TLS verification off only where the node says so, its timeouts and minimum rate, a cap on
 * the body (the node's maxLoadBytes), redirects with the node's headers sent to its origin only. Not
 * Weasis' {@code RsQueryResult.parseJSON}, nor a JDK client: neither knows the node's settings, and static
 * DICOMweb servers answer gzip'd JSON (the core unzips it).
 */
public final class DicomWebJson {
  private final NodeQueries queries;
  private final NodeConfig node;

  public DicomWebJson(NodeQueries queries, NodeConfig node) {
    this.queries = Objects.requireNonNull(queries, "queries");
    this.node = Objects.requireNonNull(node, "node");
  }

  /** The node this reads from. */
  public NodeConfig node() {
    return node;
  }

  /** The study, with the attributes Weasis' own study query asks for; empty when the node has none. */
  public List<Attributes> study(String studyUid) throws IOException {
    return get("/studies?0020000D=" + studyUid + RsQueryResult.STUDY_QUERY);
  }

  /** The study's series, with the attributes Weasis' own series query asks for. */
  public List<Attributes> series(String studyUid) throws IOException {
    return get("/studies/" + studyUid + "/series?includefield=" + RsQueryResult.SERIES_QUERY);
  }

  /** The series whose UID is given, with its study's UID (a series can be asked for alone). */
  public List<Attributes> seriesAlone(String seriesUid) throws IOException {
    return get("/series?0020000E=" + seriesUid + "&includefield=0020000D");
  }

  /** The WADO-RS metadata of a series: one dataset per instance. */
  public List<Attributes> metadata(String studyUid, String seriesUid) throws IOException {
    return get("/studies/" + studyUid + "/series/" + seriesUid + "/metadata");
  }

  /** The datasets at {@code path} below the node's base URL; empty for 204 or 404. */
  public List<Attributes> get(String path) throws IOException {
    return parse(queries.getJson(node, path), node.baseUrl() + path);
  }

  /** The datasets of a DICOM JSON array; none for an empty body. */
  static List<Attributes> parse(byte[] json, String source) throws IOException {
    List<Attributes> items = new ArrayList<>();
    if (json.length == 0) {
      return items;
    }
    try (var parser = Json.createParser(
        new InputStreamReader(new ByteArrayInputStream(json), StandardCharsets.UTF_8))) {
      new JSONReader(parser).readDatasets((fmi, dataset) -> items.add(dataset));
    } catch (RuntimeException e) {
      throw new IOException("The DICOM JSON of " + source + " is not readable: " + e.getMessage(), e);
    }
    return items;
  }
}
