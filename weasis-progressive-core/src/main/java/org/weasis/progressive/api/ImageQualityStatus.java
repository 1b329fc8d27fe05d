package org.weasis.progressive.api;

import java.util.Locale;

/**
 * How good a delivered image is, with Cornerstone3D's numbers. A delivered image never replaces one of
 * strictly higher status; an image is complete only at {@link #FULL_RESOLUTION}.
 */
public enum ImageQualityStatus {
  /** A copy of an image two or more positions away, shown until this image's own data arrives. */
  FAR_REPLICATE(1),
  /** A copy of the adjacent image, shown until this image's own data arrives. */
  ADJACENT_REPLICATE(3),
  /** This image at reduced resolution (a thumbnail or a partial progressive codestream). */
  SUBRESOLUTION(6),
  /** This image at full size but not bit-exact (lossy encoding or incomplete data). */
  LOSSY(7),
  /** This image, complete and lossless. */
  FULL_RESOLUTION(8);

  private final int value;

  ImageQualityStatus(int value) {
    this.value = value;
  }

  /** The number Cornerstone3D uses for this status. */
  public int value() {
    return value;
  }

  public boolean isFinal() {
    return this == FULL_RESOLUTION;
  }

  /** The status with this number. */
  public static ImageQualityStatus fromValue(int value) {
    for (ImageQualityStatus s : values()) {
      if (s.value == value) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "No ImageQualityStatus has the value " + value + " (known: 1, 3, 6, 7, 8)");
  }

  /** The status with this name (any case, '-' or '_'), or this number written as text. */
  public static ImageQualityStatus parse(String text) {
    String t = text.trim();
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      return fromValue(Integer.parseInt(t));
    }
    try {
      return valueOf(t.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "No ImageQualityStatus is named '" + text + "' (known: FAR_REPLICATE, ADJACENT_REPLICATE,"
              + " SUBRESOLUTION, LOSSY, FULL_RESOLUTION)");
    }
  }
}
