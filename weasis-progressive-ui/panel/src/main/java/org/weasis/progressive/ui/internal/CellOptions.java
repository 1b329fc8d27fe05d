package org.weasis.progressive.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.RetrieveOptions;

/**
 * The part of {@link RetrieveOptions} one table cell edits (all of it but the transfer-syntax entries,
 * which are the other cells); null means "not set", so that a transfer-syntax cell overrides only what it
 * sets.
 */
public record CellOptions(
    String framesPath,
    Boolean streaming,
    Integer rangeIndex,
    Integer chunkSize,
    Integer decodeLevel,
    ImageQualityStatus imageQualityStatus,
    String accept,
    String urlArguments) {

  public static final CellOptions EMPTY = new CellOptions(null, null, null, null, null, null, null, null);
  private static final String NOT_SET = "—";
  private static final Pattern MULTIPART_TYPE = Pattern.compile("(?i);\\s*type=\"?([^\";,]+)");

  /** The cell's part of some options; EMPTY for null. */
  public static CellOptions of(RetrieveOptions options) {
    if (options == null) {
      return EMPTY;
    }
    return new CellOptions(options.framesPath(), options.streaming(), options.rangeIndex(),
        options.chunkSize(), options.decodeLevel(), options.imageQualityStatus(), options.accept(),
        options.urlArguments());
  }

  public boolean isEmpty() {
    return equals(EMPTY);
  }

  /**
   * Options with this cell's values and the transfer-syntax entries of {@code kept}.
   *
   * @throws org.weasis.progressive.api.InvalidConfigurationException naming the first unusable value
   */
  public RetrieveOptions toOptions(RetrieveOptions kept) {
    RetrieveOptions.checkAccept(accept);
    RetrieveOptions.checkUrlArguments(urlArguments);
    RetrieveOptions base = kept == null ? RetrieveOptions.DEFAULT : kept;
    return RetrieveOptions.builder()
        .framesPath(framesPath)
        .urlArguments(urlArguments)
        .accept(accept)
        .decodeLevel(decodeLevel)
        .imageQualityStatus(imageQualityStatus)
        .streaming(streaming)
        .rangeIndex(rangeIndex)
        .chunkSize(chunkSize)
        .transferSyntaxes(base.transferSyntaxes())
        .build();
  }

  /**
   * A compact text for the table, for example {@code /jls/ · stream · range 0 (65536 B) · level 2 · accept
   * image/jls · ?quality=90}.
   */
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
    if (accept != null) {
      parts.add("accept " + acceptSummary());
    }
    if (urlArguments != null) {
      parts.add("?" + urlArguments);
    }
    return parts.isEmpty() ? NOT_SET : String.join(" · ", parts);
  }

  /** The {@code type} parameter (what a multipart Accept asks for), else the whole Accept value. */
  private String acceptSummary() {
    Matcher type = MULTIPART_TYPE.matcher(accept);
    return type.find() ? type.group(1) : accept;
  }
}
