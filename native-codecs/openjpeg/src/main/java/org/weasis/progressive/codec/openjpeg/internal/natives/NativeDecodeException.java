package org.weasis.progressive.codec.openjpeg.internal.natives;

/** OpenJPEG refused the data; the message carries the failing call and OpenJPEG's own error text. */
public final class NativeDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  NativeDecodeException(String message) {
    super(message);
  }

  NativeDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
