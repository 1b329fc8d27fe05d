package org.weasis.progressive.ui.internal;

import org.weasis.progressive.api.InvalidConfigurationException;

/** Reads numbers typed in the page, naming the field when the text is not one. */
final class TextInput {
  static final String NOT_A_NUMBER = "not a whole number";

  private TextInput() {}

  /** The number in {@code text}, or null when it is blank. */
  static Integer optionalInt(String key, String text) {
    return text == null || text.isBlank() ? null : requiredInt(key, text);
  }

  static int requiredInt(String key, String text) {
    try {
      return Integer.parseInt(text == null ? "" : text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(key, text, NOT_A_NUMBER);
    }
  }

  /** Null for blank text, so that "not set" stays not set. */
  static String optionalText(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
