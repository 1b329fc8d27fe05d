package org.weasis.progressive.weasis.internal.pref;

import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** User-visible text of the preferences page, from messages.properties (Weasis' convention). */
public final class Messages {
  private static final ResourceBundle BUNDLE =
      ResourceBundle.getBundle("org.weasis.progressive.weasis.internal.pref.messages");

  private Messages() {}

  public static String getString(String key) {
    try {
      return BUNDLE.getString(key);
    } catch (MissingResourceException e) {
      return '!' + key + '!';
    }
  }
}
