package org.weasis.progressive.codec.openjpeg.internal.codestream;

import java.util.List;

/**
 * The resolutions, precincts, sub-bands and code-block grids of one tile (T.800 Annex B), which a
 * packet header cannot be read without.
 */
final class TileGeometry {
  private final Resolution[][] resolutions;
  private final long tileX0;
  private final long tileY0;

  private TileGeometry(Resolution[][] resolutions, long tileX0, long tileY0) {
    this.resolutions = resolutions;
    this.tileX0 = tileX0;
    this.tileY0 = tileY0;
  }

  /** {@code area} is the tile on the reference grid: {x0, y0, x1, y1}. */
  static TileGeometry of(ImageSize size, List<ComponentStyle> styles, long[] area) {
    Resolution[][] all = new Resolution[styles.size()][];
    for (int c = 0; c < styles.size(); c++) {
      ImageComponent component = size.components().get(c);
      ComponentStyle style = styles.get(c);
      long cx0 = Math.ceilDiv(area[0], component.dx());
      long cy0 = Math.ceilDiv(area[1], component.dy());
      long cx1 = Math.ceilDiv(area[2], component.dx());
      long cy1 = Math.ceilDiv(area[3], component.dy());
      all[c] = new Resolution[style.levels() + 1];
      for (int r = 0; r <= style.levels(); r++) {
        all[c][r] = Resolution.of(component, style, r, cx0, cy0, cx1, cy1);
      }
    }
    return new TileGeometry(all, area[0], area[1]);
  }

  int components() {
    return resolutions.length;
  }

  /** Number of resolutions of component {@code c}. */
  int resolutions(int c) {
    return resolutions[c].length;
  }

  Resolution resolution(int c, int r) {
    return resolutions[c][r];
  }

  /** Reference-grid column at which the progression loops reach precinct column {@code px}. */
  long precinctX(int c, int r, int px) {
    Resolution res = resolutions[c][r];
    return Math.max(tileX0, res.refScaleX * (((res.x0 >> res.ppx) + px) << res.ppx));
  }

  long precinctY(int c, int r, int py) {
    Resolution res = resolutions[c][r];
    return Math.max(tileY0, res.refScaleY * (((res.y0 >> res.ppy) + py) << res.ppy));
  }

  /** A sub-band: orientation 0 = LL, 1 = HL, 2 = LH, 3 = HH; bounds in its own coordinates. */
  record Band(int orientation, long x0, long y0, long x1, long y1) {}

  /**
   * One resolution of a tile-component.
   *
   * @param x0 left edge in this resolution's coordinates (trx0)
   * @param ppx log2 of the precinct width
   * @param precinctsAcross precinct columns, 0 when the resolution is empty
   * @param blockWidthExp log2 of the code-block width inside a precinct (xcb')
   * @param refScaleX reference-grid samples per resolution sample: dx * 2^(levels - r)
   */
  record Resolution(
      int index,
      long x0,
      long y0,
      long x1,
      long y1,
      int ppx,
      int ppy,
      int precinctsAcross,
      int precinctsDown,
      Band[] bands,
      int blockWidthExp,
      int blockHeightExp,
      long refScaleX,
      long refScaleY) {

    static Resolution of(
        ImageComponent component, ComponentStyle style, int r, long cx0, long cy0, long cx1, long cy1) {
      int n = style.levels();
      int down = n - r;
      long x0 = ceilShift(cx0, down);
      long y0 = ceilShift(cy0, down);
      long x1 = ceilShift(cx1, down);
      long y1 = ceilShift(cy1, down);
      int ppx = style.precinctWidthExp()[r];
      int ppy = style.precinctHeightExp()[r];
      int across = x1 > x0 && y1 > y0 ? (int) (ceilShift(x1, ppx) - (x0 >> ppx)) : 0;
      int downCount = x1 > x0 && y1 > y0 ? (int) (ceilShift(y1, ppy) - (y0 >> ppy)) : 0;
      Band[] bands = r == 0 ? new Band[] {band(0, n, cx0, cy0, cx1, cy1)}
          : new Band[] {
            band(1, down + 1, cx0, cy0, cx1, cy1),
            band(2, down + 1, cx0, cy0, cx1, cy1),
            band(3, down + 1, cx0, cy0, cx1, cy1)
          };
      int bandShift = r == 0 ? 0 : 1;
      return new Resolution(
          r, x0, y0, x1, y1, ppx, ppy, across, downCount, bands,
          Math.min(style.blockWidthExp(), ppx - bandShift),
          Math.min(style.blockHeightExp(), ppy - bandShift),
          (long) component.dx() << down,
          (long) component.dy() << down);
    }

    /** Sub-band of decomposition level {@code nb} (B-15): LL when orientation is 0. */
    private static Band band(int orientation, int nb, long cx0, long cy0, long cx1, long cy1) {
      long xob = orientation == 1 || orientation == 3 ? 1 : 0;
      long yob = orientation >= 2 ? 1 : 0;
      long ox = nb == 0 ? 0 : xob << (nb - 1);
      long oy = nb == 0 ? 0 : yob << (nb - 1);
      return new Band(
          orientation,
          ceilShift(cx0 - ox, nb),
          ceilShift(cy0 - oy, nb),
          ceilShift(cx1 - ox, nb),
          ceilShift(cy1 - oy, nb));
    }

    int precincts() {
      return precinctsAcross * precinctsDown;
    }

    /**
     * The code-blocks of precinct {@code k} inside {@code band}: {first column, first row, columns,
     * rows}, in code-block units of the band; zero columns when the precinct misses the band.
     */
    long[] blocks(int k, Band band) {
      int shiftX = index == 0 ? ppx : ppx - 1;
      int shiftY = index == 0 ? ppy : ppy - 1;
      long fx = (x0 >> ppx) + k % precinctsAcross;
      long fy = (y0 >> ppy) + k / precinctsAcross;
      long px0 = Math.max(band.x0(), fx << shiftX);
      long px1 = Math.min(band.x1(), (fx + 1) << shiftX);
      long py0 = Math.max(band.y0(), fy << shiftY);
      long py1 = Math.min(band.y1(), (fy + 1) << shiftY);
      if (px1 <= px0 || py1 <= py0) {
        return new long[] {0, 0, 0, 0};
      }
      long bx0 = px0 >> blockWidthExp;
      long by0 = py0 >> blockHeightExp;
      return new long[] {
        bx0, by0, ceilShift(px1, blockWidthExp) - bx0, ceilShift(py1, blockHeightExp) - by0
      };
    }
  }

  /** ceil(v / 2^shift), also for negative v. */
  static long ceilShift(long v, int shift) {
    return -((-v) >> shift);
  }
}
