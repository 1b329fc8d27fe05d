package org.weasis.progressive.internal.engine;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.weasis.progressive.api.HttpStatusException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeQueries;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.http.InFlight;
import org.weasis.progressive.internal.http.NodeConnections;

/**
 * {@link NodeQueries} without OSGi: each GET goes through a {@link DicomWebClient} over the node's own
 * connection pool, built from the node as a load's is (TLS, timeouts, rate, redirects, headers to the
 * node's origin only). The pools are apart from the engine's: a host's query must not wait for a free
 * connection behind the frames a load of the same node is streaming.
 */
public final class JsonQueries implements NodeQueries, AutoCloseable {
  private final NodeClients pools = new NodeClients(NodeConnections::new);
  /** Runs the time bounds of the requests (request timeout, header wait, minimum rate). */
  private final ScheduledThreadPoolExecutor timer;

  public JsonQueries() {
    timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "progressive-query-deadlines");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(10, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
  }

  @Override
  public byte[] getJson(NodeConfig node, String path) throws IOException {
    Objects.requireNonNull(node, "node");
    URI url = url(node, path);
    NodeClients.Entry pool = pools.acquire(node);
    try (DicomWebClient client = new DicomWebClient(node, pool.connections, timer)) {
      return client.getJson(url, new InFlight());
    } catch (HttpStatusException e) {
      if (e.status() == 204 || e.status() == 404) {
        return new byte[0]; // nothing matches: QIDO-RS may answer either
      }
      throw e;
    } catch (IOException e) {
      throw e instanceof SSLException || e.getCause() instanceof SSLException ? tlsFailure(node, url, e) : e;
    } finally {
      pools.release(pool);
    }
  }

  /** Closes the pools no request uses: after node settings changed or nodes went away. */
  public void closeIdleConnections() {
    pools.closeIdle();
  }

  /** Connection pools open, one per node queried since the last {@link #closeIdleConnections}. */
  int openPools() {
    return pools.openPools();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    pools.close();
  }

  private static URI url(NodeConfig node, String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path = \"" + path + "\": must start with /");
    }
    try {
      return URI.create(node.baseUrl() + path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("path = \"" + path + "\": not a URL path (" + e.getMessage() + ")", e);
    }
  }

  /** HttpClient's TLS errors name neither the URL nor the node setting that decides. */
  private static SSLException tlsFailure(NodeConfig node, URI url, IOException e) {
    String why = e instanceof SSLException ? e.getMessage() : e.getCause().getMessage();
    return new SSLException("TLS with " + url + " failed: " + why + (node.verifyTls()
        ? " (the node verifies the server's certificate; turn verification off only for a server you trust)"
        : ""), e);
  }
}
