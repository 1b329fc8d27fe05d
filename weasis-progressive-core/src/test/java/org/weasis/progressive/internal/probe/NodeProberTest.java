package org.weasis.progressive.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.node.ProbeReport;
import org.weasis.progressive.fixtures.FaultServer;
import org.weasis.progressive.fixtures.FaultServer.Exchange;
import org.weasis.progressive.fixtures.FaultServer.Recorded;
import org.weasis.progressive.testing.TinySeries;

/**
 * The probe against a real local server scripted as different DICOMweb nodes: what it records of each
 * answer, and how the proposed configuration follows from Range, transfer syntax and alternates.
 */
class NodeProberTest {
  private static final TinySeries SERIES = new TinySeries(3, 4, 4);
  private static final String HTJ2K_PART = "image/jphc; transfer-syntax=" + TransferSyntax.HTJ2K_LOSSLESS;
  private static final String UNCOMPRESSED_PART =
      "application/octet-stream; transfer-syntax=" + TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
  private static final String JLS_PART = "image/jls; transfer-syntax=" + TransferSyntax.JPEG_LS_NEAR_LOSSLESS;
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private FaultServer server;
  private ScheduledExecutorService timer;
  private NodeProber prober;

  @BeforeEach
  void start() throws IOException {
    server = new FaultServer();
    timer = Executors.newSingleThreadScheduledExecutor();
    prober = new NodeProber(Duration.ofSeconds(2), timer);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    timer.shutdownNow();
  }

  /** How the scripted node behaves. */
  private record Node(boolean honoursRange, String framePart, boolean jls, boolean jlsThumbnail) {}

