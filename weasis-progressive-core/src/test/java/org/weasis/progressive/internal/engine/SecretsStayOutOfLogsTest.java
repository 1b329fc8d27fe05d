package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.internal.decode.UncompressedDecoder;
import org.weasis.progressive.testing.TinySeries;

/**
 * No log line at any level of ours, and no error, prints a header value we sent: a load with a token and
 * a custom header runs through every failure path (error statuses, a 503 retried, a cross-origin redirect,
 * a refused other-origin frame, a reset, a stall) in a child JVM logging our packages at TRACE, and the
 * secrets appear nowhere in what it printed. (HttpClient's own DEBUG header log does print them: the
 * README says so.)
 */
class SecretsStayOutOfLogsTest {
  private static final String TOKEN = "tok-7f3a9c";
  private static final String API_KEY = "key-51be02";
  private static final TinySeries SERIES = new TinySeries(8, 8, 6);

  @Test
  void aLoadThroughEveryFailurePathPrintsNoHeaderValueInLogsOrErrors() throws Exception {
    try (FaultServer server = new FaultServer(); FaultServer other = new FaultServer()) {
      other.handle((r, x) -> x.respond(401, Map.of(), "who are you".getBytes(StandardCharsets.UTF_8)));
      String metadata = new String(SERIES.metadataJson(), StandardCharsets.UTF_8).replace(
          "\"instances/" + TinySeries.sop(7) + "/frames\"",
          "\"" + other.baseUrl() + SERIES.seriesPath() + "/instances/" + TinySeries.sop(7) + "/frames\"");
      server.handle((r, x) -> {
        if (r.target().endsWith("/metadata")) {
          x.respond(200, Map.of(), metadata.getBytes(StandardCharsets.UTF_8));
          return;
        }
        int i = SERIES.indexOf(r.target());
        switch (i) {
          case 0 -> x.respond(401, Map.of("WWW-Authenticate", "Bearer"), new byte[0]);
          case 1 -> x.respond(500, Map.of(), "database down".getBytes(StandardCharsets.UTF_8));
          case 2 -> x.respond(503, Map.of(), new byte[0]);
          case 3 -> x.respond(302, Map.of("Location", other.baseUrl() + r.target()), new byte[0]);
          case 4 -> {
            x.writeHead(200, Map.of("Content-Type", TinySeries.multipartType()), 1000);
            x.reset();
          }
          case 5 -> {
            x.writeHead(200, Map.of("Content-Type", TinySeries.multipartType()), 1000);
            Thread.sleep(1500);
          }
          default -> x.respond(200, Map.of("Content-Type", TinySeries.multipartType()), SERIES.multipartFrame(i));
        }
      });

      String output = runChild(server.baseUrl());

      assertTrue(output.contains("TRACE") || output.contains("DEBUG"), "our packages logged: " + output);
      assertTrue(output.contains("Retrying"), "the retry was logged: " + output);
      assertTrue(output.contains("error 1: HTTP 500"), output);
      assertTrue(output.contains("error 7: Refused to fetch"), output);
      assertTrue(output.contains("final 1 of 8"), output);
      assertFalse(output.contains(API_KEY), "the custom header value was printed: " + output);
      assertFalse(output.contains(TOKEN), "the token was printed: " + output);
    }
  }

  private static String runChild(String baseUrl) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-Dorg.slf4j.simpleLogger.log.org.weasis.progressive=trace",
        "-cp", System.getProperty("java.class.path"), ChildLoad.class.getName(), baseUrl);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child load ended");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), text);
    return text;
  }

  /** The child: one load with secrets, every error and its causes printed, then the summary. */
  static final class ChildLoad {
    public static void main(String[] args) throws Exception {
      NodeConfig node = NodeConfig.builder().baseUrl(args[0])
          .authentication(Authentication.bearer(TOKEN))
          .header("X-Api-Key", API_KEY)
          .connectTimeout(Duration.ofSeconds(2))
          .stallTimeout(Duration.ofMillis(500))
          .requestTimeout(Duration.ofSeconds(20))
          .maxRetries(1).retryBackoff(Duration.ofMillis(10)).build();
      System.out.println("settings " + node);
      try (ProgressiveEngine engine = new ProgressiveEngine()) {
        engine.addDecoder(new UncompressedDecoder());
        var summary = engine.load(SeriesRequest.of(node, TinySeries.STUDY, TinySeries.SERIES),
            RetrieveConfiguration.single(), new LoadListener() {
              @Override
              public void onImage(ImageEvent event) {}

              @Override
              public void onError(ErrorEvent event) {
                System.out.println("error " + event.imageIndex() + ": " + event.reason());
                for (Throwable t = event.cause(); t != null; t = t.getCause()) {
                  System.out.println("  cause " + t);
                }
              }
            }).completion().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("final " + summary.finalImages() + " of " + summary.images());
      }
    }
  }
}
