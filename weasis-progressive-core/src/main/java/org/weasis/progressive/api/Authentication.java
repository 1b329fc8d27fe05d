package org.weasis.progressive.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How requests to a node authenticate. The secret and the custom header values are secrets: never
 * printed, and left out of exports unless asked for. A null secret or an empty header value means
 * "not entered" (an import without secrets): nothing is sent for it.
 *
 * @param type NONE, BASIC (user + secret as password), BEARER (secret as token), HEADERS (custom only)
 * @param user the Basic user name, or null
 * @param secret the Basic password or the Bearer token, or null
 * @param headers extra headers sent to this node (API keys ...), with any type
 */
public record Authentication(Type type, String user, String secret, Map<String, String> headers) {
  /** How the Authorization header is made. */
  public enum Type {
    NONE,
    BASIC,
    BEARER,
    HEADERS
  }

  /** An HTTP header name is a token (RFC 9110). */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final String AUTHORIZATION = "Authorization";

  public Authentication {
    type = type == null ? Type.NONE : type;
    user = user == null || user.isBlank() ? null : user.strip();
    secret = secret == null || secret.isEmpty() ? null : secret;
    headers = checkHeaders(type, headers);
    if (type == Type.BASIC && user == null) {
      throw new InvalidConfigurationException("authentication.user", null, "Basic authentication needs a user");
    }
    if (type == Type.BASIC && user.contains(":")) {
      throw new InvalidConfigurationException("authentication.user", user, "a Basic user name cannot hold ':'");
    }
    if (secret != null && hasLineBreak(secret)) {
      throw new InvalidConfigurationException("authentication.secret", Hidden.VALUE, "cannot hold a line break");
    }
    if (type == Type.HEADERS && headers.isEmpty()) {
      throw new InvalidConfigurationException(
          "authentication.headers", "{}", "HEADERS authentication needs at least one header");
    }
  }

  public static Authentication none() {
    return new Authentication(Type.NONE, null, null, Map.of());
  }

  public static Authentication basic(String user, String password) {
    return new Authentication(Type.BASIC, user, password, Map.of());
  }

  public static Authentication bearer(String token) {
    return new Authentication(Type.BEARER, null, token, Map.of());
  }

  public static Authentication headers(Map<String, String> headers) {
    return new Authentication(Type.HEADERS, null, null, headers);
  }

  /** This authentication with extra custom headers. */
  public Authentication withHeaders(Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(extra);
    return new Authentication(type, user, secret, all);
  }

  /** The same authentication with the secret and header values removed, as an export without secrets has it. */
  public Authentication withoutSecrets() {
    Map<String, String> names = new LinkedHashMap<>();
    headers.keySet().forEach(name -> names.put(name, ""));
    return new Authentication(type, user, null, names);
  }

  /** True when a secret or a header value is missing (not entered, or left out of an import). */
  public boolean lacksSecrets() {
    boolean secretMissing = (type == Type.BASIC || type == Type.BEARER) && secret == null;
    return secretMissing || headers.containsValue("");
  }

  /** The headers to send ({@link NodeConfig#requestHeaders()}): custom ones with a value, then Authorization. */
  Map<String, String> httpHeaders() {
    Map<String, String> sent = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      if (!value.isEmpty()) {
        sent.put(name, value);
      }
    });
    if (type == Type.BASIC && secret != null) {
      String pair = user + ":" + secret;
      sent.put(AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else if (type == Type.BEARER && secret != null) {
      sent.put(AUTHORIZATION, "Bearer " + secret);
    }
    return sent;
  }

  /** Type, user and header names; whether a secret is set, never what it is. */
  @Override
  public String toString() {
    return "Authentication[" + type + (user == null ? "" : ", user=" + user)
        + (secret == null ? "" : ", secret=(set)")
        + (headers.isEmpty() ? "" : ", headers=" + headers.keySet().stream()
            .map(k -> k.toLowerCase(Locale.ROOT)).sorted().toList())
        + "]";
  }

  private static Map<String, String> checkHeaders(Type type, Map<String, String> headers) {
    if (headers == null) {
      return Map.of();
    }
    Map<String, String> checked = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String name = e.getKey() == null ? "" : e.getKey().strip();
      String key = "authentication.headers." + name;
      if (!TOKEN.matcher(name).matches()) {
        throw new InvalidConfigurationException("authentication.headers", name, "not a valid header name");
      }
      String value = e.getValue() == null ? "" : e.getValue().strip();
      if (hasLineBreak(value)) {
        throw new InvalidConfigurationException(key, Hidden.VALUE, "a header value cannot hold a line break");
      }
      if ((type == Type.BASIC || type == Type.BEARER) && name.equalsIgnoreCase(AUTHORIZATION)) {
        throw new InvalidConfigurationException(
            key, Hidden.VALUE, type + " authentication sets Authorization itself");
      }
      checked.put(name, value);
    }
    // Insertion order is kept so that a page lists the headers as the user entered them.
    return Collections.unmodifiableMap(checked);
  }

  private static boolean hasLineBreak(String value) {
    return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
  }

  /** Stands for a secret in an error message, which may end up in a log. */
  private enum Hidden {
    VALUE;

    @Override
    public String toString() {
      return "(hidden)";
    }
  }
}
