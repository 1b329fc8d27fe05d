package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.util.Map;
import org.weasis.progressive.internal.http.DicomWebClient.FrameResponse;

/**
 * Reads a frame response as far as its {@link FrameHead} and then cuts the transfer: a node that ignores
 * Range would otherwise send a whole frame, megabytes, to answer the probe's yes/no question.
 */
final class FrameHeadReader implements DicomWebClient.BodySink, PartListener {
  /** Part headers come first; a body that shows none within this many bytes has none to show. */
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  private final InFlight inFlight = new InFlight();
  private FrameResponse response;
  private MultipartReader multipart;
  private String partContentType;
  private long seen;
  /** Set when this reader cut the transfer: the exception that follows is the cut, not a failure. */
  private boolean enough;

  InFlight inFlight() {
    return inFlight;
  }

  /** True when the transfer ended because this reader had what it needed. */
  boolean cut() {
    return enough;
  }

  FrameHead head() {
    return new FrameHead(response.status(), response.contentType(), response.contentRange(), partContentType);
  }

  @Override
  public void start(FrameResponse r) throws IOException {
    response = r;
    if (!FrameHead.isMultipart(r.contentType())) {
      stop(); // a single-part answer says everything in its headers
    }
    multipart = new MultipartReader(MultipartReader.boundaryOf(r.contentType()), Long.MAX_VALUE);
  }

  @Override
  public void data(byte[] buffer, int offset, int length) throws IOException {
    seen += length;
    try {
      multipart.feed(buffer, offset, length, this);
    } catch (MultipartException e) {
      stop(); // not what it claims to be: the status and headers are the answer
    }
    if (partContentType != null || seen >= MAX_HEAD_BYTES) {
      stop();
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
    // Only the part headers matter here.
  }

  private void stop() throws IOException {
    enough = true;
    inFlight.cancel("the head is in");
    throw new IOException("transfer cut once the head was in");
  }
}
