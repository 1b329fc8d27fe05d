package org.weasis.progressive.ui.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.weasis.progressive.api.InvalidConfigurationException;

/** Reads numbers typed in the page, naming the field when the text is not one. */
final class TextInput {
  static final String NOT_A_NUMBER = "not a whole number";
  static final String NOT_A_DECIMAL = "not a number";
  static final String TOO_LARGE = "too large";

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

  /**
   * A number typed in a larger unit (MiB, KiB/s, seconds) as a whole count of {@code unit}, decimals
   * allowed so that a value stored in small units (from a console or an import) shows and comes back exact.
   */
  static long scaled(String key, String text, long unit) {
    BigDecimal typed;
    try {
      typed = new BigDecimal(text == null ? "" : text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(key, text, NOT_A_DECIMAL);
    }
    BigDecimal limit = BigDecimal.valueOf(Long.MAX_VALUE / unit);
    // Checked before scaling: "1e999999999" would otherwise build a number of a billion digits.
    if (typed.abs().compareTo(limit) > 0) {
      throw new InvalidConfigurationException(key, text, TOO_LARGE);
    }
    return typed.multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** {@code value} counted in {@code unit}s, without trailing zeros: exact, since the units are 2^n or 10^n. */
  static String inUnits(long value, long unit) {
    return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
  }

  /** Null for blank text, so that "not set" stays not set. */
  static String optionalText(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
