package org.weasis.progressive.codec.openjpeg.internal.codestream;

import java.util.List;

/**
 * The SIZ marker: the reference grid, the tiling and the components.
 *
 * @param x1 Xsiz, right edge of the image on the reference grid
 * @param y1 Ysiz, bottom edge
 * @param x0 XOsiz, image offset
 * @param y0 YOsiz
 * @param tileWidth XTsiz
 * @param tileHeight YTsiz
 * @param tileX0 XTOsiz
 * @param tileY0 YTOsiz
 */
public record ImageSize(
    int capabilities,
    long x1,
    long y1,
    long x0,
    long y0,
    long tileWidth,
    long tileHeight,
    long tileX0,
    long tileY0,
    List<ImageComponent> components) {

  public int width() {
    return (int) (x1 - x0);
  }

  public int height() {
    return (int) (y1 - y0);
  }

  public int tilesAcross() {
    return (int) Math.ceilDiv(x1 - tileX0, tileWidth);
  }

  public int tilesDown() {
    return (int) Math.ceilDiv(y1 - tileY0, tileHeight);
  }

  public int tileCount() {
    return tilesAcross() * tilesDown();
  }

  /** The area of tile {@code t} on the reference grid: {x0, y0, x1, y1}. */
  long[] tileArea(int t) {
    int p = t % tilesAcross();
    int q = t / tilesAcross();
    return new long[] {
      Math.max(tileX0 + p * tileWidth, x0),
      Math.max(tileY0 + q * tileHeight, y0),
      Math.min(tileX0 + (p + 1) * tileWidth, x1),
      Math.min(tileY0 + (q + 1) * tileHeight, y1)
    };
  }
}
