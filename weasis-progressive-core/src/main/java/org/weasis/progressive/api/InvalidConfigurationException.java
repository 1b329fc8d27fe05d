package org.weasis.progressive.api;

/** A retrieve configuration or node setting that cannot be used; the message names the key and value. */
public class InvalidConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String value;
  private final String reason;

  public InvalidConfigurationException(String key, Object value, String reason) {
    super(key + " = " + render(value) + ": " + reason);
    this.key = key;
    this.value = render(value);
    this.reason = reason;
  }

  /** The path of the offending key, for example {@code stages[2].decimate}. */
  public String key() {
    return key;
  }

  /** The offending value as text. */
  public String value() {
    return value;
  }

  public String reason() {
    return reason;
  }

  /** The same error with its key placed under {@code parent} (for example a stage's path). */
  public InvalidConfigurationException under(String parent) {
    InvalidConfigurationException e =
        new InvalidConfigurationException(parent + "." + key, new Rendered(value), reason);
    e.initCause(this);
    return e;
  }

  private static String render(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  private record Rendered(String text) {
    @Override
    public String toString() {
      return text;
    }
  }
}
