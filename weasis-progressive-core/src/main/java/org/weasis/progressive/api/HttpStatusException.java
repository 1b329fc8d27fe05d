package org.weasis.progressive.api;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A node's HTTP answer that is an error (neither 200 nor 206): what a load's {@link ErrorEvent#cause()} and
 * {@code NodeQueries} throw for it, so that a host tells a refusal (401), a missing resource (404) or an
 * overloaded server (503) by its status instead of by the words of its message, which may change. Errors
 * that are no HTTP answer (I/O, timeouts, a refused redirect, bytes that do not decode) are other
 * exceptions.
 */
public final class HttpStatusException extends IOException {
  private static final long serialVersionUID = 1L;

  private final URI url;
  private final int status;

  /**
   * @param url the URL that answered, after redirects
   * @param status the HTTP status of the answer, 100-599
   * @param message what to show, naming the URL and the status (the server's text in it cleaned by the
   *     caller)
   */
  public HttpStatusException(URI url, int status, String message) {
    super(message);
    this.url = Objects.requireNonNull(url, "url");
    this.status = checkStatus(status);
  }

  /** The HTTP status code of the answer. */
  public int status() {
    return status;
  }

  /** The URL that answered, after redirects. */
  public URI url() {
    return url;
  }

  /**
   * The status of the HTTP answer {@code error} is, or that one of its causes is (an answer met on another
   * thread comes wrapped); none when there is no HTTP answer in the chain (or {@code error} is null).
   */
  public static OptionalInt statusOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof HttpStatusException h) {
        return OptionalInt.of(h.status);
      }
    }
    return OptionalInt.empty();
  }

  private static int checkStatus(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status " + status + ": must be 100..599");
    }
    return status;
  }
}
