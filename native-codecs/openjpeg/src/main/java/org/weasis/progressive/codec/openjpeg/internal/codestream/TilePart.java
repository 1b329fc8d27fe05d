package org.weasis.progressive.codec.openjpeg.internal.codestream;

/**
 * Where one tile-part lies in the caller's data.
 *
 * @param tile Isot
 * @param part TPsot
 * @param start offset of its SOT marker
 * @param bodyStart offset just after its SOD marker, where the packets begin
 * @param end offset just past its last byte as Psot declares it (may lie past a prefix's end)
 */
public record TilePart(int tile, int part, int start, int bodyStart, long end) {}
