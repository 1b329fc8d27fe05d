package org.weasis.progressive.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the two options the core sends to the server as typed, Accept and urlArguments. HttpClient sends
 * any text as a header value or query, so a typo would only show as a 406 or 400 while a series loads;
 * an editor or a command that checks them names it while the user is still looking at it.
 */
final class RequestSyntax {
  /** An RFC 9110 token: type, subtype and parameter names ({@code *} included). */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /**
   * An unquoted parameter value. Looser than a token on purpose: Cornerstone3D and many servers write
   * {@code type=application/octet-stream} without quotes, and those servers accept it.
   */
  private static final Pattern BARE_VALUE = Pattern.compile("[^\\s\",;\\\\]+");
  /** A query key or value: RFC 3986 query characters except the separators {@code &} and {@code =}. */
  private static final Pattern QUERY_PART =
      Pattern.compile("(?:[A-Za-z0-9\\-._~!$'()*+,;:@/?]|%[0-9A-Fa-f]{2})*");

  private RequestSyntax() {}

  /** Checks Accept and urlArguments of some options and of their transfer-syntax entries, under {@code path}. */
  static void check(String path, RetrieveOptions options) {
    checkAccept(path + ".accept", options.accept());
    checkUrlArguments(path + ".urlArguments", options.urlArguments());
    options.transferSyntaxes().forEach((uid, nested) -> check(path + ".transferSyntaxes." + uid, nested));
  }

  /** Refuses an Accept value that is not a comma-separated list of media ranges; null means "not set". */
  static void checkAccept(String key, String accept) {
    if (accept == null) {
      return;
    }
    for (String range : splitOutsideQuotes(key, accept, ',')) {
      String problem = mediaRangeProblem(key, range.strip());
      if (problem != null) {
        throw new InvalidConfigurationException(key, accept, problem);
      }
    }
  }

  /** Refuses urlArguments that are not {@code key=value} pairs joined by {@code &}; null means "not set". */
  static void checkUrlArguments(String key, String arguments) {
    if (arguments == null) {
      return;
    }
    if (arguments.startsWith("?") || arguments.startsWith("&")) {
      throw new InvalidConfigurationException(key, arguments, "write the pairs without a leading '?' or '&'");
    }
    for (String pair : arguments.split("&", -1)) {
      String problem = pairProblem(pair);
      if (problem != null) {
        throw new InvalidConfigurationException(key, arguments, problem);
      }
    }
  }

  private static String pairProblem(String pair) {
    int equals = pair.indexOf('=');
    if (equals <= 0) {
      return "pair \"" + pair + "\" is not key=value";
    }
    String name = pair.substring(0, equals);
    String value = pair.substring(equals + 1);
    if (!QUERY_PART.matcher(name).matches() || !QUERY_PART.matcher(value.replace("=", "")).matches()) {
      return "pair \"" + pair + "\" holds a character a URL cannot carry (write it %-encoded, e.g. %20)";
    }
    return null;
  }

  private static String mediaRangeProblem(String key, String range) {
    if (range.isEmpty()) {
      return "an empty media range (stray ',')";
    }
    List<String> parts = splitOutsideQuotes(key, range, ';');
    String[] type = parts.getFirst().strip().split("/", -1);
    if (type.length != 2 || !TOKEN.matcher(type[0]).matches() || !TOKEN.matcher(type[1]).matches()) {
      return "\"" + parts.getFirst().strip() + "\" is not type/subtype, e.g. multipart/related";
    }
    for (String parameter : parts.subList(1, parts.size())) {
      if (!isParameter(parameter.strip())) {
        return "parameter \"" + parameter.strip() + "\" is not name=value, e.g. type=\"image/jls\"";
      }
    }
    return null;
  }

  private static boolean isParameter(String parameter) {
    int equals = parameter.indexOf('=');
    if (equals <= 0 || !TOKEN.matcher(parameter.substring(0, equals).strip()).matches()) {
      return false;
    }
    String value = parameter.substring(equals + 1).strip();
    return isQuoted(value) || BARE_VALUE.matcher(value).matches();
  }

  /** A quoted string whose closing quote is its last character ({@code \} escapes the next one). */
  private static boolean isQuoted(String value) {
    if (!value.startsWith("\"")) {
      return false;
    }
    int i = 1;
    while (i < value.length() && value.charAt(i) != '"') {
      i += value.charAt(i) == '\\' ? 2 : 1;
    }
    return i == value.length() - 1;
  }

  /** Splits on {@code separator} where it is not inside a quoted string; an open quote is an error. */
  private static List<String> splitOutsideQuotes(String key, String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quoted && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == separator && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new InvalidConfigurationException(key, text, "a quoted string is not closed");
    }
    parts.add(current.toString());
    return parts;
  }
}
