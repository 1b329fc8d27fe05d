package org.weasis.progressive.ui.internal;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** Lays out label / field pairs one per line, which every form of the page needs. */
final class FormLayout {
  private final JPanel panel = new JPanel(new GridBagLayout());
  private int row;

  JPanel panel() {
    return panel;
  }

  /** Adds a labelled field, naming the field so tests and scripts can find it. */
  FormLayout add(String label, String name, JComponent field) {
    field.setName(name);
    GridBagConstraints c = new GridBagConstraints();
    c.gridy = row++;
    c.insets = new Insets(2, 4, 2, 4);
    c.anchor = GridBagConstraints.LINE_START;
    panel.add(new JLabel(label), c);
    c.gridx = 1;
    c.weightx = 1;
    c.fill = GridBagConstraints.HORIZONTAL;
    panel.add(field, c);
    return this;
  }
}
