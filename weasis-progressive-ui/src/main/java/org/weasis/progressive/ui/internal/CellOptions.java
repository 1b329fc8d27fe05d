package org.weasis.progressive.ui.internal;

import java.util.ArrayList;
import java.util.List;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.RetrieveOptions;

/**
 * The part of {@link RetrieveOptions} one table cell edits; null means "not set", so that a transfer-syntax
 * cell overrides only what it sets.
 */
public record CellOptions(
    String framesPath,
    Boolean streaming,
    Integer rangeIndex,
    Integer chunkSize,
    Integer decodeLevel,
    ImageQualityStatus imageQualityStatus) {

  public static final CellOptions EMPTY = new CellOptions(null, null, null, null, null, null);
  private static final String NOT_SET = "—";

  /** The cell's part of some options; EMPTY for null. */
  public static CellOptions of(RetrieveOptions options) {
    if (options == null) {
      return EMPTY;
    }
    return new CellOptions(options.framesPath(), options.streaming(), options.rangeIndex(),
        options.chunkSize(), options.decodeLevel(), options.imageQualityStatus());
  }

  public boolean isEmpty() {
    return equals(EMPTY);
  }

  /** Options with this cell's values and what the cell does not edit taken from {@code kept}. */
  public RetrieveOptions toOptions(RetrieveOptions kept) {
    RetrieveOptions base = kept == null ? RetrieveOptions.DEFAULT : kept;
    return new RetrieveOptions(framesPath, base.urlArguments(), base.accept(), decodeLevel,
        imageQualityStatus, streaming, rangeIndex, chunkSize, base.transferSyntaxes());
  }

  /** A compact text for the table, for example {@code /jls/ · stream · range 0 (65536 B) · level 2}. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    if (framesPath != null) {
      parts.add(framesPath);
    }
    if (Boolean.TRUE.equals(streaming)) {
      parts.add("stream");
    }
    if (rangeIndex != null) {
      parts.add("range " + rangeIndex + (chunkSize == null ? "" : " (" + chunkSize + " B)"));
    } else if (chunkSize != null) {
      parts.add("chunk " + chunkSize + " B");
    }
    if (decodeLevel != null) {
      parts.add("level " + decodeLevel);
    }
    if (imageQualityStatus != null) {
      parts.add(imageQualityStatus.name());
    }
    return parts.isEmpty() ? NOT_SET : String.join(" · ", parts);
  }
}
