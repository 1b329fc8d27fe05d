package org.weasis.progressive.ui.internal;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * Lays out label / field pairs, which every form of the page needs: one pair per line, or several side by
 * side where a form must stay short (the cell form sits under a table).
 */
final class FormLayout {
  private final JPanel panel = new JPanel(new GridBagLayout());
  private final int pairsPerLine;
  private int count;

  FormLayout() {
    this(1);
  }

  FormLayout(int pairsPerLine) {
    this.pairsPerLine = pairsPerLine;
  }

  JPanel panel() {
    return panel;
  }

  /** Adds a labelled field, naming the field so tests and scripts can find it. */
  FormLayout add(String label, String name, JComponent field) {
    place(label, name, field, 1);
    count++;
    return this;
  }

  /** Adds a field on a line of its own, as wide as the form, for values that run long (headers, URLs). */
  FormLayout addWide(String label, String name, JComponent field) {
    count = (count + pairsPerLine - 1) / pairsPerLine * pairsPerLine;
    place(label, name, field, GridBagConstraints.REMAINDER);
    count += pairsPerLine;
    return this;
  }

  private void place(String label, String name, JComponent field, int fieldWidth) {
    field.setName(name);
    GridBagConstraints c = new GridBagConstraints();
    c.gridx = (count % pairsPerLine) * 2;
    c.gridy = count / pairsPerLine;
    c.insets = new Insets(2, 4, 2, 4);
    c.anchor = GridBagConstraints.LINE_START;
    panel.add(new JLabel(label), c);
    c.gridx++;
    c.gridwidth = fieldWidth;
    c.weightx = 1;
    c.fill = GridBagConstraints.HORIZONTAL;
    panel.add(field, c);
  }
}
