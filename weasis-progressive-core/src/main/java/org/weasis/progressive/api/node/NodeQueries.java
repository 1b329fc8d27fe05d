package org.weasis.progressive.api.node;

import java.io.IOException;
import org.weasis.progressive.api.NodeConfig;

/**
 * The DICOM JSON a host reads from a node itself — QIDO-RS answers, series metadata — sent through the
 * HTTP stack of the node's loads, so that the node's settings hold for it too: TLS verification (off only
 * when the node turns it off), connect, stall and request timeouts, the minimum transfer rate, redirects
 * followed with the node's headers sent to its origin only, never from https to cleartext, and to another
 * origin only when the node allows other origins, and a cap on what a hostile server can make us hold. A host's own HTTP client would bypass all of these.
 */
@org.osgi.annotation.versioning.ProviderType
public interface NodeQueries {
  /** The most any JSON answer may be, whatever the node's {@link NodeConfig#maxLoadBytes()}. */
  long MAX_JSON_BYTES = 256L * 1024 * 1024;

  /**
   * GETs {@code path} below the node's base URL, asking for DICOM JSON (gzip'd or not), and returns the
   * body whole, unzipped. The body is capped at the node's {@link NodeConfig#maxLoadBytes()}, and at
   * {@link #MAX_JSON_BYTES}: a larger body, declared or sent, is refused without being read further.
   *
   * @param path the path and query below the base URL, starting with {@code /}, for example
   *     {@code /studies/1.2.3/series?includefield=0008103E}
   * @return the body; empty (no bytes) when the server answers 204 No Content or 404 Not Found
   * @throws IOException naming the URL and what went wrong: the status, a TLS failure, a timeout, a body
   *     over the limit (named)
   * @throws IllegalArgumentException when {@code path} does not start with {@code /} or is no URL path
   */
  byte[] getJson(NodeConfig node, String path) throws IOException;
}
