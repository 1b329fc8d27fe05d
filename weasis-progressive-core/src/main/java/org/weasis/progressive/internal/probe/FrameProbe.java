package org.weasis.progressive.internal.probe;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.weasis.progressive.api.node.ProbeReport.Answer;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.internal.http.ByteRanges;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.http.DicomWebClient.FrameResponse;
import org.weasis.progressive.internal.http.HttpStatusException;
import org.weasis.progressive.internal.http.InFlight;
import org.weasis.progressive.internal.http.MultipartException;
import org.weasis.progressive.internal.http.MultipartReader;
import org.weasis.progressive.internal.http.PartListener;

/**
 * One probe request: keeps the status, the headers and the first part's Content-Type, and cuts the
 * transfer as soon as it has them — a node that ignores Range would otherwise send a whole frame,
 * megabytes, to answer a yes/no question.
 */
final class FrameProbe implements DicomWebClient.BodySink, PartListener {
  /** Part headers come first; a body that shows none within this many bytes has none to show. */
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  private final InFlight inFlight = new InFlight();
  private FrameResponse response;
  private MultipartReader multipart;
  private String partContentType;
  private long seen;
  /** Set when this probe cut the transfer: the exception that follows is the cut, not a failure. */
  private boolean enough;

  private FrameProbe() {}

  /** Asks for {@code url} and reports what came back; never throws for what the node does. */
  static Answer fetch(DicomWebClient client, URI url, String accept, String range) {
    FrameProbe probe = new FrameProbe();
    try {
      client.getFrame(url, accept, range, probe.inFlight, probe);
    } catch (HttpStatusException e) {
      return new Answer(url.toString(), accept, range, e.status(), null, null, null, e.getMessage());
    } catch (IOException e) {
      if (!probe.enough) {
        return new Answer(url.toString(), accept, range, 0, null, null, null, describe(e));
      }
    }
    return probe.answer(url, accept, range);
  }

  @Override
  public void start(FrameResponse r) throws IOException {
    response = r;
    if (!isMultipart(r.contentType())) {
      cut(); // a single-part answer says everything in its headers
    }
    multipart = new MultipartReader(MultipartReader.boundaryOf(r.contentType()), Long.MAX_VALUE);
  }

  @Override
  public void data(byte[] buffer, int offset, int length) throws IOException {
    seen += length;
    try {
      multipart.feed(buffer, offset, length, this);
    } catch (MultipartException e) {
      cut(); // not what it claims to be: the status and headers are the answer
    }
    if (partContentType != null || seen >= MAX_HEAD_BYTES) {
      cut();
    }
  }

  @Override
  public void partStarted(Map<String, String> headers) {
    if (partContentType == null) {
      partContentType = headers.getOrDefault("content-type", "");
    }
  }

  @Override
  public void partData(byte[] b, int off, int len) {
    // Only the part headers matter to the probe.
  }

  private void cut() throws IOException {
    enough = true;
    inFlight.cancel("the probe has what it needs");
    throw new IOException("transfer cut by the probe");
  }

  private Answer answer(URI url, String accept, String range) {
    String syntax = partContentType != null
        ? TransferSyntax.fromContentType(partContentType)
        : multipart == null ? TransferSyntax.fromContentType(response.contentType()) : null;
    return new Answer(url.toString(), accept, range, response.status(), response.contentType(),
        render(response.contentRange()), syntax, null);
  }

  private static boolean isMultipart(String contentType) {
    return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  private static String render(ByteRanges.ContentRange r) {
    return r == null ? null : "bytes " + r.first() + "-" + r.last() + "/" + (r.total() < 0 ? "*" : r.total());
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
