package org.weasis.progressive.internal.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.node.ProbeReport;
import org.weasis.progressive.api.node.ProbeReport.Answer;
import org.weasis.progressive.internal.dicom.FrameUrls;
import org.weasis.progressive.internal.dicom.SeriesMetadata;
import org.weasis.progressive.internal.http.ByteRanges;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.http.InFlight;

/**
 * Asks a node the few questions that decide a retrieve configuration — metadata, Range, transfer
 * syntaxes per Accept, alternates — with short timeouts and no retries, so that "Test node" answers in
 * seconds even from a node that is down; each frame transfer stops as soon as its headers are known.
 */
public final class NodeProber {
  /** The first KiB of the frame: enough to see a 206 and its Content-Range. */
  static final String RANGE = "bytes=0-1023";
  static final String JLS_PATH = "/jls/";
  static final String JLS_THUMBNAIL_PATH = "/jlsThumbnail/";

  private static final long MAX_METADATA_BYTES = 64L * 1024 * 1024;
  private static final Map<String, String> SYNTAX_NAMES = Map.of(
      TransferSyntax.HTJ2K_LOSSLESS, "HTJ2K lossless",
      TransferSyntax.HTJ2K_LOSSLESS_RPCL, "HTJ2K RPCL lossless",
      TransferSyntax.HTJ2K, "HTJ2K",
      TransferSyntax.HTJ2K_PRIVATE, "HTJ2K (private UID)",
      TransferSyntax.JPEG_LS_LOSSLESS, "JPEG-LS lossless",
      TransferSyntax.JPEG_LS_NEAR_LOSSLESS, "JPEG-LS near-lossless",
      TransferSyntax.JPEG_2000_LOSSLESS, "JPEG 2000 lossless",
      TransferSyntax.JPEG_2000, "JPEG 2000",
      TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "uncompressed",
      TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, "uncompressed (implicit VR)");

  private final Duration timeout;
  private final ScheduledExecutorService timer;

