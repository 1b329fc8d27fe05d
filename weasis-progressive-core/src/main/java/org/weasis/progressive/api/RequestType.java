package org.weasis.progressive.api;

import java.util.Locale;

/** The queue a request waits in; interaction runs before thumbnail, thumbnail before prefetch. */
public enum RequestType {
  INTERACTION,
  THUMBNAIL,
  PREFETCH;

  /** Cornerstone3D's spelling ("interaction", "thumbnail", "prefetch"). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RequestType parse(String text) {
    for (RequestType t : values()) {
      if (t.name().equalsIgnoreCase(text.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "No request type is named '" + text + "' (known: interaction, thumbnail, prefetch)");
  }
}
