package org.weasis.progressive.codec.openjpeg.internal.codestream;

/**
 * One component of SIZ.
 *
 * @param precision bits per sample, 1..16 here
 * @param signed true for two's-complement samples
 * @param dx horizontal subsampling
 * @param dy vertical subsampling
 */
public record ImageComponent(int precision, boolean signed, int dx, int dy) {}
