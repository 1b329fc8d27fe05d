package org.weasis.progressive.codec.openjpeg.internal.codestream;

import java.util.List;

/**
 * What the inspector learned about a codestream: enough to validate it against the DICOM attributes
 * before any native call, and to say which resolution levels a prefix of it holds completely.
 *
 * @param start offset of SOC in the caller's data (after the JP2 boxes for a JP2 file)
 * @param end offset just past EOC when complete, else the end of the caller's data
 * @param jp2 true when the data is a JP2 file wrapping the codestream
 * @param size the SIZ marker
 * @param htCapability true when a CAP marker announces Part 15 (HTJ2K)
 * @param coding the coding style of the first tile
 * @param components the component styles of the first tile
 * @param minLevels the fewest decomposition levels of any tile-component: the deepest reduction
 * @param reversible true when every tile-component uses the 5/3 wavelet without quantization
 * @param markers the optional marker segments seen (TLM, PLM, PLT, PPM, PPT, POC)
 * @param tileParts the tile-parts present, in codestream order
 * @param complete true when the codestream runs through EOC with every tile-part length consistent
 * @param levelCompleteAt for each level L, the offset in the caller's data at which every packet
 *     needed to decode at L has arrived; null when this stream's packets cannot be located
 * @param packetEnds for a single-tile stream whose packets were located, where each packet ends in the
 *     caller's data, in codestream order ({@link Long#MAX_VALUE} past the data); else null
 * @param unpredictableReason why {@code levelCompleteAt} is null, else null
 * @param htUncheckedReason for HT codestreams whose code-blocks could not all be checked before
 *     decoding, why not; else null
 */
public record Codestream(
    int start,
    int end,
    boolean jp2,
    ImageSize size,
    boolean htCapability,
    CodingStyle coding,
    List<ComponentStyle> components,
    int minLevels,
    boolean reversible,
    List<String> markers,
    List<TilePart> tileParts,
    boolean complete,
    long[] levelCompleteAt,
    long[] packetEnds,
    String unpredictableReason,
    String htUncheckedReason) {

  /** Offset at which level {@code level} is complete, or -1 when unknown or not in the data. */
  public long completeAt(int level) {
    if (levelCompleteAt == null || level < 0 || level >= levelCompleteAt.length) {
      return -1;
    }
    long at = levelCompleteAt[level];
    return at == Long.MAX_VALUE ? -1 : at;
  }

  /**
   * The finest level that decodes exactly from the first {@code prefixLength} bytes: 0 only for the
   * complete codestream, -1 when not even the coarsest resolution is complete.
   */
  public int decodableLevel(long prefixLength) {
    if (complete && prefixLength >= end) {
      return 0;
    }
    if (levelCompleteAt == null) {
      return -1;
    }
    for (int level = 1; level < levelCompleteAt.length; level++) {
      if (levelCompleteAt[level] <= prefixLength) {
        return level;
      }
    }
    return -1;
  }

  public boolean ht() {
    return components.stream().anyMatch(ComponentStyle::ht);
  }
}
