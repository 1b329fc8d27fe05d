package org.weasis.progressive.testsupport.charls.ffm;

import java.lang.foreign.MemorySegment;

/** A CharLS call that returned an error code; carries the code and CharLS's own message for it. */
public final class CharlsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final JlsError error;
  private final int code;

  CharlsException(String function, int code, String charlsMessage) {
    super(function + " failed with CharLS error " + code + " (" + JlsError.of(code) + "): " + charlsMessage);
    this.error = JlsError.of(code);
    this.code = code;
  }

  /** CharLS's messages are short static strings; this bounds the read should one lack its NUL. */
  private static final long MAX_MESSAGE_BYTES = 1024;

  /** Turns a CharLS return code into nothing (success) or this exception. */
  static void check(CharlsBindings charls, String function, int code) throws CharlsException {
    if (code != JlsError.SUCCESS.code()) {
      throw failure(charls, function, code);
    }
  }

  /** The exception for a failed call, with CharLS's message for the code. */
  static CharlsException failure(CharlsBindings charls, String function, int code) {
    return new CharlsException(function, code, message(charls, code));
  }

  @SuppressWarnings("restricted") // sizes a pointer CharLS returns to one of its static strings
  private static String message(CharlsBindings charls, int code) {
    MemorySegment text = charls.charls_get_error_message(code);
    if (text.equals(MemorySegment.NULL)) {
      return "(no message)";
    }
    return text.reinterpret(MAX_MESSAGE_BYTES).getString(0);
  }

  public JlsError error() {
    return error;
  }

  /** The raw return code, kept for codes that {@link JlsError} does not know. */
  public int code() {
    return code;
  }
}
