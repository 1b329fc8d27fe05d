package org.weasis.progressive.internal.probe;

import java.io.IOException;
import java.net.URI;
import org.weasis.progressive.api.HttpStatusException;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.node.ProbeReport.Answer;
import org.weasis.progressive.internal.http.ByteRanges;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.http.FrameHead;

/**
 * One probe request: the status, the headers and the first part's Content-Type of a frame resource, as
 * the http layer reads them ({@link DicomWebClient#frameHead}, which cuts the transfer once it has them).
 */
final class FrameProbe {
  private FrameProbe() {}

  /** Asks for {@code url} and reports what came back; never throws for what the node does. */
  static Answer fetch(DicomWebClient client, URI url, String accept, String range) {
    FrameHead head;
    try {
      head = client.frameHead(url, accept, range);
    } catch (HttpStatusException e) {
      return new Answer(url.toString(), accept, range, e.status(), null, null, null, e.getMessage());
    } catch (IOException e) {
      return new Answer(url.toString(), accept, range, 0, null, null, null, describe(e));
    }
    return new Answer(url.toString(), accept, range, head.status(), head.contentType(),
        render(head.contentRange()), transferSyntax(head), null);
  }

  /** The first part's syntax; a single-part answer's own; none for a multipart body without part headers. */
  private static String transferSyntax(FrameHead head) {
    if (head.partContentType() != null) {
      return TransferSyntax.fromContentType(head.partContentType());
    }
    return head.multipart() ? null : TransferSyntax.fromContentType(head.contentType());
  }

  private static String render(ByteRanges.ContentRange r) {
    return r == null ? null : "bytes " + r.first() + "-" + r.last() + "/" + (r.total() < 0 ? "*" : r.total());
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
