package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.util.Map;

/** Receives the parts of a multipart body from {@link MultipartReader} while the body is still arriving. */
public interface PartListener {
  /** A part begins; header names are lower-case, values trimmed. */
  void partStarted(Map<String, String> headers) throws IOException;

  /** Payload bytes of the current part; the array is the reader's or the caller's: copy, never keep or change it. */
  void partData(byte[] b, int off, int len) throws IOException;

  /** The current part's payload is complete. */
  default void partEnded() {}

  /** The close delimiter was read: no more parts will come. */
  default void bodyEnded() {}
}
