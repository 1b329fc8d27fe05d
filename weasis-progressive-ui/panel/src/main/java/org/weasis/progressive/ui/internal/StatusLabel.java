package org.weasis.progressive.ui.internal;

import java.awt.Color;
import javax.swing.JLabel;
import javax.swing.UIManager;

/** The one-line message under a form: red when it names what blocks Apply, plain otherwise. */
public final class StatusLabel extends JLabel {
  private static final long serialVersionUID = 1L;
  public static final Color ERROR_COLOR = new Color(0xB00020);

  public StatusLabel(String name) {
    super(" ");
    setName(name);
  }

  public void showError(String message) {
    setForeground(ERROR_COLOR);
    setText(message);
    // The label is one line wide; the tooltip shows a long message in full.
    setToolTipText(message);
  }

  public void showInfo(String message) {
    setForeground(UIManager.getColor("Label.foreground"));
    setText(message);
    setToolTipText(null);
  }
}
