package org.weasis.progressive.weasis.internal.pref;

import java.awt.Component;
import javax.swing.JLabel;
import org.weasis.core.api.gui.util.AbstractItemDialogPage;
import org.weasis.core.ui.pref.PreferenceDialog;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.ui.ProgressivePreferencesPanel;

/**
 * The page: Weasis' DICOMweb nodes in the shared preferences panel, each with its "Progressive" checkbox and
 * retrieve configuration. Weasis' Apply and Restore buttons are shown too: the panel is wider than Weasis'
 * dialog, and its own buttons can end up scrolled out of sight. Closing the dialog applies valid edits, as
 * Weasis' pages do.
 */
public class ProgressivePrefView extends AbstractItemDialogPage {
  /** Under DICOM (Weasis places pages of position 601..699 there), after DICOM node list (605). */
  public static final int PAGE_POSITION = 609;

  private final ProgressivePreferencesPanel panel;

  public ProgressivePrefView(NodeStore weasisNodes, NodeProbe probe) {
    super(Messages.getString("ProgressivePrefView.title"), PAGE_POSITION);
    panel = ProgressivePreferencesPanel.forHostNodes(weasisNodes, probe);
    // HTML so the line wraps to the page instead of widening it.
    JLabel intro = new JLabel("<html><body style='width:560px'>" + Messages.getString("ProgressivePrefView.intro"));
    intro.setAlignmentX(Component.LEFT_ALIGNMENT);
    panel.setAlignmentX(Component.LEFT_ALIGNMENT);
    add(intro);
    add(panel);
    getProperties().setProperty(PreferenceDialog.KEY_SHOW_APPLY, Boolean.TRUE.toString());
    getProperties().setProperty(PreferenceDialog.KEY_SHOW_RESTORE, Boolean.TRUE.toString());
  }

  /** Stores every changed node; refused, with the reason shown, while a value is invalid. */
  public void apply() {
    panel.apply();
  }

  @Override
  public void resetToDefaultValues() {
    panel.resetToDefaultValues();
  }

  @Override
  public void closeAdditionalWindow() {
    apply();
  }
}