  /**
   * @param timeout longest wait for a connection or a byte; a whole request gets twice this
   * @param timer runs the per-request deadlines
   */
  public NodeProber(Duration timeout, ScheduledExecutorService timer) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  public ProbeReport probe(NodeConfig node, String studyUid, String seriesUid) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(studyUid, "studyUid");
    Objects.requireNonNull(seriesUid, "seriesUid");
    List<String> notes = new ArrayList<>();
    try (DicomWebClient client = new DicomWebClient(quick(node), timer)) {
      ImageRef first;
      try {
        first = firstImage(client, studyUid, seriesUid);
      } catch (IOException | IllegalArgumentException e) {
        return withoutMetadata(e.getMessage(), notes);
      }
      URI frame = FrameUrls.build(first, RetrieveOptions.DEFAULT);
      notes.add("Metadata: answered; the checks ask for frame 1 of instance " + first.sopInstanceUid() + ".");
      Answer range = FrameProbe.fetch(client, frame, RetrieveOptions.DEFAULT_ACCEPT, RANGE);
      boolean rangeHonoured = honoursRange(range);
      notes.add(describeRange(range, rangeHonoured));
      Answer plain = FrameProbe.fetch(client, frame, RetrieveOptions.DEFAULT_ACCEPT, null);
      Answer jls = FrameProbe.fetch(client, frame, ProbeReport.JLS_ACCEPT, null);
      Answer htj2k = FrameProbe.fetch(client, frame, ProbeReport.HTJ2K_ACCEPT, null);
      notes.add(describeAccept("the default Accept", plain));
      notes.add(describeAccept("Accept type=\"image/jls\"", jls));
      notes.add(describeAccept("Accept type=\"image/jphc\"", htj2k));
      Answer jlsAlternate = FrameProbe.fetch(client, alternate(first, JLS_PATH), RetrieveOptions.DEFAULT_ACCEPT, null);
      Answer thumbnails =
          FrameProbe.fetch(client, alternate(first, JLS_THUMBNAIL_PATH), RetrieveOptions.DEFAULT_ACCEPT, null);
      notes.add(describeAlternate(JLS_PATH, jlsAlternate));
      notes.add(describeAlternate(JLS_THUMBNAIL_PATH, thumbnails));
      String frameSyntax = frameSyntax(plain, first, notes);
      ConfigurationProposal.Choice choice = ConfigurationProposal.choose(
          rangeHonoured, isHtj2k(frameSyntax), thumbnails.answered(), jlsAlternate.answered());
      notes.add(choice.reason());
      return new ProbeReport(true, null, frame.toString(), range, rangeHonoured, plain, jls, htj2k, jlsAlternate,
          thumbnails, choice.configuration(), notes);
    }
  }

  /** The node's settings with the probe's short timeouts and no retries: a probe reports, it does not insist. */
  private NodeConfig quick(NodeConfig node) {
    return node
        .toBuilder().connectTimeout(shorter(node.connectTimeout(), timeout))
        .stallTimeout(shorter(node.stallTimeout(), timeout))
        .requestTimeout(shorter(node.requestTimeout(), timeout.multipliedBy(2)))
        .maxRetries(0).retryBackoff(node.retryBackoff()).build();
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static ImageRef firstImage(DicomWebClient client, String studyUid, String seriesUid) throws IOException {
    URI seriesUrl = URI.create(client.node().baseUrl() + "/studies/" + studyUid + "/series/" + seriesUid);
    byte[] json = client.getJson(URI.create(seriesUrl + "/metadata"), MAX_METADATA_BYTES, "the probe's limit", new InFlight());
    List<ImageRef> images = SeriesMetadata.parse(new ByteArrayInputStream(json), seriesUrl, studyUid, seriesUid);
    if (images.isEmpty()) {
      throw new IOException("The series metadata at " + seriesUrl + " lists no image");
    }
    return images.get(0);
  }

  private static ProbeReport withoutMetadata(String error, List<String> notes) {
    notes.add("Metadata: not answered: " + error);
    notes.add("Proposal: a single stage, because without the series metadata no frame could be checked.");
    Answer skipped = Answer.skipped("not asked: the series metadata was not read");
    return new ProbeReport(false, error, null, skipped, false, skipped, skipped, skipped, skipped, skipped,
        RetrieveConfiguration.single(), notes);
  }

  /** A 206 whose Content-Range starts at 0 and ends at 1023, or earlier at the end of a smaller frame. */
  static boolean honoursRange(Answer range) {
    if (range.status() != 206 || range.contentRange() == null) {
      return false;
    }
    try {
      ByteRanges.ContentRange r = ByteRanges.ContentRange.parse(range.contentRange());
      return r.first() == 0 && (r.last() == 1023 || (r.last() < 1023 && r.total() == r.last() + 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String describeRange(Answer range, boolean honoured) {
    if (honoured) {
      return "Range: honoured (206, Content-Range " + range.contentRange() + ").";
    }
    if (range.status() == 200) {
      return "Range: ignored (200: the whole frame came back).";
    }
    if (range.status() == 206) {
      return "Range: not usable: 206 with Content-Range " + range.contentRange() + " for " + RANGE + ".";
    }
    return "Range: no answer: " + range.error();
  }

  private static String describeAccept(String what, Answer answer) {
    if (!answer.answered()) {
      return "Frame with " + what + ": " + (answer.status() == 0 ? "no answer: " + answer.error()
          : "HTTP " + answer.status() + ".");
    }
    return "Frame with " + what + ": " + answer.status() + ", " + describeSyntax(answer.transferSyntaxUid()) + ".";
  }

  private static String describeAlternate(String path, Answer answer) {
    if (answer.answered()) {
      return "Alternate " + path + ": present (" + answer.status() + ", "
          + describeSyntax(answer.transferSyntaxUid()) + ").";
    }
    return "Alternate " + path + ": absent (" + (answer.status() == 0 ? answer.error() : "HTTP " + answer.status())
        + ").";
  }

  private static String describeSyntax(String uid) {
    if (uid == null) {
      return "transfer syntax not stated";
    }
    String name = SYNTAX_NAMES.get(uid);
    return "transfer syntax " + uid + (name == null ? "" : " (" + name + ")");
  }

  /** What the frames are: the default answer's transfer syntax, else the metadata's. */
  private static String frameSyntax(Answer plain, ImageRef first, List<String> notes) {
    if (plain.transferSyntaxUid() != null) {
      return plain.transferSyntaxUid();
    }
    if (first.transferSyntaxUid() != null) {
      notes.add("The frame answer did not state its transfer syntax; the metadata's, "
          + describeSyntax(first.transferSyntaxUid()) + ", is assumed.");
    }
    return first.transferSyntaxUid();
  }

  private static URI alternate(ImageRef image, String framesPath) {
    return FrameUrls.build(image, RetrieveOptions.builder().framesPath(framesPath).build());
  }

  static boolean isHtj2k(String uid) {
    return TransferSyntax.HTJ2K_LOSSLESS.equals(uid)
        || TransferSyntax.HTJ2K_LOSSLESS_RPCL.equals(uid)
        || TransferSyntax.HTJ2K.equals(uid)
        || TransferSyntax.HTJ2K_PRIVATE.equals(uid);
  }
}
