package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.weasis.progressive.api.HttpStatusException;

/** What {@link DicomWebClient} makes of a failed exchange: the error of a status answer, and whether to retry. */
final class RequestErrors {
  private RequestErrors() {}

  /**
   * The error of an answer that is not a success, naming its status and URL, with the start of its body.
   * The reason phrase and body are the server's text: cleaned of control characters and cut short.
   */
  static HttpStatusException statusError(URI url, ClassicHttpResponse response) {
    int status = response.getCode();
    String reason = ServerText.clean(response.getReasonPhrase());
    String body = ServerText.clean(excerpt(response.getEntity()));
    String hint =
        switch (status) {
          case 401 -> " (authentication required: check the node's credentials)";
          case 403 -> " (access refused for these credentials)";
          case 404 -> " (not found on the server)";
          case 406 -> " (the server cannot answer in the requested media type)";
          default -> "";
        };
    String excerpt = body == null || body.isBlank() ? "" : ": " + body;
    return new HttpStatusException(url, status, "HTTP " + status
        + (reason == null || reason.isBlank() ? "" : " " + reason) + hint + " for " + url + excerpt);
  }

  /** A 503, or a connection that failed before an answer: an idempotent GET may go again. */
  static boolean isRetryable(IOException e) {
    if (e instanceof HttpStatusException h) {
      return h.status() == 503;
    }
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return false;
    }
    return e instanceof ConnectException
        || e instanceof NoHttpResponseException
        || e instanceof NoRouteToHostException
        || (e instanceof SocketException && !(e instanceof UnknownHostException));
  }

  /** The start of an error body, as text safe to show; the caller aborts the rest. */
  private static String excerpt(HttpEntity entity) {
    if (entity == null) {
      return null;
    }
    try {
      byte[] head = entity.getContent().readNBytes(ServerText.MAX_LENGTH);
      return new String(head, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
