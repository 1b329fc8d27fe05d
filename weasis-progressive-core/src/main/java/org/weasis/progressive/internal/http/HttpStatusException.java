package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.net.URI;

/** A server answer that is not a success: its status, the URL and the start of its body. */
public final class HttpStatusException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public HttpStatusException(URI url, int status, String reason, String bodyExcerpt) {
    super(describe(url, status, reason, bodyExcerpt));
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The reason phrase and body are the server's text: cleaned of control characters and cut short. */
  private static String describe(URI url, int status, String serverReason, String serverBody) {
    String reason = ServerText.clean(serverReason);
    String body = ServerText.clean(serverBody);
    String hint =
        switch (status) {
          case 401 -> " (authentication required: check the node's credentials)";
          case 403 -> " (access refused for these credentials)";
          case 404 -> " (not found on the server)";
          case 406 -> " (the server cannot answer in the requested media type)";
          default -> "";
        };
    String excerpt = body == null || body.isBlank() ? "" : ": " + body;
    return "HTTP " + status + (reason == null || reason.isBlank() ? "" : " " + reason) + hint
        + " for " + url + excerpt;
  }
}
