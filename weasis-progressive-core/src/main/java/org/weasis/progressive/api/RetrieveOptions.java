package org.weasis.progressive.api;

import java.util.Map;

/**
 * How one retrieveType fetches and decodes a frame. Null fields mean "not set": {@link #merge} lets a
 * per-transfer-syntax entry override only what it sets.
 *
 * @param framesPath replaces the {@code /frames/} segment of the frame URL (for example {@code /jls/})
 * @param urlArguments appended to the frame URL after {@code ?} or {@code &}
 * @param accept the Accept header for frames; null = {@link #DEFAULT_ACCEPT}
 * @param decodeLevel the coarsest detail worth decoding, 0 = full, level i = 1/2^i per axis: partial data
 *     is decoded at this level or coarser; complete data at full size unless {@code imageQualityStatus}
 *     says the request brings less than full resolution (a thumbnail); null = finest available
 * @param imageQualityStatus status of the image once all bytes of this request are in; null = full
 * @param streaming decode partial data as it arrives; a range request ({@code rangeIndex} set) is not
 *     streamed, as in Cornerstone3D
 * @param rangeIndex fetch byte range chunk {@code rangeIndex} (0 = first chunk, -1 = the rest); null = no range
 * @param chunkSize size of a range chunk in bytes; null = {@link #DEFAULT_CHUNK_SIZE}. As in Cornerstone3D,
 *     the first range request of a frame URL fixes the chunk size later stages count in
 * @param transferSyntaxes options that replace these ones when the frame has that transfer syntax UID
 */
