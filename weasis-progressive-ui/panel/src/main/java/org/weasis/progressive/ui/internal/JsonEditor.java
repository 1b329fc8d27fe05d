package org.weasis.progressive.ui.internal;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import org.weasis.progressive.api.InvalidConfigurationException;

/**
 * "Edit as JSON…": the whole retrieve configuration in Cornerstone3D's shape, for users who bring one from
 * OHIF. The text is checked with the core's parser as it is typed; Apply stays off while it names an error,
 * so a paste never half-applies.
 */
public final class JsonEditor {
  public static final String TEXT = "json.text";
  public static final String MESSAGE = "json.message";
  public static final String APPLY = "json.apply";
  public static final String CANCEL = "json.cancel";

  static final String TEXT_APPLY = "Apply JSON";
  static final String TEXT_CANCEL = "Cancel";
  static final String TEXT_VALID = "Valid: Apply JSON replaces the stages and options.";

  private final JTextArea text = new JTextArea(14, 60);
  private final StatusLabel message = new StatusLabel(MESSAGE);
  private final JButton apply = new JButton(TEXT_APPLY);
  private final JPanel panel = new JPanel(new BorderLayout(4, 4));

  /**
   * @param onApply given the text once it parses
   * @param onCancel leaves the editor without a change
   */
  public JsonEditor(Consumer<String> onApply, Runnable onCancel) {
    text.setName(TEXT);
    text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, text.getFont().getSize()));
    text.getDocument().addDocumentListener(new DocumentListener() {
      @Override
      public void insertUpdate(DocumentEvent e) {
        check();
      }

      @Override
      public void removeUpdate(DocumentEvent e) {
        check();
      }

      @Override
      public void changedUpdate(DocumentEvent e) {
        check();
      }
    });
    apply.setName(APPLY);
    apply.addActionListener(e -> onApply.accept(text.getText()));
    JButton cancel = new JButton(TEXT_CANCEL);
    cancel.setName(CANCEL);
    cancel.addActionListener(e -> onCancel.run());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING));
    buttons.add(apply);
    buttons.add(cancel);
    JPanel bottom = new JPanel(new BorderLayout());
    bottom.add(message, BorderLayout.CENTER);
    bottom.add(buttons, BorderLayout.EAST);
    panel.add(new JScrollPane(text), BorderLayout.CENTER);
    panel.add(bottom, BorderLayout.SOUTH);
  }

  public JPanel panel() {
    return panel;
  }

  /** Shows a configuration's JSON to edit. */
  public void open(String json) {
    text.setText(json);
    text.setCaretPosition(0);
    check();
  }

  private void check() {
    try {
      PreferencesModel.parseConfiguration(text.getText());
      message.showInfo(TEXT_VALID);
      apply.setEnabled(true);
    } catch (InvalidConfigurationException e) {
      message.showError(e.getMessage());
      apply.setEnabled(false);
    }
  }
}
