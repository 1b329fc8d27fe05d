package org.weasis.progressive.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.weasis.progressive.server.RecordedRequest;
import org.weasis.progressive.server.StaticDicomWebServer;

/**
 * One {@code ./progressive load --json} run against the project's Static DICOMweb server, with what it
 * printed and the frame requests the server recorded, per instance.
 */
record CornerstoneLoad(int exitCode, JsonNode json, String err, Map<String, List<String>> requestsBySop) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Loads {@code seriesUid} with {@code config}: a preset name or a file under {@code /cornerstone/}. */
  static CornerstoneLoad run(StaticDicomWebServer server, String seriesUid, String config) {
    server.clearRequests();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"load", "--url", server.baseUrl(), "--study", TestStudies.STUDY,
        "--series", seriesUid, "--config", configArgument(config), "--json", "--timeout-s", "120"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    JsonNode json;
    try {
      json = MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("load printed no JSON: " + out + err, e);
    }
    return new CornerstoneLoad(code, json, err.toString(StandardCharsets.UTF_8), frameRequests(server));
  }

  private static String configArgument(String config) {
    if (!config.endsWith(".json")) {
      return config;
    }
    try {
      return Path.of(CornerstoneLoad.class.getResource("/cornerstone/" + config).toURI()).toString();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("no test configuration " + config, e);
    }
  }

  /** Frame requests per SOPInstanceUID, in arrival order: {@code "jls/1"} or {@code "frames/1 bytes=0-99"}. */
  private static Map<String, List<String>> frameRequests(StaticDicomWebServer server) {
    Map<String, List<String>> bySop = new TreeMap<>();
    for (RecordedRequest r : server.requests()) {
      String path = r.target();
      int at = path.indexOf("/instances/");
      if (at < 0) {
        continue;
      }
      String rest = path.substring(at + "/instances/".length());
      int slash = rest.indexOf('/');
      String range = r.header("Range");
      bySop.computeIfAbsent(rest.substring(0, slash), k -> new ArrayList<>())
          .add(rest.substring(slash + 1) + (range == null ? "" : " " + range));
    }
    return bySop;
  }

  /** The best status each image reached from its own data (copies of neighbours left out), by index. */
  Map<Integer, Integer> bestOwnStatus() {
    Map<Integer, Integer> best = new TreeMap<>();
    for (JsonNode e : json.get("events")) {
      if (e.get("source").asInt() == e.get("index").asInt()) {
        best.merge(e.get("index").asInt(), e.get("status").asInt(), Math::max);
      }
    }
    return best;
  }

  /** The SOPInstanceUID of each image index, as the load ordered the series. */
  Map<Integer, String> sopByIndex() {
    Map<Integer, String> sops = new TreeMap<>();
    for (JsonNode e : json.get("events")) {
      if (e.get("source").asInt() == e.get("index").asInt()) {
        sops.put(e.get("index").asInt(), e.get("sop").asText());
      }
    }
    return sops;
  }

  /** Statuses of the versions each image got from its own data, in delivery order, by index. */
  Map<Integer, List<Integer>> ownStatuses() {
    Map<Integer, List<Integer>> all = new LinkedHashMap<>();
    for (JsonNode e : json.get("events")) {
      if (e.get("source").asInt() == e.get("index").asInt()) {
        all.computeIfAbsent(e.get("index").asInt(), k -> new ArrayList<>()).add(e.get("status").asInt());
      }
    }
    return all;
  }

  int finalImages() {
    return json.get("summary").get("finalImages").asInt();
  }
}