  @Test
  void aNodeHonouringRangeWithHtj2kFramesIsProposedByteRangeStages() {
    server.handle(node(new Node(true, HTJ2K_PART, true, true)));
    ProbeReport report = probe(NodeConfig.of(server.baseUrl()));

    assertTrue(report.metadataAnswered(), report.notes()::toString);
    assertTrue(report.rangeHonoured(), report.notes()::toString);
    assertEquals(206, report.range().status());
    assertEquals("bytes 0-1023/" + frameBody(HTJ2K_PART).length, report.range().contentRange());
    assertEquals(TransferSyntax.HTJ2K_LOSSLESS, report.defaultAccept().transferSyntaxUid());
    assertTrue(report.jlsAlternate().answered());
    assertTrue(report.jlsThumbnailAlternate().answered());
    RetrieveConfiguration expected = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", RetrieveOptions.builder().rangeIndex(0).chunkSize(65536).build(),
        "singleFinal", RetrieveOptions.builder().rangeIndex(-1).build()));
    assertEquals(expected, report.proposal());
    assertTrue(last(report).contains("byte ranges"), last(report));
  }

  @Test
  void aNodeIgnoringRangeWithoutAlternatesIsProposedASingleStage() {
    server.handle(node(new Node(false, HTJ2K_PART, false, false)));
    ProbeReport report = probe(NodeConfig.of(server.baseUrl()));

    assertFalse(report.rangeHonoured());
    assertEquals(200, report.range().status());
    assertNull(report.range().contentRange());
    assertEquals(404, report.jlsAlternate().status());
    assertEquals(404, report.jlsThumbnailAlternate().status());
    assertEquals(RetrieveConfiguration.single(), report.proposal());
    assertTrue(report.notes().contains("Range: ignored (200: the whole frame came back)."), report.notes()::toString);
    assertTrue(last(report).contains("does not honour Range"), last(report));
  }

  @Test
  void aNodeIgnoringRangeWithJlsThumbnailsIsProposedThumbnailsThenTheJlsFrame() {
    server.handle(node(new Node(false, HTJ2K_PART, true, true)));
    ProbeReport report = probe(NodeConfig.of(server.baseUrl()));

    RetrieveConfiguration expected = RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", RetrieveOptions.builder()
            .framesPath("/jlsThumbnail/")
            .imageQualityStatus(ImageQualityStatus.SUBRESOLUTION)
            .build(),
        "singleFinal", RetrieveOptions.builder().framesPath("/jls/").build()));
    assertEquals(expected, report.proposal());
    assertEquals(TransferSyntax.JPEG_LS_NEAR_LOSSLESS, report.jlsThumbnailAlternate().transferSyntaxUid());
    assertTrue(last(report).contains("/jlsThumbnail/"), last(report));
  }

  @Test
  void thumbnailsWithoutAJlsAlternateFinishOnTheDefaultFramesPath() {
    server.handle(node(new Node(false, HTJ2K_PART, false, true)));
    ProbeReport report = probe(NodeConfig.of(server.baseUrl()));

    assertEquals("/jlsThumbnail/", report.proposal().optionsFor("singleFast").framesPath());
    assertEquals(RetrieveOptions.DEFAULT, report.proposal().optionsFor("singleFinal"));
    assertTrue(last(report).contains("no /jls/ alternate"), last(report));
  }

  @Test
  void rangeOverUncompressedFramesWithoutAlternatesStaysASingleStage() {
    server.handle(node(new Node(true, UNCOMPRESSED_PART, false, false)));
    ProbeReport report = probe(NodeConfig.of(server.baseUrl()));

    assertTrue(report.rangeHonoured());
    assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, report.defaultAccept().transferSyntaxUid());
    assertEquals(RetrieveConfiguration.single(), report.proposal());
    assertTrue(last(report).contains("not HTJ2K"), last(report));
  }

  @Test
  void a206ForOtherBytesThanAskedDoesNotCountAsHonouringRange() {
    server.handle((r, x) -> {
      if (isFrame(r) && r.header("range") != null) {
        byte[] body = frameBody(HTJ2K_PART);
        x.respond(206, Map.of("Content-Type", "multipart/related", "Content-Range",
            "bytes 1024-2047/" + body.length), Arrays.copyOfRange(body, 1024, 2048));
      } else {
        node(new Node(false, HTJ2K_PART, false, false)).answer(r, x);
      }
    });
    ProbeReport report = probe(NodeConfig.of(server.baseUrl()));

    assertEquals(206, report.range().status());
    assertFalse(report.rangeHonoured());
    assertEquals(RetrieveConfiguration.single(), report.proposal());
  }

  @Test
  void theTransferSyntaxAndStatusOfEachAcceptVariantAreRecorded() {
    server.handle((r, x) -> {
      String accept = r.header("accept");
      if (isFrame(r) && accept.contains("image/jls")) {
        sendFrame(x, JLS_PART, null);
      } else if (isFrame(r) && accept.contains("image/jphc")) {
        x.respond(406, Map.of("Content-Type", "text/plain"), "no HTJ2K here".getBytes(StandardCharsets.UTF_8));
      } else {
        node(new Node(false, UNCOMPRESSED_PART, false, false)).answer(r, x);
      }
    });
    ProbeReport report = probe(NodeConfig.of(server.baseUrl()));

    assertEquals(List.of(200, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
        List.of(report.defaultAccept().status(), report.defaultAccept().transferSyntaxUid()));
    assertEquals(List.of(200, TransferSyntax.JPEG_LS_NEAR_LOSSLESS),
        List.of(report.jlsAccept().status(), report.jlsAccept().transferSyntaxUid()));
    assertEquals(406, report.htj2kAccept().status());
    assertNull(report.htj2kAccept().transferSyntaxUid());
    assertEquals(ProbeReport.HTJ2K_ACCEPT, report.htj2kAccept().accept());
    List<String> accepts = framesOf(server.requests()).stream().map(q -> q.header("accept")).distinct().toList();
    assertTrue(accepts.containsAll(List.of(RetrieveOptions.DEFAULT_ACCEPT, ProbeReport.JLS_ACCEPT,
        ProbeReport.HTJ2K_ACCEPT)), accepts::toString);
  }

  @Test
  void theNodeCredentialsGoWithEveryProbeRequest() {
    server.handle(node(new Node(true, HTJ2K_PART, true, true)));
    probe(NodeConfig.builder().baseUrl(server.baseUrl())
        .authentication(Authentication.bearer("t0ken"))
        .header("X-Api-Key", "k1")
        .build());

    List<Recorded> requests = server.requests();
    assertEquals(7, requests.size(), requests::toString);
    for (Recorded r : requests) {
      assertEquals("Bearer t0ken", r.header("authorization"), r.target());
      assertEquals("k1", r.header("x-api-key"), r.target());
    }
  }

  @Test
  void metadataRefusedIsReportedAndNoFrameIsAsked() {
    server.handle((r, x) -> x.respond(401, Map.of("Content-Type", "text/plain"),
        "who are you".getBytes(StandardCharsets.UTF_8)));
    ProbeReport report = probe(NodeConfig.of(server.baseUrl()));

    assertFalse(report.metadataAnswered());
    assertTrue(report.metadataError().contains("401"), report.metadataError());
    assertEquals(0, report.range().status());
    assertEquals(RetrieveConfiguration.single(), report.proposal());
    assertEquals(1, server.requests().size(), "only the metadata was asked");
  }

  @Test
  void aNodeIgnoringRangeIsNotDownloadedWhole() {
    server.handle((r, x) -> {
      if (!isFrame(r)) {
        node(new Node(false, HTJ2K_PART, false, false)).answer(r, x);
        return;
      }
      // An endless frame, dripped: only cutting the transfer ends this request in time.
      x.writeHead(200, Map.of("Content-Type", "multipart/related; boundary=b"), 50L * 1024 * 1024);
      byte[] head = ("--b\r\nContent-Type: " + HTJ2K_PART + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      x.write(head, 0, head.length);
      byte[] chunk = new byte[8192];
      for (int i = 0; i < 1000; i++) {
        x.write(chunk, 0, chunk.length);
        Thread.sleep(50);
      }
    });
    long start = System.nanoTime();
    ProbeReport report = probe(NodeConfig.of(server.baseUrl()));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertEquals(200, report.defaultAccept().status(), report.notes()::toString);
    assertEquals(TransferSyntax.HTJ2K_LOSSLESS, report.defaultAccept().transferSyntaxUid());
    assertTrue(elapsedMs < 3000, "took " + elapsedMs + " ms");
  }

  private ProbeReport probe(NodeConfig node) {
    return prober.probe(node, TinySeries.STUDY, TinySeries.SERIES);
  }

  private static String last(ProbeReport report) {
    return report.notes().getLast();
  }

  /** Metadata from TinySeries; frames as one multipart part of {@code framePart}, alternates as JPEG-LS. */
  private static FaultServer.Handler node(Node node) {
    return (r, x) -> {
      if (r.target().endsWith("/metadata")) {
        x.respond(200, Map.of("Content-Type", "application/dicom+json"), SERIES.metadataJson());
      } else if (r.target().contains("/jlsThumbnail/") ? node.jlsThumbnail()
          : r.target().contains("/jls/") ? node.jls() : isFrame(r)) {
        String part = r.target().contains("/frames/") ? node.framePart() : JLS_PART;
        sendFrame(x, part, node.honoursRange() ? r.header("range") : null);
      } else {
        x.respond(404, Map.of("Content-Type", "text/plain"), "not here".getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  /** The multipart body of a frame, or its requested bytes as Static DICOMweb counts them: over the whole body. */
  private static void sendFrame(Exchange x, String partType, String range) throws IOException {
    byte[] body = frameBody(partType);
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (m == null || !m.matches()) {
      x.respond(200, Map.of("Content-Type", "multipart/related"), body);
      return;
    }
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2).isEmpty() ? body.length - 1 : Math.min(Integer.parseInt(m.group(2)), body.length - 1);
    x.respond(206, Map.of("Content-Type", "multipart/related", "Content-Range",
        "bytes " + first + "-" + last + "/" + body.length), Arrays.copyOfRange(body, first, last + 1));
  }

  private static byte[] frameBody(String partType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--frame\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[5000]);
    out.writeBytes("\r\n--frame--\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static boolean isFrame(Recorded r) {
    return r.target().contains("/frames/");
  }

  private static List<Recorded> framesOf(List<Recorded> requests) {
    return requests.stream().filter(r -> !r.target().endsWith("/metadata")).toList();
  }
}
