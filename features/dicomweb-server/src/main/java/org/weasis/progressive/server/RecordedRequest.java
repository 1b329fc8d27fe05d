package org.weasis.progressive.server;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One request as it arrived on the wire, kept so tests can assert what a client really sent.
 *
 * @param method HTTP method, for example GET or HEAD
 * @param target path and query as sent (still percent-encoded)
 * @param headers request headers; names are looked up case-insensitively
 */
public record RecordedRequest(String method, String target, Map<String, List<String>> headers) {
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    headers = copyCaseInsensitive(Objects.requireNonNull(headers, "headers"));
  }

  /** The first value of header {@code name}, or null when absent. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  /** The target without its query. */
  public String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  private static Map<String, List<String>> copyCaseInsensitive(Map<String, List<String>> source) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    source.forEach((name, values) -> copy.merge(name, List.copyOf(values), RecordedRequest::concat));
    return Collections.unmodifiableMap(copy);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
