package org.weasis.progressive.codec.charls.internal;

/** JPEG-LS data the Java decoder refuses; the message says what is wrong and where (byte offset, line). */
public final class JlsDataException extends Exception {
  private static final long serialVersionUID = 1L;

  JlsDataException(String message) {
    super(message);
  }
}