public record RetrieveOptions(
    String framesPath,
    String urlArguments,
    String accept,
    Integer decodeLevel,
    ImageQualityStatus imageQualityStatus,
    Boolean streaming,
    Integer rangeIndex,
    Integer chunkSize,
    Map<String, RetrieveOptions> transferSyntaxes) {

  public static final String DEFAULT_ACCEPT =
      "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
  public static final int DEFAULT_CHUNK_SIZE = 65536;
  /** Options with nothing set: fetch the whole frame and grade it by what was decoded. */
  public static final RetrieveOptions DEFAULT = builder().build();

  public RetrieveOptions {
    if (framesPath != null && !framesPath.startsWith("/")) {
      throw new InvalidConfigurationException(
          "framesPath", framesPath, "must start with '/', for example \"/jls/\"");
    }
    if (decodeLevel != null && (decodeLevel < 0 || decodeLevel > 32)) {
      throw new InvalidConfigurationException("decodeLevel", decodeLevel, "must be between 0 and 32");
    }
    if (rangeIndex != null && rangeIndex < -1) {
      throw new InvalidConfigurationException(
          "rangeIndex", rangeIndex, "must be -1 (the rest) or a chunk number from 0");
    }
    if (chunkSize != null && chunkSize < 1) {
      throw new InvalidConfigurationException("chunkSize", chunkSize, "must be 1 or more bytes");
    }
    transferSyntaxes = transferSyntaxes == null ? Map.of() : Map.copyOf(transferSyntaxes);
    for (RetrieveOptions nested : transferSyntaxes.values()) {
      if (!nested.transferSyntaxes.isEmpty()) {
        throw new InvalidConfigurationException(
            "transferSyntaxes", nested.transferSyntaxes.keySet(), "cannot be nested");
      }
    }
  }

  /**
   * Refuses an Accept value that is not a comma-separated list of media ranges (null means not set), so
   * that a typo shows where it is typed rather than as a 406 while a series loads.
   *
   * @throws InvalidConfigurationException with key {@code accept}, naming what is wrong
   */
  public static void checkAccept(String accept) {
    RequestSyntax.checkAccept("accept", accept);
  }

  /**
   * Refuses urlArguments that are not {@code key=value} pairs joined by {@code &} with the characters a
   * URL can carry (null means not set).
   *
   * @throws InvalidConfigurationException with key {@code urlArguments}, naming the bad pair
   */
  public static void checkUrlArguments(String urlArguments) {
    RequestSyntax.checkUrlArguments("urlArguments", urlArguments);
  }

  /** The options for a frame of this transfer syntax: the matching entry over these ones. */
  public RetrieveOptions forTransferSyntax(String transferSyntaxUid) {
    RetrieveOptions specific = transferSyntaxUid == null ? null : transferSyntaxes.get(transferSyntaxUid);
    return specific == null ? this : merge(specific);
  }

  /** These options with every field that {@code over} sets replaced by its value. */
  public RetrieveOptions merge(RetrieveOptions over) {
    return builder()
        .framesPath(pick(over.framesPath, framesPath))
        .urlArguments(pick(over.urlArguments, urlArguments))
        .accept(pick(over.accept, accept))
        .decodeLevel(pick(over.decodeLevel, decodeLevel))
        .imageQualityStatus(pick(over.imageQualityStatus, imageQualityStatus))
        .streaming(pick(over.streaming, streaming))
        .rangeIndex(pick(over.rangeIndex, rangeIndex))
        .chunkSize(pick(over.chunkSize, chunkSize))
        .transferSyntaxes(transferSyntaxes)
        .build();
  }

  /** Options with nothing set, to set field by field; {@link Builder#build()} validates them. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .framesPath(framesPath)
        .urlArguments(urlArguments)
        .accept(accept)
        .decodeLevel(decodeLevel)
        .imageQualityStatus(imageQualityStatus)
        .streaming(streaming)
        .rangeIndex(rangeIndex)
        .chunkSize(chunkSize)
        .transferSyntaxes(transferSyntaxes);
  }

  public String acceptOrDefault() {
    return accept == null ? DEFAULT_ACCEPT : accept;
  }

  public ImageQualityStatus statusOrDefault() {
    return imageQualityStatus == null ? ImageQualityStatus.FULL_RESOLUTION : imageQualityStatus;
  }

  /** True when partial data is decoded as it arrives: streaming is set and this is no range request. */
  public boolean isStreaming() {
    return Boolean.TRUE.equals(streaming) && !isRange();
  }

  public boolean isRange() {
    return rangeIndex != null;
  }

  public int chunkSizeOrDefault() {
    return chunkSize == null ? DEFAULT_CHUNK_SIZE : chunkSize;
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }

  /** Sets fields by name; a null argument leaves the field unset. */
  public static final class Builder {
    private String framesPath;
    private String urlArguments;
    private String accept;
    private Integer decodeLevel;
    private ImageQualityStatus imageQualityStatus;
    private Boolean streaming;
    private Integer rangeIndex;
    private Integer chunkSize;
    private Map<String, RetrieveOptions> transferSyntaxes;

    private Builder() {}

    public Builder framesPath(String framesPath) {
      this.framesPath = framesPath;
      return this;
    }

    public Builder urlArguments(String urlArguments) {
      this.urlArguments = urlArguments;
      return this;
    }

    public Builder accept(String accept) {
      this.accept = accept;
      return this;
    }

    public Builder decodeLevel(Integer decodeLevel) {
      this.decodeLevel = decodeLevel;
      return this;
    }

    public Builder imageQualityStatus(ImageQualityStatus imageQualityStatus) {
      this.imageQualityStatus = imageQualityStatus;
      return this;
    }

    public Builder streaming(Boolean streaming) {
      this.streaming = streaming;
      return this;
    }

    public Builder rangeIndex(Integer rangeIndex) {
      this.rangeIndex = rangeIndex;
      return this;
    }

    public Builder chunkSize(Integer chunkSize) {
      this.chunkSize = chunkSize;
      return this;
    }

    public Builder transferSyntaxes(Map<String, RetrieveOptions> transferSyntaxes) {
      this.transferSyntaxes = transferSyntaxes;
      return this;
    }

    /**
     * The options.
     *
     * @throws InvalidConfigurationException naming the field whose value cannot be used
     */
    public RetrieveOptions build() {
      return new RetrieveOptions(framesPath, urlArguments, accept, decodeLevel, imageQualityStatus,
          streaming, rangeIndex, chunkSize, transferSyntaxes);
    }
  }
}
