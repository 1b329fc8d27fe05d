package org.weasis.progressive.server;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict little JSON reader, so tests can check the hand-written JSON without a JSON library. */
final class MiniJson {
  private final String text;
  private int at;

  private MiniJson(String text) {
    this.text = text;
  }

  /** Objects become maps, arrays lists, numbers BigDecimal; anything not JSON throws. */
  static Object parse(String text) {
    MiniJson reader = new MiniJson(text);
    Object value = reader.value();
    reader.skipSpace();
    if (reader.at != text.length()) {
      throw reader.error("trailing characters");
    }
    return value;
  }

  private Object value() {
    skipSpace();
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return switch (text.charAt(at)) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    expect('{');
    if (peek() == '}') {
      at++;
      return map;
    }
    do {
      skipSpace();
      String key = string();
      expect(':');
      if (map.put(key, value()) != null) {
        throw error("duplicate key " + key);
      }
    } while (next(',', '}') == ',');
    return map;
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    expect('[');
    if (peek() == ']') {
      at++;
      return list;
    }
    do {
      list.add(value());
    } while (next(',', ']') == ',');
    return list;
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("raw control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escaped = charAt(at++);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw error("bad escape \\" + escaped);
      }
    }
  }

  private BigDecimal number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String token = text.substring(start, at);
    if (!token.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      throw error("not a JSON value: '" + token + "'");
    }
    return new BigDecimal(token);
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("expected " + word);
    }
    at += word.length();
    return value;
  }

  private void expect(char c) {
    skipSpace();
    if (charAt(at) != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private char next(char a, char b) {
    skipSpace();
    char c = charAt(at++);
    if (c != a && c != b) {
      throw error("expected '" + a + "' or '" + b + "'");
    }
    return c;
  }

  private char peek() {
    skipSpace();
    return charAt(at);
  }

  private char charAt(int i) {
    if (i >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(i);
  }

  private void skipSpace() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at offset " + at);
  }
}
