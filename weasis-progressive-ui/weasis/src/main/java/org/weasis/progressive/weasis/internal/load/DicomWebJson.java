package org.weasis.progressive.weasis.internal.load;

import jakarta.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.json.JSONReader;
import org.weasis.progressive.api.NodeConfig;

/**
 * Reads DICOM JSON answers (QIDO-RS, WADO-RS metadata) from a node into dcm4che datasets. Not Weasis'
 * {@code RsQueryResult.parseJSON}: that one reads the body as is, and static DICOMweb servers answer
 * gzip'd JSON. Redirects are not followed, so the node's headers never reach another origin.
 */
public final class DicomWebJson {
  private static final String DICOM_JSON = "application/dicom+json";

  private final NodeConfig node;
  private final HttpClient client;

  public DicomWebJson(NodeConfig node) {
    this.node = node;
    this.client = HttpClient.newBuilder()
        .connectTimeout(node.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The node this reads from. */
  public NodeConfig node() {
    return node;
  }

  /** The datasets at {@code path} below the node's base URL; empty for 204 or 404. */
  public List<Attributes> get(String path) throws IOException {
    URI uri = URI.create(node.baseUrl() + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(node.requestTimeout())
        .header("Accept", DICOM_JSON)
        .header("Accept-Encoding", "gzip");
    for (Map.Entry<String, String> h : node.requestHeaders().entrySet()) {
      request.header(h.getKey(), h.getValue());
    }
    try {
      HttpResponse<InputStream> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        int code = response.statusCode();
        if (code == 204 || code == 404) {
          return List.of();
        }
        if (code != 200 && code != 206) {
          throw new IOException("GET " + uri + " answered " + code);
        }
        return read(body, uri);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading " + uri, e);
    }
  }

  private static List<Attributes> read(InputStream body, URI uri) throws IOException {
    InputStream in = new BufferedInputStream(body);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) { // gzip, announced or not
      in = new GZIPInputStream(in);
    }
    List<Attributes> items = new ArrayList<>();
    try (var parser = Json.createParser(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      new JSONReader(parser).readDatasets((fmi, dataset) -> items.add(dataset));
    } catch (RuntimeException e) {
      throw new IOException("The DICOM JSON of " + uri + " is not readable: " + e.getMessage(), e);
    }
    return items;
  }
}
