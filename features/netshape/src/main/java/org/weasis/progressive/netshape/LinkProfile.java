package org.weasis.progressive.netshape;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The access link a measurement was made on, so that every benchmark names the same link and can be compared
 * with that link's wire limit.
 *
 * @param downBitsPerSecond target-to-client rate, or {@link #UNLIMITED}
 * @param upBitsPerSecond client-to-target rate, or {@link #UNLIMITED}
 * @param oneWayDelay added once in each direction, so a request/response round trip costs twice this
 */
public record LinkProfile(long downBitsPerSecond, long upBitsPerSecond, Duration oneWayDelay) {
  /**
   * Longer delays are a typo, and bounding them keeps the shaper's nanosecond arithmetic far from overflow.
   * Declared first because the constructor, run for the constants below, checks against it.
   */
  public static final Duration MAX_ONE_WAY_DELAY = Duration.ofMinutes(1);
  /** A rate that is not shaped at all. */
  public static final long UNLIMITED = Long.MAX_VALUE;
  /** The seeds' mobile link: 30 Mbit/s down, 5 Mbit/s up, 10 ms one way. */
  public static final LinkProfile FOUR_G = new LinkProfile(30_000_000, 5_000_000, Duration.ofMillis(10));
  /** No shaping: loopback speed, no added delay. */
  public static final LinkProfile LOCAL = new LinkProfile(UNLIMITED, UNLIMITED, Duration.ZERO);

  private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
  private static final String FORMS = "expected 4g, local or DOWN,UP,LATENCY in Mbit/s, Mbit/s, ms (e.g. 30,5,10)";

  public LinkProfile {
    requirePositive(downBitsPerSecond, "down rate");
    requirePositive(upBitsPerSecond, "up rate");
    Objects.requireNonNull(oneWayDelay, "oneWayDelay");
    if (oneWayDelay.isNegative() || oneWayDelay.compareTo(MAX_ONE_WAY_DELAY) > 0) {
      throw new IllegalArgumentException("one-way delay must be 0.." + MAX_ONE_WAY_DELAY.toMillis()
          + " ms, got " + oneWayDelay.toMillis() + " ms");
    }
  }

  /** Reads {@code 4g}, {@code local} or {@code DOWN,UP,LATENCY} (Mbit/s, Mbit/s, ms; decimals allowed). */
  public static LinkProfile parse(String text) {
    Objects.requireNonNull(text, "text");
    String spec = text.strip();
    return switch (spec.toLowerCase(Locale.ROOT)) {
      case "4g" -> FOUR_G;
      case "local" -> LOCAL;
      default -> parseNumbers(spec);
    };
  }

  /** For messages and reports: {@code 30 Mbit/s down, 5 Mbit/s up, 10 ms one way}. */
  public String describe() {
    return describeRate(downBitsPerSecond) + " down, " + describeRate(upBitsPerSecond) + " up, "
        + decimal(oneWayDelay.toNanos(), 6) + " ms one way";
  }

  /** Reads a rate given in Mbit/s; {@code what} names the value in the error. */
  static long parseMegabits(String value, String what) {
    String text = value.strip();
    if (DECIMAL.matcher(text).matches()) {
      long bits = Math.round(Double.parseDouble(text) * 1e6);
      if (bits > 0) {
        return bits;
      }
    }
    throw new IllegalArgumentException(what + " must be a positive number of Mbit/s, got '" + value + "'");
  }

  /** Reads a one-way delay given in milliseconds; {@code what} names the value in the error. */
  static Duration parseMillis(String value, String what) {
    String text = value.strip();
    if (DECIMAL.matcher(text).matches()) {
      double millis = Double.parseDouble(text);
      if (millis <= MAX_ONE_WAY_DELAY.toMillis()) {
        return Duration.ofNanos(Math.round(millis * 1e6));
      }
    }
    throw new IllegalArgumentException(what + " must be a number of milliseconds from 0 to "
        + MAX_ONE_WAY_DELAY.toMillis() + ", got '" + value + "'");
  }

  private static LinkProfile parseNumbers(String spec) {
    String[] parts = spec.split(",", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("Unknown link '" + spec + "': " + FORMS);
    }
    try {
      return new LinkProfile(parseMegabits(parts[0], "DOWN"), parseMegabits(parts[1], "UP"),
          parseMillis(parts[2], "LATENCY"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " in link '" + spec + "'", e);
    }
  }

  private static void requirePositive(long bitsPerSecond, String what) {
    if (bitsPerSecond <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + bitsPerSecond + " bit/s");
    }
  }

  private static String describeRate(long bitsPerSecond) {
    return bitsPerSecond == UNLIMITED ? "unlimited" : decimal(bitsPerSecond, 6) + " Mbit/s";
  }

  /** {@code unscaled / 10^scale} without trailing zeros: 30000000, 6 gives 30 and 2500000, 6 gives 2.5. */
  private static String decimal(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale).stripTrailingZeros().toPlainString();
  }
}
