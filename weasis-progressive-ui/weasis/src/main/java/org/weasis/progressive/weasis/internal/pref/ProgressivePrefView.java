package org.weasis.progressive.weasis.internal.pref;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.Rectangle;
import javax.swing.JLabel;
import javax.swing.JViewport;
import javax.swing.Scrollable;
import javax.swing.SwingConstants;
import org.weasis.core.api.gui.util.AbstractItemDialogPage;
import org.weasis.core.ui.pref.PreferenceDialog;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.ui.ProgressivePreferencesPanel;
import org.weasis.progressive.weasis.internal.Messages;

/**
 * The page: Weasis' DICOMweb nodes in the shared preferences panel, each with its "Progressive" checkbox and
 * retrieve configuration. Weasis shows a page in a scrolled area about 600 pixels wide: the page takes that
 * width (its tables narrow down) and scrolls only vertically, so nothing is out of sight sideways. Weasis'
 * Apply and Restore buttons are shown too, as the panel's own may be scrolled out of sight below. Closing the
 * dialog applies valid edits, as Weasis' pages do.
 */
public class ProgressivePrefView extends AbstractItemDialogPage implements Scrollable {
  /** Under DICOM (Weasis places pages of position 601..699 there), after DICOM node list (605). */
  public static final int PAGE_POSITION = 609;

  private final ProgressivePreferencesPanel panel;

  public ProgressivePrefView(NodeStore weasisNodes, NodeProbe probe) {
    super(Messages.getString("ProgressivePrefView.title"), PAGE_POSITION);
    panel = ProgressivePreferencesPanel.forHostNodes(weasisNodes, probe);
    // HTML so the line wraps to the page instead of widening it.
    JLabel intro = new JLabel("<html><body style='width:440px'>" + Messages.getString("ProgressivePrefView.intro"));
    intro.setAlignmentX(Component.LEFT_ALIGNMENT);
    panel.setAlignmentX(Component.LEFT_ALIGNMENT);
    add(intro);
    add(panel);
    getProperties().setProperty(PreferenceDialog.KEY_SHOW_APPLY, Boolean.TRUE.toString());
    getProperties().setProperty(PreferenceDialog.KEY_SHOW_RESTORE, Boolean.TRUE.toString());
  }

  @Override
  public Dimension getPreferredScrollableViewportSize() {
    return getPreferredSize();
  }

  @Override
  public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
    return 16;
  }

  @Override
  public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
    return orientation == SwingConstants.VERTICAL ? visible.height - 16 : visible.width - 16;
  }

  /** The page is as wide as Weasis' page area: never wider (no sideways scrolling). */
  @Override
  public boolean getScrollableTracksViewportWidth() {
    return true;
  }

  /** Taller than the page area, it scrolls; shorter, it keeps its height (the rest stays empty). */
  @Override
  public boolean getScrollableTracksViewportHeight() {
    return getParent() instanceof JViewport viewport && viewport.getHeight() > getPreferredSize().height;
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
