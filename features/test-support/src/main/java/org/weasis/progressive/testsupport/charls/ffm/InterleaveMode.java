package org.weasis.progressive.testsupport.charls.ffm;

/**
 * CharLS's {@code charls_interleave_mode}, which also decides the layout of CharLS's pixel buffer (planes
 * for NONE, pixel-interleaved otherwise).
 */
public enum InterleaveMode {
  NONE,
  LINE,
  SAMPLE;

  /** The value of the C enum. */
  public int code() {
    return ordinal();
  }

  /** The mode of a value CharLS returned, or null when it is not one of the C enum's. */
  static InterleaveMode ofCode(int code) {
    return code >= 0 && code < values().length ? values()[code] : null;
  }
}
