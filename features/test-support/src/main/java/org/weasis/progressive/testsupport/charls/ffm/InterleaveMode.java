package org.weasis.progressive.testsupport.charls.ffm;

/**
 * CharLS's {@code charls_interleave_mode}, in the C enum's order (the ordinal is its value); it also decides
 * the layout of CharLS's pixel buffer (planes for NONE, pixel-interleaved otherwise).
 */
public enum InterleaveMode {
  NONE,
  LINE,
  SAMPLE
}
