package org.weasis.progressive.codec.openjpeg.internal.codestream;

/**
 * The tile-wide part of COD.
 *
 * @param progression packet order
 * @param layers quality layers
 * @param multipleComponentTransform true when RCT/ICT joins the first three components
 * @param sop packets may start with SOP marker segments
 * @param eph packet headers end with EPH markers
 */
public record CodingStyle(
    Progression progression, int layers, boolean multipleComponentTransform, boolean sop, boolean eph) {}
