package org.weasis.progressive.weasis.internal.viewer;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** User-visible text of the viewer side (Weasis' convention: one bundle per package). */
public final class Messages {
  private static final ResourceBundle BUNDLE =
      ResourceBundle.getBundle("org.weasis.progressive.weasis.internal.viewer.messages");

  private Messages() {}

  public static String getString(String key) {
    try {
      return BUNDLE.getString(key);
    } catch (MissingResourceException e) {
      return '!' + key + '!';
    }
  }

  public static String format(String key, Object... arguments) {
    return new MessageFormat(getString(key)).format(arguments);
  }
}
