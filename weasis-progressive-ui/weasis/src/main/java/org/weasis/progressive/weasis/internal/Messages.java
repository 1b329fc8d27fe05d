package org.weasis.progressive.weasis.internal;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-visible text of the binding, from {@code messages.properties} beside this class: Weasis' convention,
 * one Messages and one properties file for a bundle's package tree.
 */
public final class Messages {
  private static final ResourceBundle BUNDLE =
      ResourceBundle.getBundle("org.weasis.progressive.weasis.internal.messages");

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
