package org.weasis.progressive.internal.http;

/**
 * Makes text a server chose (a reason phrase, an error body, a header) safe to put in an error or a log
 * line: a hostile server could otherwise write terminal escape sequences into a user's console, forge log
 * lines with line breaks, or fill a log with megabytes.
 */
public final class ServerText {
  /** Long enough for a useful error body excerpt, short enough for one log line. */
  public static final int MAX_LENGTH = 200;

  private ServerText() {}

  /** See {@link #clean(String, int)}, with {@link #MAX_LENGTH}. */
  public static String clean(String text) {
    return clean(text, MAX_LENGTH);
  }

  /**
   * The text on one line: runs of blanks become one space, control and invisible format characters
   * (ESC, C1 controls, bidi overrides) become '?', and past {@code max} characters it is cut with "…".
   */
  public static String clean(String text, int max) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
    boolean pendingBlank = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingBlank = !out.isEmpty();
        continue;
      }
      if (out.length() + (pendingBlank ? 1 : 0) >= max) {
        return out.append('…').toString();
      }
      if (pendingBlank) {
        out.append(' ');
        pendingBlank = false;
      }
      out.append(isUnsafe(c) ? '?' : c);
    }
    return out.toString();
  }

  private static boolean isUnsafe(char c) {
    return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
  }
}
