package org.weasis.progressive.internal.http;

import java.io.IOException;

/** A response body that cannot be read as multipart: not multipart, malformed, truncated or too large. */
public final class MultipartException extends IOException {
  public MultipartException(String message) {
    super(message);
  }
}
