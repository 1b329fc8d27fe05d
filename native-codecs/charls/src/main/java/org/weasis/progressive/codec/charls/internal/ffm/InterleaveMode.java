package org.weasis.progressive.codec.charls.internal.ffm;

/**
 * CharLS's {@code charls_interleave_mode}: how the components of a colour image are ordered in the scans,
 * which also decides the layout of CharLS's pixel buffer (planes for NONE, pixel-interleaved otherwise).
 */
public enum InterleaveMode {
  NONE,
  LINE,
  SAMPLE;

  /** The value CharLS uses: the ILV field of the SOS segment. */
  public int code() {
    return ordinal();
  }

  /** The mode of an ILV value, or null when the value is not 0, 1 or 2. */
  public static InterleaveMode ofCode(int code) {
    return code >= 0 && code < values().length ? values()[code] : null;
  }
}
