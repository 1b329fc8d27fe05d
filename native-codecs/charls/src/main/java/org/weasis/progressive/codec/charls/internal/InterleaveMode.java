package org.weasis.progressive.codec.charls.internal;

/** The ILV field of a JPEG-LS scan header: how the components of a colour image are ordered in the scans. */
public enum InterleaveMode {
  NONE,
  LINE,
  SAMPLE;

  /** The ILV field's value in the SOS segment. */
  public int code() {
    return ordinal();
  }

  /** The mode of an ILV value, or null when the value is not 0, 1 or 2. */
  public static InterleaveMode ofCode(int code) {
    return code >= 0 && code < values().length ? values()[code] : null;
  }
}
